// Package export is the X key of every view: ask where to save (a path
// prompt filled with a default under the reports directory), write the
// report off the event loop, and say where it went. A bad name or an
// existing file keeps the prompt open with what was typed.
package export

import (
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// Request is one export.
type Request struct {
	// ID is the prompt's modal id (one per view: "tokens.export").
	ID string
	// Title is the prompt's title ("Export 36 tokens in view").
	Title string
	// Path is the suggested file.
	Path string
	// Home expands a typed "~/".
	Home string
	// N and Noun count what is exported, for the toast ("36 tokens").
	N    int
	Noun string
	// Build makes the table; it runs in a tea.Cmd, so it may take time,
	// and must only read data that is never mutated.
	Build func() report.Table
}

// SavedMsg is a finished save.
type SavedMsg struct {
	ID   string
	Path string
	Err  error
}

// Flow is an export waiting for its path, or being saved; the zero value
// is idle.
type Flow struct {
	req    *Request
	saving bool
}

// Active reports whether an export is under way.
func (f *Flow) Active() bool { return f.req != nil }

// Start opens the prompt for r.
func (f *Flow) Start(c common.Common, r Request) tea.Cmd {
	f.req, f.saving = &r, false
	return common.PushModal(r.ID, textprompt.New(c, textprompt.Options{
		ID: r.ID, Title: r.Title, Value: r.Path, Width: 90, Limit: 4096,
		Hint: "ends in .csv or .json; an existing file is never replaced",
	}))
}

// Update handles the prompt's answer and the save's result; ok is false
// for any other message.
func (f *Flow) Update(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case textprompt.AnswerMsg:
		if f.req == nil || msg.ID != f.req.ID {
			return nil, false
		}
		return f.answer(msg), true
	case SavedMsg:
		if f.req == nil || msg.ID != f.req.ID {
			return nil, false
		}
		return f.saved(msg), true
	}
	return nil, false
}

func (f *Flow) answer(msg textprompt.AnswerMsg) tea.Cmd {
	r := f.req
	if !msg.OK {
		f.req = nil
		return common.PopModal(r.ID)
	}
	if f.saving {
		return nil
	}
	path := common.ExpandHome(strings.TrimSpace(msg.Text), r.Home)
	if !filepath.IsAbs(path) {
		return common.Toast(common.ToastWarning, "Give a full path (starting with / or ~/)")
	}
	if _, err := report.FormatOf(path); err != nil {
		return common.Toast(common.ToastWarning, err.Error())
	}
	f.saving = true
	id, build := r.ID, r.Build
	return func() tea.Msg {
		return SavedMsg{ID: id, Path: path, Err: report.Save(path, build())}
	}
}

func (f *Flow) saved(msg SavedMsg) tea.Cmd {
	f.saving = false
	if msg.Err != nil {
		return common.Toast(common.ToastError, "Not exported: "+msg.Err.Error())
	}
	r := f.req
	f.req = nil
	return tea.Batch(common.PopModal(r.ID),
		common.Toast(common.ToastSuccess, "Exported "+timefmt.Plural(r.N, r.Noun)+" to "+msg.Path))
}
