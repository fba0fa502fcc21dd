package audit

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sailtui/sailtui/ui/data/timefmt"
)

// Settling: an intent without an outcome is a change whose process ended
// (kill -9, a lost terminal) before it could record what happened. The
// next start settles every kind's open intents at once, each with its own
// kind's Settler: a delete by asking whether the resource is still there,
// any other change closed as outcome unknown (the resource cannot tell
// whether it happened). No kind touches another's entries.

// Settler is one kind's part in settling.
type Settler struct {
	Kind Kind
	// Noun names one resource in the report ("token", "app").
	Noun string
	// Deletes reports whether an action removes the resource: only then
	// does the resource tell whether it happened.
	Deletes func(action string) bool
	// Present checks the resources of open deletes: the ids it could
	// check, with whether each is still there. Ids it leaves out stay
	// open; why says why (not visible to this identity). An error leaves
	// them all open.
	Present func(ctx context.Context, intents []Entry) (present map[string]bool, why string, err error)
}

// Settling is where and as whom the open intents are settled.
type Settling struct {
	Log     *Log
	BaseURL string
	Actor   Actor
	Now     func() time.Time
	// ReadOnly checks nothing and writes nothing: it only counts.
	ReadOnly bool
}

// KindReport is what settling did for one kind.
type KindReport struct {
	Noun                      string
	Deleted, Present, Unknown int // settled and recorded
	Undecided                 int // left open
	Why                       string
}

// Report is what settling did.
type Report struct {
	Kinds []KindReport
	// Unreadable are log lines that are not entries (skipped); Foreign
	// are open intents of a kind nothing here settles (a newer sailtui's).
	Unreadable, Foreign int
	// Elsewhere are the open intents of other tenants, by base URL: a
	// session on that tenant settles them.
	Elsewhere map[string]int
	Err       error
}

// readOnlyWhy is why a read-only session leaves intents open.
const readOnlyWhy = "read-only: a session that can make changes records them"

// Settle settles the open intents of s.BaseURL with settlers, kind by
// kind, and records the outcomes.
func Settle(ctx context.Context, s Settling, settlers []Settler) Report {
	entries, unreadable, err := ReadTolerant(s.Log.Path())
	if err != nil {
		return Report{Err: err}
	}
	byKind := map[Kind][]Entry{}
	open, elsewhere := openIntents(entries, s.BaseURL)
	for _, e := range open {
		byKind[e.Kind] = append(byKind[e.Kind], e)
	}
	rep := Report{Unreadable: unreadable}
	for _, e := range elsewhere {
		if rep.Elsewhere == nil {
			rep.Elsewhere = map[string]int{}
		}
		rep.Elsewhere[RedactURL(e.BaseURL)]++
	}
	var out []Entry
	for _, st := range settlers {
		open := byKind[st.Kind]
		delete(byKind, st.Kind)
		if len(open) == 0 {
			continue
		}
		kr, settled, err := settleKind(ctx, s, st, open)
		rep.Kinds = append(rep.Kinds, kr)
		out = append(out, settled...)
		if err != nil && rep.Err == nil {
			rep.Err = err
		}
	}
	for _, open := range byKind {
		rep.Foreign += len(open)
	}
	if err := s.Log.Append(out...); err != nil {
		return Report{Unreadable: unreadable, Err: err}
	}
	return rep
}

// settleKind settles one kind's open intents.
func settleKind(ctx context.Context, s Settling, st Settler, open []Entry) (KindReport, []Entry, error) {
	kr := KindReport{Noun: st.Noun}
	if s.ReadOnly {
		kr.Undecided, kr.Why = len(open), readOnlyWhy
		return kr, nil, nil
	}
	var out, deletes []Entry
	for _, e := range open {
		if st.Deletes(e.Action) {
			deletes = append(deletes, e)
			continue
		}
		out = append(out, Unsettled(s.Now(), e, s.Actor))
		kr.Unknown++
	}
	if len(deletes) == 0 {
		return kr, out, nil
	}
	present, why, err := st.Present(ctx, deletes)
	if err != nil {
		kr.Undecided, kr.Why = len(deletes), err.Error()
		return kr, out, err
	}
	for _, e := range deletes {
		there, checked := present[e.ResourceID]
		switch {
		case !checked:
			kr.Undecided, kr.Why = kr.Undecided+1, why
			continue
		case there:
			kr.Present++
		default:
			kr.Deleted++
		}
		out = append(out, Reconciled(s.Now(), e, s.Actor, !there))
	}
	return kr, out, nil
}

// Text is the report for people, "" when there is nothing to say.
func (r Report) Text() string {
	var parts []string
	for _, k := range r.Kinds {
		if n := k.Deleted + k.Present; n > 0 {
			parts = append(parts, fmt.Sprintf("%s confirmed after restart (%d deleted, %d still present)",
				timefmt.Plural(n, k.Noun+" delete"), k.Deleted, k.Present))
		}
		if k.Unknown > 0 {
			parts = append(parts, timefmt.Plural(k.Unknown, k.Noun+" change")+" recorded as outcome unknown")
		}
		if k.Undecided > 0 {
			parts = append(parts, fmt.Sprintf("%s still unrecorded (%s)", timefmt.Plural(k.Undecided, k.Noun+" change"), k.Why))
		}
	}
	if len(r.Elsewhere) > 0 {
		parts = append(parts, r.elsewhereText())
	}
	if r.Foreign > 0 {
		parts = append(parts, timefmt.Plural(r.Foreign, "change")+" of a kind this sailtui does not know left open")
	}
	if r.Unreadable > 0 {
		parts = append(parts, "the audit log has "+timefmt.Plural(r.Unreadable, "line")+" that could not be read, skipped")
	}
	switch {
	case r.Err != nil && len(parts) == 0:
		return "An earlier run's unrecorded changes could not be checked: " + r.Err.Error()
	case len(parts) == 0:
		return ""
	case r.Err != nil:
		parts = append(parts, "could not check the rest: "+r.Err.Error())
	}
	return "An earlier run ended mid-change: " + strings.Join(parts, "; ") + " (:audit shows them)"
}

// elsewhereText names the other tenants with open changes, the most
// first, three at most.
func (r Report) elsewhereText() string {
	urls := make([]string, 0, len(r.Elsewhere))
	n := 0
	for u, c := range r.Elsewhere {
		urls = append(urls, u)
		n += c
	}
	sort.Slice(urls, func(i, j int) bool {
		a, b := r.Elsewhere[urls[i]], r.Elsewhere[urls[j]]
		return a > b || a == b && urls[i] < urls[j]
	})
	var named []string
	for _, u := range urls[:min(3, len(urls))] {
		named = append(named, fmt.Sprintf("%d on %s", r.Elsewhere[u], u))
	}
	if len(urls) > 3 {
		named = append(named, fmt.Sprintf("%d more tenants", len(urls)-3))
	}
	return fmt.Sprintf("%s of other tenants left open (%s): a session on that tenant settles them",
		timefmt.Plural(n, "change"), strings.Join(named, ", "))
}
