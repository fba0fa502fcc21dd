package patchdiff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/aymanbagabas/go-udiff"
)

// Labels of the two sides of the preview diff.
const (
	FromLabel = "current"
	ToLabel   = "after patch"
)

// LineKind classifies one line of the preview diff.
type LineKind int

const (
	LineContext LineKind = iota // unchanged, shown around changes
	LineRemoved                 // only in the current document
	LineAdded                   // only in the patched document
	LineHunk                    // a hunk header, e.g. "@@ -3,6 +3,6 @@"
)

func (k LineKind) String() string {
	switch k {
	case LineContext:
		return "context"
	case LineRemoved:
		return "removed"
	case LineAdded:
		return "added"
	case LineHunk:
		return "hunk"
	}
	return "LineKind(" + strconv.Itoa(int(k)) + ")"
}

// DiffLine is one line of the unified diff, without its +/-/space prefix
// and without the newline.
type DiffLine struct {
	Kind LineKind
	Text string
	Old  int // 1-based line in the current document; 0 for added lines and headers
	New  int // 1-based line in the patched document; 0 for removed lines and headers
}

// OpLine is one change a person can read: a replace or remove with its test
// folded in, or an add.
type OpLine struct {
	Op      string // "add", "remove", "replace" (or "test" for a test that guards nothing)
	Path    string
	Old     string // compact JSON of the current value; "" for add or when unknown
	New     string // compact JSON of the new value; "" for remove
	Guarded bool   // a test of Old is sent before the op
	Text    string // e.g. `replace /scope  ["a","b"] → ["a","c"]`
}

// View is the preview of a Result as data; the UI chooses the styles.
type View struct {
	From, To string     // diff labels (FromLabel, ToLabel)
	Lines    []DiffLine // hunks of the current document against the patched one
	Ops      []OpLine   // what will be sent, in order
	Warnings []string   // changes that will not be sent (rejected fields)
	Notes    []string   // changes sent without a guard, and why
}

// Empty reports whether there is nothing to send.
func (v View) Empty() bool { return len(v.Ops) == 0 }

// Preview renders r, made by Diff(before, …), as a View. The diff's right
// side is r.Patched, so it shows what the patch does (in the server's key
// order), not what was typed.
func Preview(before []byte, r Result) View {
	v := View{From: FromLabel, To: ToLabel, Notes: r.Notes}
	left := indented(before)
	right := left
	if len(r.Patched) > 0 {
		right = indented(r.Patched)
	}
	lines, err := diffLines(left, right)
	if err != nil {
		v.Warnings = append(v.Warnings, "the diff could not be shown: "+err.Error())
	}
	v.Lines = lines
	v.Ops = opLines(before, r.Patch)
	for _, k := range r.Rejected {
		v.Warnings = append(v.Warnings, displayName(k)+" is not patchable; the change was not included")
	}
	return v
}

// String renders the view as plain text (for logs, tests and dumb terminals).
func (v View) String() string {
	var b strings.Builder
	if len(v.Lines) > 0 {
		fmt.Fprintf(&b, "--- %s\n+++ %s\n", v.From, v.To)
	}
	for _, l := range v.Lines {
		switch l.Kind {
		case LineHunk:
			b.WriteString(l.Text)
		case LineRemoved:
			b.WriteString("-" + l.Text)
		case LineAdded:
			b.WriteString("+" + l.Text)
		default:
			b.WriteString(" " + l.Text)
		}
		b.WriteByte('\n')
	}
	if len(v.Ops) == 0 {
		b.WriteString("no changes to send\n")
	}
	for _, o := range v.Ops {
		b.WriteString(o.Text + "\n")
	}
	for _, w := range v.Warnings {
		b.WriteString("warning: " + w + "\n")
	}
	for _, n := range v.Notes {
		b.WriteString("note: " + n + "\n")
	}
	return b.String()
}

