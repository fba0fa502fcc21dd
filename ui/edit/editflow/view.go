package editflow

import (
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/edit/conflict"
)

// View implements common.Modal.
func (m *Model) View() string {
	switch m.mode {
	case modeForm:
		if m.form != nil {
			return m.form.View()
		}
	case modePreview:
		return m.preview.View()
	case modeConflict:
		return m.conflict.View()
	case modeFetching:
		f := common.NewDialogFrame(m.Styles, m.Width-2, 70, 40)
		return f.Render(m.Styles.Dialog.Title.Render("Changed on the server"), []string{
			m.Styles.Text.Secondary.Render(sanitize.Line("Loading the current version of "+m.target.What) + m.Styles.Glyphs.Ellipsis)}, "")
	}
	f := common.NewDialogFrame(m.Styles, m.Width-2, 70, 40)
	return f.Render(m.Styles.Dialog.Title.Render(sanitize.Line("Editing "+m.target.What)), []string{
		m.Styles.Text.Secondary.Render(sanitize.Line("Waiting for the editor ("+m.opts.Editor+") to close") + m.Styles.Glyphs.Ellipsis)}, "")
}

// UndoDoc is after with the fields a change wrote set back to their
// values in before: the edit that undoes it. Diffed against after, its
// guards test the values the change wrote, so an undo cannot clobber a
// later change.
func UndoDoc(before, after []byte, t Target) ([]byte, error) {
	// The rebase of "before's fields" onto after: the same operation.
	fields, err := conflict.Analyse(after, after, before, t.Rules)
	if err != nil {
		return nil, err
	}
	return conflict.Rebase(after, fields)
}

// Undo is the target and ready document of the edit that undoes a
// change from before to after on t: its base is what the change wrote,
// whatever a list shows now, so the guards test those values and a later
// change is a conflict. Open it with StartPreview.
func Undo(before, after []byte, t Target) (Target, []byte, error) {
	t.Doc, t.Verb = after, "undo the last edit of"
	undo, err := UndoDoc(before, after, t)
	if err != nil {
		return t, nil, err
	}
	t.Note = "Undo: puts back the values this session's last edit replaced. It is refused if they changed since."
	return t, undo, nil
}
