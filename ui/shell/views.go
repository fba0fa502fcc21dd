package shell

import (
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/widgets/detail"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// Views: tab and shift+tab cycle them, and a k9s-style command line (:)
// jumps by name with completion (:tokens, :audit). Each view keeps its
// own state while another is shown; its async results still reach it.

// commandID is the command line's id on the modal stack.
const commandID = "app.command"

// viewNames are the views' command names, in tab order.
func (m Model) viewNames() []string {
	out := make([]string, len(m.views))
	for i, v := range m.views {
		out[i] = strings.ToLower(v.Title())
	}
	return out
}

// switchTo shows view i, starting it the first time.
func (m *Model) switchTo(i int) tea.Cmd {
	if i < 0 || i >= len(m.views) || i == m.active {
		return nil
	}
	m.active = i
	v := m.views[i]
	v.SetSize(m.Width, m.viewHeight())
	if m.started == nil {
		m.started = map[int]bool{}
	}
	if !m.started[i] {
		m.started[i] = true
		return v.Init()
	}
	if r, ok := v.(Refresher); ok {
		return r.Shown()
	}
	return nil
}

// Refresher is a view that refreshes itself each time it comes back on
// screen (the audit log: another view has written to it meanwhile).
type Refresher interface {
	Shown() tea.Cmd
}

// cycle moves to the next (or previous) view.
func (m *Model) cycle(step int) tea.Cmd {
	if len(m.views) < 2 {
		return nil
	}
	return m.switchTo((m.active + step + len(m.views)) % len(m.views))
}

// Commander is a view with : commands of its own (the Tokens view's
// ":plan FILE"): Command reports whether name was one.
type Commander interface {
	Command(name, arg string) (tea.Cmd, bool)
}

// Sweeper is a view that can show one identity's credentials only (the
// leaver sweep): the shell hands it every common.SweepMsg, so that all
// views sweep the same person and L in one ends it in all.
type Sweeper interface {
	Sweep(id, name string) tea.Cmd
}

// sweep hands msg to every view that sweeps.
func (m *Model) sweep(msg common.SweepMsg) tea.Cmd {
	var cmds []tea.Cmd
	for _, v := range m.views {
		if s, ok := v.(Sweeper); ok {
			cmds = append(cmds, s.Sweep(msg.ID, msg.Name))
		}
	}
	if msg.ID != "" {
		cmds = append(cmds, common.Toast(common.ToastInfo, "Sweeping "+sanitize.Line(msg.Name)+
			" in every view: a marks, then x expires or d deletes tokens, w reassigns apps; L ends"))
	}
	return tea.Batch(cmds...)
}

// jump shows msg's resource in the view of its kind (g on an audit
// entry).
func (m *Model) jump(msg common.JumpMsg) tea.Cmd {
	for i, v := range m.views {
		if j, ok := v.(common.Jumper); ok {
			if cmd, ok := j.Jump(msg.Kind, msg.ID, msg.Name); ok {
				return tea.Batch(m.switchTo(i), cmd)
			}
		}
	}
	return common.Toast(common.ToastWarning, "No view here shows a "+msg.Kind+" (the view may be off in this session)")
}

// runCommand carries out a command line: a view's name (or an unambiguous
// start of one), or a view's own command, which brings that view on
// screen.
func (m *Model) runCommand(text string) tea.Cmd {
	text = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(text), ":"))
	if text == "" {
		return nil
	}
	word, arg, _ := strings.Cut(text, " ")
	word = strings.ToLower(word)
	switch word {
	case "env":
		return m.envCommand(arg)
	case "messages", "msgs":
		m.push(detail.ID, m.messagesModal())
		return nil
	case "q", "quit", "q!", "quit!": // as q: running work is stopped first
		if m.runState() != common.RunIdle {
			return m.forceQuit()
		}
		return tea.Quit
	}
	if cmd, ok := m.runPalette(word, arg); ok {
		return cmd
	}
	// The view on screen first: ":plan FILE" in the Clients view is its
	// plan, in the Tokens view the tokens'.
	for n := range m.views {
		i := (m.active + n) % len(m.views)
		if c, ok := m.views[i].(Commander); ok {
			if cmd, handled := c.Command(word, arg); handled {
				return tea.Batch(m.switchTo(i), cmd)
			}
		}
	}
	names := m.viewNames()
	if i := slices.Index(names, word); i >= 0 && arg == "" {
		return m.switchTo(i)
	}
	var hits []int
	for i, n := range names {
		if strings.HasPrefix(n, word) {
			hits = append(hits, i)
		}
	}
	if len(hits) == 1 && arg == "" {
		return m.switchTo(hits[0])
	}
	return common.Toast(common.ToastWarning, "No command "+text+": try :"+strings.Join(names, ", :")+
		", an action (:delete, :export…; tab completes), :sort COLUMN, :theme NAME, :plan FILE, :owner NAME, :env NAME, :messages, :q")
}

// Completing is a view whose : commands take values it knows (":owner
// Ada Lovelace"): tab completes them.
type Completing interface {
	CommandCompletions() []string
}

// commandCompletions are what tab completes on the : line: the views, the
// shell's commands with the environments, and the views' own.
func (m *Model) commandCompletions() []string {
	out := append(m.viewNames(), "messages", "q", "env")
	out = append(out, m.paletteCompletions()...)
	for _, e := range m.opts.Envs {
		out = append(out, "env "+e)
	}
	for _, v := range m.views {
		if c, ok := v.(Completing); ok {
			out = append(out, c.CommandCompletions()...)
		}
	}
	return out
}

// newCommandLine is the : prompt: tab completes a view's name, an
// environment, an owner.
func newCommandLine(c common.Common, names, completions []string) *textprompt.Model {
	return textprompt.New(c, textprompt.Options{ID: commandID, Title: "Command", Prompt: ":",
		Hint: "views: :" + strings.Join(names, ", :") + " · :plan FILE marks an approved report · :env NAME switches tenant" +
			" · :owner NAME sweeps an owner",
		Completions: completions, Limit: 4096, Fuzzy: true,
		Width: 70})
}

// messagesModal shows the session's messages whole, newest first,
// wrapped to the screen: what a toast had to cut is read here.
func (m *Model) messagesModal() *detail.Model {
	s := m.Styles
	width := max(min(m.Width-10, 110), 30)
	log := m.toast.Log()
	lines := make([]string, 0, len(log))
	if len(log) == 0 {
		lines = append(lines, s.Text.Faint.Render("No messages yet."))
	}
	glyphs := map[common.ToastLevel]string{common.ToastSuccess: s.Glyphs.OK, common.ToastWarning: s.Glyphs.Warn,
		common.ToastError: s.Glyphs.Fail}
	for i := len(log) - 1; i >= 0; i-- {
		e := log[i]
		icon := glyphs[e.Msg.Level]
		if icon == "" {
			icon = "i"
		}
		head := s.Text.Faint.Render(e.At.Format("15:04:05")) + " " + icon + " "
		for j, part := range strings.Split(ansi.Wrap(e.Msg.Text, width-11, "/"), "\n") {
			if j > 0 {
				head = strings.Repeat(" ", 11)
			}
			lines = append(lines, head+part)
		}
	}
	return detail.NewText(m.Common, "Messages · newest first", lines)
}