// indented pretty-prints JSON with two spaces and a final newline; text
// that is not JSON is shown as it is.
func indented(doc []byte) string {
	var buf bytes.Buffer
	if err := json.Indent(&buf, doc, "", "  "); err != nil {
		buf.Reset()
		buf.Write(doc)
	}
	if buf.Len() > 0 && buf.Bytes()[buf.Len()-1] != '\n' {
		buf.WriteByte('\n')
	}
	return buf.String()
}

// diffLines is a unified diff with three lines of context, as typed lines.
func diffLines(left, right string) ([]DiffLine, error) {
	u, err := udiff.ToUnifiedDiff(FromLabel, ToLabel, left, udiff.Lines(left, right), 3)
	if err != nil {
		return nil, err
	}
	var out []DiffLine
	for _, h := range u.Hunks {
		fromCount, toCount := 0, 0
		for _, l := range h.Lines {
			if l.Kind != udiff.Insert {
				fromCount++
			}
			if l.Kind != udiff.Delete {
				toCount++
			}
		}
		out = append(out, DiffLine{
			Kind: LineHunk,
			Text: fmt.Sprintf("@@ -%d,%d +%d,%d @@", h.FromLine, fromCount, h.ToLine, toCount),
		})
		oldN, newN := h.FromLine, h.ToLine
		for _, l := range h.Lines {
			text := strings.TrimSuffix(l.Content, "\n")
			switch l.Kind {
			case udiff.Delete:
				out = append(out, DiffLine{Kind: LineRemoved, Text: text, Old: oldN})
				oldN++
			case udiff.Insert:
				out = append(out, DiffLine{Kind: LineAdded, Text: text, New: newN})
				newN++
			default:
				out = append(out, DiffLine{Kind: LineContext, Text: text, Old: oldN, New: newN})
				oldN++
				newN++
			}
		}
	}
	return out, nil
}

// opLines folds each test into the op it guards. For unguarded replaces and
// removes of a top-level field the current value comes from before.
func opLines(before []byte, p Patch) []OpLine {
	doc, docErr := parseDocument(before)
	currentValue := func(path string) string {
		if docErr != nil || !strings.HasPrefix(path, "/") || strings.Contains(path[1:], "/") {
			return ""
		}
		v, _ := doc.member(unescapePointer(path[1:]))
		return string(v)
	}
	var out []OpLine
	for i := 0; i < len(p); i++ {
		op := p[i]
		line := OpLine{Op: op.Op, Path: op.Path}
		switch op.Op {
		case "test":
			if i+1 < len(p) && p[i+1].Path == op.Path && (p[i+1].Op == "replace" || p[i+1].Op == "remove") {
				i++
				line = OpLine{Op: p[i].Op, Path: op.Path, Old: compactString(op.Value), Guarded: true}
				line.New = compactString(p[i].Value)
			} else {
				line.New = compactString(op.Value)
			}
		case "replace", "remove":
			line.Old = currentValue(op.Path)
			line.New = compactString(op.Value)
		default:
			line.New = compactString(op.Value)
		}
		line.Text = opText(line)
		out = append(out, line)
	}
	return out
}

func opText(l OpLine) string {
	switch {
	case l.Op == "replace" && l.Old != "":
		return l.Op + " " + l.Path + "  " + l.Old + " → " + l.New
	case l.Op == "remove" && l.Old != "":
		return l.Op + " " + l.Path + "  " + l.Old
	case l.New != "":
		return l.Op + " " + l.Path + "  " + l.New
	}
	return l.Op + " " + l.Path
}

// compactString is v as compact JSON text ("" for no value).
func compactString(v json.RawMessage) string {
	if len(v) == 0 {
		return ""
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, v); err != nil {
		return string(v)
	}
	return buf.String()
}

// unescapePointer decodes one RFC 6901 reference token.
func unescapePointer(token string) string {
	if !strings.Contains(token, "~") {
		return token
	}
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(token)
}

// displayName quotes a member name only when it would be unclear bare.
func displayName(k string) string {
	if k == "" || strings.ContainsAny(k, " \t\r\n\"") || strconv.Quote(k) != `"`+k+`"` {
		return strconv.Quote(k)
	}
	return k
}
