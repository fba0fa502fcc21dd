package tokens

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/editdoc"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/progress"
)

// Expire instead of delete: the marked tokens get an expiry date (two
// weeks by default) instead of being deleted, so an integration nobody
// remembered keeps working until then and the change can be undone. Each
// token gets its own patch from the edit loop's generator, guarded by a
// test of its current expiry.

// DefaultExpireIn is how far out the expiry prompt starts.
const DefaultExpireIn = 14 * 24 * time.Hour

// expiryVerbs name an expiry run in the progress panel.
func expiryVerbs() progress.Verbs {
	return progress.Verbs{Doing: "expiring", Done: "expiry set", Noun: "bulk expiry"}
}

// restoreVerbs name its undo.
func restoreVerbs() progress.Verbs {
	return progress.Verbs{Doing: "restoring", Done: "expiry restored", Noun: "restore"}
}

// expiryRefusal is why x is disabled in this API family ("" when it works).
func expiryRefusal(f client.Family) string {
	if f.SupportsNeverExpiring() {
		return ""
	}
	return fmt.Sprintf("the expiry cannot be patched with --api %s; start sailtui with --api v1, v2025 or v2026", f)
}

// ParseExpireAt reads the expiry prompt: "in 14d", "30d", "2w"… (d and
// w, and Go durations), or a date (YYYY-MM-DD, midnight UTC). Empty is
// the default. The result must be in the future.
func ParseExpireAt(text string, now time.Time) (time.Time, error) {
	t := strings.TrimSpace(strings.ToLower(text))
	// A delay lands on the next whole minute: a clean time, and never
	// less than asked for ("in 14d" reads as 14d, not 13d).
	after := func(d time.Duration) time.Time { return now.Add(d).Truncate(time.Minute).Add(time.Minute) }
	if t == "" {
		return after(DefaultExpireIn), nil
	}
	if d, err := time.Parse("2006-01-02", t); err == nil {
		if !d.After(now) {
			return time.Time{}, fmt.Errorf("%s is not in the future", t)
		}
		return d, nil
	}
	t = strings.TrimSpace(strings.TrimPrefix(t, "in "))
	if n, ok := strings.CutSuffix(t, "w"); ok {
		t = n + "d"
		if d, err := stale.ParseDays(t); err == nil {
			return after(7 * d), nil
		}
	}
	d, err := stale.ParseDays(t)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q: write a date (YYYY-MM-DD) or a delay such as in 7d, in 30d, 2w", text)
	}
	if d <= 0 {
		return time.Time{}, fmt.Errorf("%q is not in the future", text)
	}
	return after(d), nil
}

// expiryPlan is a bulk expiry worked out for the selection.
type expiryPlan struct {
	at      time.Time
	change  []client.PersonalAccessToken // get the new expiry
	sooner  []client.PersonalAccessToken // already expire before it: left alone
	patches map[string]patchdiff.Patch   // token id → its guarded patch
	after   map[string][]byte            // token id → its document once patched (for undo)
}

// expiryChange is the plan as a run: every token from its expiry now to
// the new date.
func (p expiryPlan) expiryChange() expiryChange {
	c := expiryChange{action: audit.ActionExpirePAT, verbs: expiryVerbs(), toks: p.change, patches: p.patches,
		from: map[string]expiryState{}, to: map[string]expiryState{}}
	at := p.at
	for _, t := range p.change {
		c.from[t.ID], c.to[t.ID] = expiryOf(t), expiryState{date: &at}
	}
	return c
}

// planExpiry works out each token's patch; a token that already expires
// at or before at is left alone.
func planExpiry(toks []client.PersonalAccessToken, at time.Time) (expiryPlan, error) {
	p := expiryPlan{at: at, patches: map[string]patchdiff.Patch{}, after: map[string][]byte{}}
	rules := patchdiff.PATRules(true)
	for _, t := range toks {
		if pats.ExpiresBy(&t, at) {
			p.sooner = append(p.sooner, t)
			continue
		}
		doc, err := json.Marshal(t)
		if err != nil {
			return p, err
		}
		// Only the two members change: set on the document as it is, so
		// nothing else (a false flag the server sent) comes and goes.
		members, err := editdoc.Split(doc)
		if err != nil {
			return p, err
		}
		members.Set("expirationDate", json.RawMessage(`"`+at.UTC().Format(time.RFC3339Nano)+`"`))
		if _, ok := members.Values["userAwareTokenNeverExpires"]; ok {
			members.Set("userAwareTokenNeverExpires", json.RawMessage("false"))
		}
		want, err := members.Join()
		if err != nil {
			return p, err
		}
		res, err := patchdiff.Diff(doc, want, rules)
		if err != nil {
			return p, fmt.Errorf("token %s: %w", t.ID, err)
		}
		p.change = append(p.change, t)
		p.patches[t.ID], p.after[t.ID] = res.Patch, res.Patched
	}
	return p, nil
}

