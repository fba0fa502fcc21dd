package shell

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/runs"
)

// settleTimeout bounds settling at start, rate-limit waits included.
const settleTimeout = time.Minute

// Settles is a view whose kind of resource settles its own open intents
// when the program starts (audit.Settle), shown or not.
type Settles interface {
	Settler() audit.Settler
}

// settledMsg is what settling at start did.
type settledMsg struct{ report audit.Report }

// settle settles, once, the intents an earlier run left open: every
// view's kind with its own Settler, off the event loop.
func (m Model) settle() tea.Cmd {
	s := m.opts.Settling
	if s == nil {
		return nil
	}
	var settlers []audit.Settler
	for _, v := range m.views {
		if st, ok := v.(Settles); ok {
			settlers = append(settlers, st.Settler())
		}
	}
	if s.Now == nil {
		s.Now = m.Now
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), settleTimeout)
		defer cancel()
		return settledMsg{report: audit.Settle(ctx, *s, settlers)}
	}
}

// onSettled says what settling found, when it found anything, and then
// looks for runs a kill interrupted.
func (m Model) onSettled(msg settledMsg) tea.Cmd {
	var cmds []tea.Cmd
	if text := msg.report.Text(); text != "" {
		cmds = append(cmds, common.Toast(common.ToastWarning, text))
	}
	return tea.Batch(append(cmds, m.findInterrupted())...)
}

// resumableMsg are the interrupted runs to offer, one per kind.
type resumableMsg struct{ offers []common.ResumeMsg }

// findInterrupted reads the run journals a kill left (this tenant's, the
// newest per kind) and what of each the audit log says was done, off the
// event loop.
func (m Model) findInterrupted() tea.Cmd {
	s := m.opts.Settling
	if s == nil || s.Log == nil || s.ReadOnly {
		return nil
	}
	logPath, base := s.Log.Path(), s.BaseURL
	return func() tea.Msg {
		dir := runs.Dir(logPath)
		journals, _ := runs.Open(dir) // an unreadable journal is not offered
		if len(journals) == 0 {
			return nil
		}
		entries, _, err := audit.ReadTolerant(logPath)
		if err != nil {
			return nil
		}
		seen := map[audit.Kind]bool{}
		var out []common.ResumeMsg
		for _, j := range journals { // newest first
			if !audit.SameTenant(j.BaseURL, base) || seen[j.Kind] {
				continue
			}
			seen[j.Kind] = true
			offer := common.ResumeMsg{Kind: string(j.Kind), Run: j.ID, Dir: dir, What: j.Describe()}
			for _, it := range runs.Pending(j, entries) {
				offer.Items = append(offer.Items, common.ResumeItem{ID: it.ID, Name: it.Name})
			}
			out = append(out, offer)
		}
		return resumableMsg{offers: out}
	}
}

// offerResumes hands each offer to every view; the one of its kind asks.
func (m *Model) offerResumes(msg resumableMsg) tea.Cmd {
	var cmds []tea.Cmd
	for _, o := range msg.offers {
		cmds = append(cmds, m.broadcast(o))
	}
	return tea.Batch(cmds...)
}
