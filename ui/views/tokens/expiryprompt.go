package tokens

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/timefmt"
)

// expiryID is the expiry prompt's id on the shell's stack.
const expiryID = "tokens.expiry"

// expiryAsk is the selection the prompt is asking about.
type expiryAsk struct {
	toks   []client.PersonalAccessToken
	marked bool
}

// expiryChosenMsg is the prompt's answer.
type expiryChosenMsg struct {
	at        time.Time
	cancelled bool
}

// expiryPrompt asks when the selected tokens should expire: "in 14d"
// (the default), "in 7d", "in 30d", "2w", or a date. What a typed value
// means is shown as it is typed; a bad one says why and sends nothing.
type expiryPrompt struct {
	common.Common
	n          int
	input      textinput.Model
	err        string
	ok, cancel key.Binding
}

func newExpiryPrompt(c common.Common, n int) *expiryPrompt {
	in := textinput.New()
	in.Prompt = "› "
	in.CharLimit = 24
	in.SetValue("in 14d")
	in.CursorEnd()
	in.Cursor.SetMode(cursor.CursorStatic)
	if s := c.Styles; s != nil {
		in.TextStyle, in.PromptStyle, in.Cursor.Style = s.Dialog.Input, s.Dialog.InputFocused, s.Dialog.InputFocused
	}
	in.Focus()
	return &expiryPrompt{Common: c, n: n, input: in,
		ok:     common.NewBinding("enter", "continue", "enter"),
		cancel: common.NewBinding("esc", "cancel", "esc")}
}

// Update implements common.Modal.
func (p *expiryPrompt) Update(msg tea.Msg) tea.Cmd {
	k, isKey := msg.(tea.KeyMsg)
	switch {
	case isKey && key.Matches(k, p.cancel):
		return func() tea.Msg { return expiryChosenMsg{cancelled: true} }
	case isKey && key.Matches(k, p.ok):
		at, err := ParseExpireAt(p.input.Value(), p.Now())
		if err != nil {
			p.err = err.Error()
			return nil
		}
		return func() tea.Msg { return expiryChosenMsg{at: at} }
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	p.err = ""
	return cmd
}

// View implements common.Modal.
func (p *expiryPrompt) View() string {
	s := p.Styles
	f := common.NewDialogFrame(s, p.Width-2, 64, 36)
	body := []string{
		f.Wrap(s.Dialog.Body, fmt.Sprintf("Instead of deleting %s, set %s expiry. Integrations keep working until then, and it can be undone.",
			plural(p.n, "token"), itsTheir(p.n))),
		"",
		s.Text.Secondary.Render("Expire:") + " " + s.Dialog.Hint.Render("in 14d, in 30d, 2w, or YYYY-MM-DD (UTC)"),
		p.input.View(),
	}
	if p.err != "" {
		body = append(body, f.Wrap(s.Dialog.Invalid, s.Glyphs.Fail+" "+p.err))
	} else if at, err := ParseExpireAt(p.input.Value(), p.Now()); err == nil {
		body = append(body, s.Dialog.Hint.Render(fmt.Sprintf("  → %s (%s)", timefmt.Absolute(at), timefmt.Relative(p.Now(), at))))
	}
	return f.Render(s.Dialog.Title.Render("Expire "+plural(p.n, "token")), body, "enter: review · esc: cancel")
}

func itsTheir(n int) string {
	if n == 1 {
		return "its"
	}
	return "their"
}

// SetSize implements common.Modal.
func (p *expiryPrompt) SetSize(w, h int) { p.Common.SetSize(w, h) }

// Keys implements common.Modal.
func (p *expiryPrompt) Keys() common.KeyMap {
	return common.HelpKeys{Short: []key.Binding{p.ok, p.cancel}}
}
