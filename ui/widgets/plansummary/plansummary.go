// Package plansummary is the dialog that shows a checked plan (tokens or
// API clients) before anything is marked: the counts, every item that
// will not be marked with the reason, then the ones that will. enter
// marks, esc leaves everything as it was; the answer names its asker.
package plansummary

import (
	"fmt"
	"path/filepath"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/plan"
	"github.com/sailtui/sailtui/ui/data/sanitize"
)

// ChosenMsg is the dialog's answer: OK marks the plan's items.
type ChosenMsg struct {
	ID string
	OK bool
}

// Model is the dialog, a common.Modal.
type Model struct {
	common.Common
	id     string
	res    plan.Result
	text   []string // built once: a plan can list thousands of tokens
	scroll common.Scroll
	keys   common.HelpKeys
	mark   key.Binding
	cancel key.Binding
	up     key.Binding
	down   key.Binding
}

// New is the dialog for res, answering as id.
func New(c common.Common, id string, res plan.Result) *Model {
	p := &Model{Common: c, id: id, res: res,
		mark:   common.NewBinding("enter", fmt.Sprintf("mark %d", res.Count(plan.Mark)), "enter"),
		cancel: common.NewBinding("esc", "cancel", "esc", "q"),
		up:     common.NewBinding("↑/k", "scroll up", "up", "k"),
		down:   common.NewBinding("↓/j", "scroll down", "down", "j"),
	}
	p.keys = common.HelpKeys{Short: []key.Binding{p.mark, p.cancel, p.up, p.down}}
	p.text = p.lines()
	return p
}

func (p *Model) Keys() common.KeyMap { return p.keys }

func (p *Model) SetSize(w, h int) { p.Common.SetSize(w, h) }

func (p *Model) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, p.mark):
		return func() tea.Msg { return ChosenMsg{ID: p.id, OK: true} }
	case key.Matches(k, p.cancel):
		return func() tea.Msg { return ChosenMsg{ID: p.id} }
	}
	p.scroll.Handle(k, common.ScrollKeys{Up: p.up, Down: p.down}, len(p.text), p.bodyHeight())
	return nil
}

func (p *Model) bodyHeight() int { return max(3, p.Height-8) }

// verdictLabel words a verdict in the summary's counts.
func verdictLabel(v plan.Verdict, k plan.Kind) string {
	switch v {
	case plan.Mark:
		return "to mark"
	case plan.Gone:
		return "gone"
	case plan.Used:
		return "used since the report"
	case plan.Reowned:
		return "owner changed"
	case plan.Managed:
		if k == plan.KindClients {
			return "internal, not included"
		}
		return "managed, not included"
	case plan.Changed:
		return "changed since the report"
	case plan.OwnerBack:
		return "owner active again"
	}
	return "not visible"
}

func (p *Model) lines() []string {
	s := p.Styles
	out := []string{s.Text.Faint.Render("sha256 " + p.res.Plan.SHA256), ""}
	for _, v := range []plan.Verdict{plan.Mark, plan.Gone, plan.Used, plan.Changed, plan.Reowned, plan.OwnerBack, plan.Managed, plan.Hidden} {
		if n := p.res.Count(v); n > 0 || v == plan.Mark {
			st := s.Text.Primary
			if v != plan.Mark {
				st = s.Status.Warning
			}
			out = append(out, st.Render(fmt.Sprintf("%6d  %s", n, verdictLabel(v, p.res.Plan.Kind))))
		}
	}
	var skipped, marked []string
	for _, f := range p.res.Findings {
		// The tenant's own names when it still lists the token: a CSV
		// plan carries names made spreadsheet-safe.
		name, owner := f.Item.Name, f.Item.OwnerName
		switch {
		case f.Token != nil:
			name, owner = f.Token.Name, f.Token.Owner.Name
		case f.Client != nil:
			name, owner = f.Client.Name, f.Client.ID
		case p.res.Plan.Kind == plan.KindClients:
			owner = f.Item.ID
		}
		name, owner = sanitize.Line(name), sanitize.Line(owner)
		if name == "" {
			name = f.Item.ID
		}
		if f.Verdict == plan.Mark {
			marked = append(marked, "  "+name+" — "+owner)
			continue
		}
		skipped = append(skipped, s.Status.Warning.Render("  "+p.Styles.Glyphs.Warn+" "+name+" — "+owner+": "+sanitize.Line(f.Reason)))
	}
	if len(skipped) > 0 {
		out = append(append(out, "", "Not marked:"), skipped...)
	}
	if len(marked) > 0 {
		then := "delete or expire them"
		if p.res.Plan.Kind == plan.KindClients {
			then = "disable or delete them"
		}
		out = append(append(out, "", "Will be marked (nothing is changed until you "+then+"):"), marked...)
	}
	return out
}

func (p *Model) View() string {
	s := p.Styles
	f := common.NewDialogFrame(s, p.Width-2, 100, 40)
	lines := p.text
	h := p.bodyHeight()
	from, to := p.scroll.Window(len(lines), h)
	body := append([]string(nil), lines[from:to]...)
	for i, l := range body {
		body[i] = ansi.Truncate(l, f.Inner()-1, s.Glyphs.Ellipsis)
	}
	title := s.Dialog.Title.Render("Plan " + s.Glyphs.Arrow + " " + sanitize.Line(p.res.Plan.Path))
	hint := fmt.Sprintf("enter: mark %d · esc: cancel", p.res.Count(plan.Mark))
	if len(lines) > h {
		hint += fmt.Sprintf(" · ↑/↓ scroll (%d-%d of %d)", from+1, to, len(lines))
	}
	return f.Render(ansi.Truncate(title, f.Inner()-1, s.Glyphs.Ellipsis), body, hint)
}

// Active is a plan whose items are marked: a run over exactly its items
// names it in the audit log and on the progress panel.
type Active struct {
	Label string // path and checksum, for the audit log
	Name  string // the file's base name, for titles
	Sum   string // sha256, hex
	IDs   map[string]bool
}

// NewActive is res's plan, its marked items' ids.
func NewActive(res plan.Result, ids []string) *Active {
	a := &Active{Label: res.Plan.Label(), Name: filepath.Base(res.Plan.Path), Sum: res.Plan.SHA256, IDs: make(map[string]bool, len(ids))}
	for _, id := range ids {
		a.IDs[id] = true
	}
	return a
}

// Covers reports whether every one of ids is the plan's (none: false).
func (a *Active) Covers(ids []string) bool {
	if a == nil || len(ids) == 0 {
		return false
	}
	for _, id := range ids {
		if !a.IDs[id] {
			return false
		}
	}
	return true
}