// startExpire asks for the date, for the marked tokens or the selected one.
func (m *Model) startExpire() tea.Cmd {
	if m.bulk != nil || m.checking != 0 {
		return common.Toast(common.ToastWarning, "A bulk change is already running")
	}
	toks, marked := m.selection()
	if len(toks) == 0 {
		return common.Toast(common.ToastInfo, "Nothing to expire: mark tokens with space, or select one")
	}
	p := newExpiryPrompt(m.Common, len(toks))
	m.expiring = &expiryAsk{toks: toks, marked: marked}
	return common.PushModal(expiryID, p)
}

// onExpiryChosen plans the expiry and opens the confirm dialog.
func (m *Model) onExpiryChosen(msg expiryChosenMsg) tea.Cmd {
	ask := m.expiring
	m.expiring = nil
	pop := common.PopModal(expiryID)
	if ask == nil || msg.cancelled {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Nothing expired"))
	}
	plan, err := planExpiry(ask.toks, msg.at)
	if err != nil {
		return tea.Batch(pop, common.Toast(common.ToastError, "Not expired: "+err.Error()))
	}
	if len(plan.change) == 0 {
		return tea.Batch(pop, common.Toast(common.ToastInfo, fmt.Sprintf("Nothing to do: %s already expire by %s",
			plural(len(plan.sooner), "token"), timefmt.Absolute(msg.at))))
	}
	spec := m.expireSpec(plan)
	return tea.Batch(pop, m.confirmRun(plan.change, ask.marked, &spec, confirm.Request{
		Verb:        "Expire",
		Consequence: "Their owners' integrations keep working until then; u in the summary, or e on a token, puts the old expiry back.",
		Details:     m.expiryDetails(plan),
	}))
}

// expiryDetails are the confirm dialog's lines: the date, the tokens left
// alone, and one example patch exactly as it will be sent.
func (m *Model) expiryDetails(p expiryPlan) []string {
	out := []string{fmt.Sprintf("New expiry: %s (%s).", timefmt.Absolute(p.at), timefmt.Relative(m.Now(), p.at))}
	if n := len(p.sooner); n > 0 {
		var names []string
		for i, t := range p.sooner {
			if i == 3 {
				names = append(names, fmt.Sprintf("and %d more", n-3))
				break
			}
			names = append(names, sanitize.Line(t.Name))
		}
		out = append(out, fmt.Sprintf("%s already %s sooner and %s left alone: %s.", plural(n, "token"), verbS(n, "expire"),
			isAre(n), strings.Join(names, ", ")))
	}
	c := p.expiryChange()
	return append(out, m.splitDetails(c)...)
}

func verbS(n int, v string) string {
	if n == 1 {
		return v + "s"
	}
	return v
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// expireSpec runs the plan: the caller's tokens with their guarded
// patches, the others through the bulk update (expirerun.go).
func (m *Model) expireSpec(p expiryPlan) bulkSpec {
	spec := m.expirySpec(p.expiryChange())
	befores := map[string][]byte{}
	for _, t := range p.change {
		befores[t.ID], _ = json.Marshal(t)
	}
	spec.Undo = func(done []client.PersonalAccessToken) (bulkSpec, []client.PersonalAccessToken) {
		return m.restoreSpec(p.after, befores, done)
	}
	return spec
}

// restoreSpec puts the old expiry back on done, by the same split: the
// caller's tokens with patches made against the document the expiry
// wrote (so the guard tests the new value and a later change is refused,
// not clobbered), the others through the bulk update, left out when their
// expiry is no longer the one the run set.
func (m *Model) restoreSpec(after, before map[string][]byte, done []client.PersonalAccessToken) (bulkSpec, []client.PersonalAccessToken) {
	rules := patchdiff.PATRules(true)
	c := expiryChange{action: audit.ActionRestoreExpiryPAT, verbs: restoreVerbs(), patches: map[string]patchdiff.Patch{},
		from: map[string]expiryState{}, to: map[string]expiryState{}}
	for _, t := range done {
		res, err := patchdiff.Diff(after[t.ID], before[t.ID], rules)
		if err != nil || len(res.Patch) == 0 {
			continue
		}
		var old, now client.PersonalAccessToken
		_ = json.Unmarshal(before[t.ID], &old)
		_ = json.Unmarshal(after[t.ID], &now)
		c.patches[t.ID], c.from[t.ID], c.to[t.ID] = res.Patch, expiryOf(now), expiryOf(old)
		c.toks = append(c.toks, t)
	}
	return m.expirySpec(c), c.toks
}

// onUndoRun answers the panel's u: the same bulk path, the old values
// back, through the confirm dialog.
func (m *Model) onUndoRun(msg progress.UndoMsg) tea.Cmd {
	run := m.bulk
	m.bulk = nil
	pop := common.PopModal(progressID)
	if run == nil || run.Spec.Undo == nil {
		return pop
	}
	spec, toks := run.Spec.Undo(run.Pick(msg.IDs))
	if len(toks) == 0 {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Nothing to undo"))
	}
	details := []string{"Undo of the bulk expiry just run: the expiry each token had before."}
	return tea.Batch(pop, m.confirmRun(toks, true, &spec, confirm.Request{
		Verb:        "Restore",
		Consequence: "Each old expiry comes back only where the token still has the one this run set.",
		Details:     details,
	}))
}
