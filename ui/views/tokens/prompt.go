package tokens

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/sailtui/sailtui/client/filter"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/stale"
)

// filterPrompt picks the server-side `filters` of the list request. The API
// only filters on lastUsed (le, isnull), so it offers presets built with
// the filter builder rather than a free-form expression.
type filterPrompt struct {
	common.Common
	choice  int // 0 none, 1 never used, 2 not used since
	date    textinput.Model
	problem string
	km      promptKeys
}

const (
	choiceNone = iota
	choiceNeverUsed
	choiceNotUsedSince
	numChoices
)

type promptKeys struct {
	common.Disabler
	Up, Down, Apply, Cancel key.Binding
}

func (k promptKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Up, k.Down, k.Apply, k.Cancel} }
func (k promptKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func newFilterPrompt(c common.Common, current serverFilter, since time.Time) *filterPrompt {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 25
	in.Width = 12
	in.Placeholder = "YYYY-MM-DD"
	in.Cursor.SetMode(cursor.CursorStatic)
	in.SetValue(since.UTC().Format(time.DateOnly))
	p := &filterPrompt{Common: c, date: in, km: promptKeys{
		Up:     common.NewBinding("↑", "previous", "up", "shift+tab"),
		Down:   common.NewBinding("↓/tab", "next", "down", "tab"),
		Apply:  common.NewBinding("enter", "apply", "enter"),
		Cancel: common.NewBinding("esc", "cancel", "esc"),
	}}
	switch {
	case strings.HasPrefix(current.label, "not used since"):
		p.choice = choiceNotUsedSince
		p.date.SetValue(strings.TrimSpace(strings.TrimPrefix(current.label, "not used since")))
	case current.label == "never used":
		p.choice = choiceNeverUsed
	}
	p.focus()
	return p
}

func (p *filterPrompt) keys() common.KeyMap { return p.km }

func (p *filterPrompt) focus() {
	if p.choice == choiceNotUsedSince {
		p.date.Focus()
		p.date.CursorEnd()
	} else {
		p.date.Blur()
	}
}

// updatePrompt handles keys while the prompt is open.
func (m *Model) updatePrompt(msg tea.KeyMsg) tea.Cmd {
	p := m.prompt
	switch {
	case key.Matches(msg, p.km.Cancel):
		m.prompt = nil
		return nil
	case key.Matches(msg, p.km.Up):
		p.choice = (p.choice + numChoices - 1) % numChoices
		p.focus()
		return nil
	case key.Matches(msg, p.km.Down):
		p.choice = (p.choice + 1) % numChoices
		p.focus()
		return nil
	case key.Matches(msg, p.km.Apply):
		f, err := p.result(m.Now())
		if err != nil {
			p.problem = err.Error()
			return nil
		}
		m.prompt = nil
		if f == m.server {
			return nil
		}
		m.server = f
		return m.load()
	}
	if p.choice == choiceNotUsedSince {
		var cmd tea.Cmd
		p.date, cmd = p.date.Update(msg)
		p.problem = ""
		return cmd
	}
	return nil
}

// result builds the filter for the current choice.
func (p *filterPrompt) result(now time.Time) (serverFilter, error) {
	switch p.choice {
	case choiceNeverUsed:
		return serverFilter{label: "never used", expr: filter.IsNull("lastUsed").String()}, nil
	case choiceNotUsedSince:
		t, err := parseSince(p.date.Value(), now)
		if err != nil {
			return serverFilter{}, err
		}
		if t.After(now) {
			return serverFilter{}, fmt.Errorf("%s is in the future", t.Format(time.DateOnly))
		}
		expr := filter.Or(filter.IsNull("lastUsed"), filter.Le("lastUsed", t)).String()
		return serverFilter{label: "not used since " + t.Format(time.DateOnly), expr: expr}, nil
	}
	return serverFilter{}, nil
}

// parseSince takes a date (2025-01-31) or an age (90d, 36h) before now.
func parseSince(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if d, err := stale.ParseDays(s); err == nil && d > 0 {
		y, mo, dd := now.Add(-d).UTC().Date()
		return time.Date(y, mo, dd, 0, 0, 0, 0, time.UTC), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date (YYYY-MM-DD) or an age (90d)", s)
}

// View draws the prompt as a small dialog.
func (p *filterPrompt) View() string {
	s := p.Styles
	options := []string{"No server filter (list everything)", "Never used", "Not used since "}
	lines := []string{s.Dialog.Title.Render("Server-side filter"),
		s.Dialog.Hint.Render("Narrows the list request itself (the API filters on lastUsed)."), ""}
	for i, o := range options {
		cursor := "  "
		st := s.Dialog.Body
		if i == p.choice {
			cursor = s.Text.Accent.Render(s.Glyphs.Arrow + " ")
			st = s.Text.Accent
		}
		line := cursor + st.Render(o)
		if i == choiceNotUsedSince {
			line += p.date.View()
		}
		lines = append(lines, line)
	}
	lines = append(lines, "")
	if p.problem != "" {
		lines = append(lines, s.Dialog.Invalid.Render(p.problem))
	} else {
		lines = append(lines, s.Dialog.Hint.Render("date: YYYY-MM-DD or an age like 90d"))
	}
	lines = append(lines, s.Dialog.Hint.Render("↑/↓ choose · enter apply · esc cancel"))
	return s.Dialog.Box.Width(min(60, max(30, p.Width-4))).Render(lipgloss.JoinVertical(lipgloss.Left, lines...))
}
