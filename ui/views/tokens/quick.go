package tokens

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/widgets/filterprompt"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// The list's quick view (its Only): stale tokens (s), or one of the
// risk views f offers beside the server filters (owner left, expiring
// soon, never expires, all-powerful, admin owner). These are decided
// here, from what is loaded: the token list cannot filter on them.

// quick is which rows the quick view keeps.
type quick int32

const (
	quickStale quick = iota
	quickOwnerLeft
	quickExpiringSoon
	quickNeverExpires
	quickAllPowerful
	quickAdminOwner
	numQuick
	quickOwner // one owner's tokens (the sweep, L): not a preset
)

// localPrefix marks a quick view in the server filter prompt.
const localPrefix = "only:"

func (q quick) name() string {
	return [...]string{"stale", "owner-left", "expiring-soon", "never-expires", "all-powerful", "admin-owner", "", "owner"}[q]
}

func (q quick) label() string {
	return [...]string{"stale only", "owner left or away", "expires within 30 days", "never expires",
		"all-powerful (sp:scopes:all)", "owner is an admin", "", "one owner"}[q]
}

// keep reports whether the quick view shows r (quickOwner is the
// view's own: see keepOwner).
func (q quick) keep(r *pats.Row) bool {
	switch q {
	case quickOwnerLeft:
		return r.OwnerState == owners.Left || r.OwnerState == owners.Missing || r.OwnerState == owners.Away
	case quickExpiringSoon:
		return r.Risk&pats.RiskExpiringSoon != 0
	case quickNeverExpires:
		return r.Risk&pats.RiskNeverExpires != 0
	case quickAllPowerful:
		return r.Risk&pats.RiskAllPowerful != 0
	case quickAdminOwner:
		return r.Risk&pats.RiskAdminOwner != 0
	}
	return r.Stale != stale.NotStale
}

// quickPresets are the quick views f offers after the server filters.
func quickPresets() []filterprompt.Preset {
	out := make([]filterprompt.Preset, 0, numQuick-1)
	for q := quickOwnerLeft; q < numQuick; q++ {
		label := q.label()
		out = append(out, filterprompt.Preset{Label: strings.ToUpper(label[:1]) + label[1:] + " (of the loaded tokens)",
			Expr: localPrefix + q.name()})
	}
	return out
}

// quickNamed is the quick view named in text ("only:owner-left").
func quickNamed(text string) (quick, bool) {
	name, ok := strings.CutPrefix(strings.TrimSpace(text), localPrefix)
	if !ok {
		return 0, false
	}
	for q := quickStale; q < numQuick; q++ {
		if q.name() == name {
			return q, true
		}
	}
	return 0, false
}

// setQuick shows only the rows q keeps (the same again: all rows). It
// ends a sweep.
func (m *Model) setQuick(q quick) tea.Cmd {
	if m.rows.Query().Only && quick(m.quick.Load()) == q {
		m.sweep.Store(nil)
		return m.rows.ToggleOnly()
	}
	if q != quickOwner {
		m.sweep.Store(nil)
	}
	return m.setQuickOn(q)
}

// setQuickOn shows only the rows q keeps.
func (m *Model) setQuickOn(q quick) tea.Cmd {
	m.quick.Store(int32(q))
	if !m.rows.Query().Only {
		return m.rows.ToggleOnly()
	}
	return m.rows.Rebuild() // another rule under the same query: from scratch
}

// onQuickAnswer takes a quick view chosen in the filter prompt; ok is
// false for a server filter.
func (m *Model) onQuickAnswer(msg textprompt.AnswerMsg) (tea.Cmd, bool) {
	q, ok := quickNamed(msg.Text)
	if !msg.OK || !ok {
		return nil, false
	}
	if (q == quickOwnerLeft || q == quickAdminOwner) && !m.owners.Reading() {
		return tea.Batch(common.PopModal(filterID), common.Toast(common.ToastWarning, "Owners are not read in this session")), true
	}
	return tea.Batch(common.PopModal(filterID), m.setQuick(q)), true
}

// onlyNamed shows the quick view called name ("stale", "owner-left"…;
// "" shows every token): a saved view's only:.
func (m *Model) onlyNamed(name string) (tea.Cmd, error) {
	if name == "" {
		m.sweep.Store(nil)
		if m.rows.Query().Only {
			return m.rows.ToggleOnly(), nil
		}
		return nil, nil
	}
	q, ok := quickNamed(localPrefix + name)
	if !ok || q == quickOwner {
		var names []string
		for q := quickStale; q < numQuick; q++ {
			names = append(names, q.name())
		}
		return nil, fmt.Errorf("no quick view %q: %s", name, strings.Join(names, ", "))
	}
	m.sweep.Store(nil)
	return m.setQuickOn(q), nil
}
