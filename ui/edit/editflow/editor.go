package editflow

import (
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/edit/exteditor"
)

// patchable lists the rules' fields for the editor header.
func (m *Model) patchable() []string {
	out := make([]string, len(m.target.Rules.Fields))
	for i, f := range m.target.Rules.Fields {
		out[i] = f.Name
	}
	return out
}

// openEditor writes the buffer (reasons on top, then body) to the edit
// file and runs the editor on it. previous is set when reopening after
// an error, so saving the same text again gives up.
func (m *Model) openEditor(body []byte, reasons []string) tea.Cmd {
	m.mode, m.body = modeEditor, body
	m.previous = nil
	if len(reasons) > 0 {
		m.previous = body
	}
	buf := exteditor.Buffer(m.target.What, m.patchable(), reasons, body)
	flow, path, dir := m.flow, m.path, m.opts.TempDir
	return func() tea.Msg {
		if path == "" {
			f, err := os.CreateTemp(dir, "sailtui-edit-*.json")
			if err != nil {
				return editorReadyMsg{flow: flow, err: err}
			}
			path = f.Name()
			_ = f.Close()
		}
		// 0600: the document names tokens and owners.
		if err := os.WriteFile(path, buf, 0o600); err != nil {
			return editorReadyMsg{flow: flow, path: path, err: err}
		}
		return editorReadyMsg{flow: flow, path: path}
	}
}

func (m *Model) onEditorReady(msg editorReadyMsg) tea.Cmd {
	m.path = msg.path
	if msg.err != nil {
		return m.fail("cannot write the edit file: " + msg.err.Error())
	}
	if m.opts.Runner == nil {
		return m.fail(errNoRunner.Error())
	}
	cmd, err := exteditor.Command(m.opts.Editor, m.path, m.opts.Shell)
	if err != nil {
		return m.fail(err.Error())
	}
	flow := m.flow
	return m.opts.Runner.Run(cmd, func(err error) tea.Msg { return editorDoneMsg{flow: flow, err: err} })
}

// onEditorDone reads the file back; an editor that failed keeps it.
func (m *Model) onEditorDone(msg editorDoneMsg) tea.Cmd {
	if msg.err != nil {
		path := m.path
		m.path = "" // kept on disk for the user
		return tea.Batch(common.PopModal(m.opts.ID), common.Toast(common.ToastError,
			fmt.Sprintf("The editor (%s) failed: %v. Nothing was sent; your text is kept in %s", m.opts.Editor, msg.err, path)))
	}
	flow, path := m.flow, m.path
	return func() tea.Msg {
		data, err := os.ReadFile(path)
		return editorSavedMsg{flow: flow, data: data, err: err}
	}
}

// onEditorSaved decides what the saved buffer means: cancel, reopen with
// the reason and the user's own text, or preview.
func (m *Model) onEditorSaved(msg editorSavedMsg) tea.Cmd {
	if msg.err != nil {
		return m.fail("cannot read the edit file back: " + msg.err.Error())
	}
	v := exteditor.Check(m.base, msg.data, m.previous, m.target.Rules)
	switch v.Kind {
	case exteditor.Reopen:
		return m.openEditor(v.Body, v.Reasons)
	case exteditor.Cancelled:
		if m.previous != nil { // gave up after an error: keep the text
			return tea.Batch(common.PopModal(m.opts.ID), m.keepText(v.Message))
		}
		return m.close(v.Message)
	}
	m.body = v.Body
	return m.toPreview(v.Body)
}

// keepText leaves the user's last text (before the editor gave up on it)
// in the edit file and says where: an empty save must not leave the file
// the message points at empty.
func (m *Model) keepText(why string) tea.Cmd {
	path, text := m.path, m.previous
	m.path = "" // kept on disk for the user
	return func() tea.Msg {
		if err := os.WriteFile(path, text, 0o600); err != nil {
			return common.ToastMsg{Level: common.ToastError, Text: why + "; your text could not be kept: " + err.Error()}
		}
		return common.ToastMsg{Level: common.ToastWarning, Text: why + "; a copy of your text is in " + path}
	}
}
