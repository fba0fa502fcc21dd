// Package exteditor is the $EDITOR round trip, kubectl-edit style: which
// editor to run and how, the buffer it edits (a header of # lines, then
// the document as indented JSON), and what a saved buffer means (no
// change, empty, an error to reopen with, or an edit ready to preview).
// The Bubble Tea side is only Runner; everything else is plain Go.
package exteditor

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/patchdiff"
)

// Env names, in the order they are tried; vi is the fallback.
var envOrder = [...]string{"SAILTUI_EDITOR", "VISUAL", "EDITOR"}

// Resolve returns the editor command line and the variable it came from
// ("" for the vi fallback).
func Resolve(lookup func(string) (string, bool)) (editor, from string) {
	for _, k := range envOrder {
		if v, ok := lookup(k); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v), k
		}
	}
	return "vi", ""
}

// Command builds the process for editor and file as kubectl does: a
// plain name runs directly; words without quotes or backslashes are split
// on spaces ("code --wait", "nvim -u NONE"); anything else runs through
// shell -c (default /bin/sh), with the file quoted.
func Command(editor, file, shell string) (*exec.Cmd, error) {
	editor = strings.TrimSpace(editor)
	if editor == "" {
		return nil, errors.New("no editor configured")
	}
	if !strings.ContainsAny(editor, `"'\`) {
		args := strings.Fields(editor)
		return exec.Command(args[0], append(args[1:], file)...), nil
	}
	if shell == "" {
		shell = "/bin/sh"
	}
	return exec.Command(shell, "-c", editor+" "+shellQuote(file)), nil
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// Runner runs the editor process. Production suspends the TUI around it
// (tea.ExecProcess restores the screen afterwards, whatever the editor's
// exit); tests run the process directly.
type Runner interface {
	Run(cmd *exec.Cmd, done func(error) tea.Msg) tea.Cmd
}

// TerminalRunner hands the terminal to the editor with tea.ExecProcess.
type TerminalRunner struct{}

// Run implements Runner.
func (TerminalRunner) Run(cmd *exec.Cmd, done func(error) tea.Msg) tea.Cmd {
	return tea.ExecProcess(cmd, done)
}

// DirectRunner runs the process in a command without touching the
// terminal (tests, with a scripted editor).
type DirectRunner struct{}

// Run implements Runner.
func (DirectRunner) Run(cmd *exec.Cmd, done func(error) tea.Msg) tea.Cmd {
	return func() tea.Msg { return done(cmd.Run()) }
}

// Buffer is the text the editor opens: the header (what is patchable,
// how to cancel, and the reasons of a failed save), then body, which is
// the document indented or the user's own text when reopening.
func Buffer(what string, patchable []string, reasons []string, body []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Edit %s below, then save and quit to preview the change. Nothing is sent before you confirm.\n", what)
	fmt.Fprintf(&b, "# Patchable fields: %s. The others are shown for reference; changing them is refused.\n", strings.Join(patchable, ", "))
	b.WriteString("# Lines starting with # at the top are ignored. Save an empty file to cancel.\n")
	for _, r := range reasons {
		b.WriteString("#\n")
		for _, l := range strings.Split(r, "\n") {
			b.WriteString("# " + l + "\n")
		}
	}
	b.Write(body)
	if len(body) > 0 && body[len(body)-1] != '\n' {
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// Indent is the document as the editor shows it: two-space indent, the
// server's key order, no HTML escaping.
func Indent(doc []byte) ([]byte, error) {
	var b bytes.Buffer
	if err := json.Indent(&b, doc, "", "  "); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// Strip drops the leading # lines (the header; JSON never starts with #).
func Strip(buf []byte) []byte {
	rest := buf
	for len(rest) > 0 {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		if !bytes.HasPrefix(bytes.TrimLeft(line, " \t\r"), []byte("#")) {
			break
		}
		rest = after
	}
	return rest
}

// VerdictKind is what a saved buffer means.
type VerdictKind int

const (
	Cancelled VerdictKind = iota // nothing to do (Message says why)
	Reopen                       // open the editor again with Reasons on top and the user's text
	Ready                        // Result is a patch to preview
)

// Verdict is the reading of a saved buffer.
type Verdict struct {
	Kind    VerdictKind
	Message string   // Cancelled: for the status line
	Reasons []string // Reopen: what is wrong
	Body    []byte   // the user's text without the header
	Result  patchdiff.Result
}

// Check reads a saved buffer against the original document. previous is
// the body of the buffer the editor was reopened with (nil the first
// time): saving it unchanged gives up, as kubectl does.
func Check(original, saved, previous []byte, rules patchdiff.Rules) Verdict {
	body := Strip(saved)
	v := Verdict{Body: body}
	if len(bytes.TrimSpace(body)) == 0 {
		v.Message = "Edit cancelled: the saved file was empty"
		return v
	}
	if previous != nil && bytes.Equal(bytes.TrimSpace(body), bytes.TrimSpace(previous)) {
		v.Message = "Edit cancelled: no valid changes were saved"
		return v
	}
	res, err := patchdiff.Diff(original, body, rules)
	if err != nil {
		v.Kind, v.Reasons = Reopen, []string{"Error: " + describe(err)}
		return v
	}
	if len(res.Rejected) > 0 {
		v.Kind = Reopen
		v.Reasons = []string{fmt.Sprintf("Error: %s cannot be changed here (not patchable); put back the original value.",
			strings.Join(res.Rejected, ", "))}
		return v
	}
	if len(res.Patch) == 0 {
		v.Message = "Edit cancelled: no changes"
		return v
	}
	v.Kind, v.Result = Ready, res
	return v
}

// describe says what is wrong with an edited document in the words the
// header uses.
func describe(err error) string {
	var req *patchdiff.RequiredFieldError
	switch {
	case errors.As(err, &req):
		return fmt.Sprintf("%s cannot be %s.", req.Field, req.Change)
	case errors.Is(err, patchdiff.ErrDuplicateKey):
		return err.Error() + ": each key may appear once."
	case errors.Is(err, patchdiff.ErrInvalidJSON), errors.Is(err, patchdiff.ErrNotObject):
		return "the text is not a valid JSON object: " + err.Error()
	}
	return err.Error()
}
