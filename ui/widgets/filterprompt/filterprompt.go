// Package filterprompt is the server filter's prompt, the same in every
// view (`f`): an expression in the API's own syntax, with the fields the
// list takes completed by tab and listed with their operators, and the
// view's ready-made filters (never used, disabled, …) a ↑/↓ away.
package filterprompt

import (
	"slices"
	"strings"

	"github.com/sailtui/sailtui/client/filter"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// Preset is a ready-made filter: what it means and its expression.
type Preset struct{ Label, Expr string }

// Options describe one view's server filter.
type Options struct {
	ID    string // the modal's id, echoed in textprompt.AnswerMsg
	Title string
	Value string // the filter in force
	// Schema is what the list takes; Of names the list in the notes
	// ("Fields of all apps").
	Schema filter.Schema
	Of     string
	// Presets are offered first, "none" ahead of them.
	Presets []Preset
	// Check parses and checks the text as the view will send it.
	Check func(string) (string, error)
}

// New is the prompt.
func New(c common.Common, o Options) *textprompt.Model {
	names := make([]string, 0, len(o.Schema))
	for n := range o.Schema {
		names = append(names, n)
	}
	slices.Sort(names)
	notes := []string{"Strings in quotes, times like 2026-01-31T00:00:00Z.", "Fields of " + o.Of + ":"}
	for _, n := range names {
		ops := make([]string, len(o.Schema[n].Ops))
		for i, op := range o.Schema[n].Ops {
			ops[i] = string(op)
		}
		notes = append(notes, "  "+n+": "+strings.Join(ops, " "))
	}
	choices := []textprompt.Choice{{Label: "No server filter (list everything)", Text: ""}}
	for _, p := range o.Presets {
		choices = append(choices, textprompt.Choice{Label: p.Label, Text: p.Expr})
	}
	comps := append(names, "and", "or", "not", "true", "false")
	check := o.Check
	return textprompt.New(c, textprompt.Options{
		ID: o.ID, Title: o.Title, Prompt: "filters ", Value: o.Value,
		Hint:  "type a filter or pick one above · empty: none",
		Notes: notes, Completions: comps, CompleteWord: true, Width: 72, Choices: choices,
		Validate: func(s string) error { _, err := check(s); return err },
	})
}

// Label is what the list's title calls expr: its preset's label, or the
// expression itself.
func Label(expr string, presets []Preset) string {
	for _, p := range presets {
		if p.Expr == expr {
			return strings.ToLower(p.Label[:1]) + p.Label[1:]
		}
	}
	return expr
}
