// Package filterprompt is the server filter's prompt, the same in every
// view (`f`): an expression in the API's own syntax, with the fields the
// list takes completed by tab and listed with their operators, and the
// view's ready-made filters (never used, disabled, …) a ↑/↓ away.
package filterprompt

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client/filter"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/timefmt"
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

// LastUsedPresets are the ready-made filters of a list that filters on
// lastUsed only (tokens, API clients): never used, then not used in the
// stale age, 30 days and a year, dated from now (midnight UTC).
func LastUsedPresets(now time.Time, staleAfter time.Duration) []Preset {
	notUsedFor := func(d time.Duration) Preset {
		y, mo, dd := now.Add(-d).UTC().Date()
		since := time.Date(y, mo, dd, 0, 0, 0, 0, time.UTC)
		expr := filter.Or(filter.IsNull("lastUsed"), filter.Le("lastUsed", since)).String()
		return Preset{Label: "Not used in " + timefmt.Plural(int(d.Hours()/24), "day") + " (since " + since.Format(time.DateOnly) + ")", Expr: expr}
	}
	out := []Preset{{Label: "Never used", Expr: filter.IsNull("lastUsed").String()}}
	for _, d := range []time.Duration{staleAfter, 30 * 24 * time.Hour, 365 * 24 * time.Hour} {
		if d > 0 && (len(out) == 1 || d != staleAfter) {
			out = append(out, notUsedFor(d))
		}
	}
	return out
}

// Check parses text as a filter the schema takes and writes it in the
// API's syntax ("" for none); of names the list in the error.
func Check(text string, schema filter.Schema, of string) (string, error) {
	if strings.TrimSpace(text) == "" {
		return "", nil
	}
	expr, err := filter.Parse(text)
	if err != nil {
		return "", err
	}
	if err := schema.Validate(expr); err != nil {
		names := slices.Sorted(maps.Keys(schema))
		only := ""
		if len(names) == 1 {
			only = " only"
		}
		return "", fmt.Errorf("%w (%s filters on %s%s)", err, of, strings.Join(names, ", "), only)
	}
	return expr.String(), nil
}

// Answer takes the prompt's answer for a view whose filter in force is
// current: the filter to load when it changed (its label and
// expression), and the command that closes the prompt, with the reason
// when the text is refused after all (the list changed meanwhile).
func Answer(msg textprompt.AnswerMsg, current string, check func(string) (string, error), presets []Preset) (
	label, expr string, changed bool, cmd tea.Cmd) {
	pop := common.PopModal(msg.ID)
	if !msg.OK {
		return "", "", false, pop
	}
	expr, err := check(msg.Text)
	if err != nil {
		return "", "", false, tea.Batch(pop, common.Toast(common.ToastError, "Server filter not applied: "+err.Error()))
	}
	if expr == current {
		return "", "", false, pop
	}
	return Label(expr, presets), expr, true, pop
}
