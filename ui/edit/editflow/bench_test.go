package editflow

import (
	"encoding/json"
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/editdoc"
	"github.com/sailtui/sailtui/ui/edit/editform"
	"github.com/sailtui/sailtui/ui/edit/preview"
)

// tokenWithScopes is a PAT document with n scopes.
func tokenWithScopes(n int) []byte {
	scopes := make([]string, n)
	for i := range scopes {
		scopes[i] = fmt.Sprintf("sp:custom-scope-%05d:read", i)
	}
	doc, _ := json.Marshal(map[string]any{
		"id": "2c9180835d2e5168015d32f890ca1581", "name": "ci-pipeline", "scope": scopes,
		"owner":   map[string]string{"type": "IDENTITY", "id": "2c9180a46faadee4016fb4e018c20639", "name": "Ada Lovelace"},
		"created": "2025-01-01T10:00:00.000Z", "lastUsed": nil, "managed": false, "accessTokenValiditySeconds": 43200,
		"expirationDate": "2027-01-01T10:00:00.000Z", "userAwareTokenNeverExpires": false,
	})
	return doc
}

func benchFields() []editdoc.Field {
	return []editdoc.Field{
		{Name: "id", Kind: editdoc.Raw, ReadOnly: true}, {Name: "name", Required: true},
		{Name: "scope", Kind: editdoc.StringList}, {Name: "expirationDate", Kind: editdoc.DateOrNever, NeverFlag: "userAwareTokenNeverExpires"},
	}
}

// renderPreview is what one keystroke costs once the form holds an edit:
// the document written, diffed and verified, and the preview drawn.
func renderPreview(b *testing.B, f *editform.Model, doc []byte, rules patchdiff.Rules) {
	edited, ok := f.Document()
	if !ok {
		b.Fatal("form did not build")
	}
	res, err := patchdiff.Diff(doc, edited, rules)
	if err != nil {
		b.Fatal(err)
	}
	wire, _ := res.Patch.MarshalJSON()
	p := preview.New(f.Common, preview.Input{Title: "Preview", View: patchdiff.Preview(doc, res), Wire: wire})
	p.SetSize(120, 40)
	_ = p.View()
}

// BenchmarkKeystrokeToPreview: a character typed into the name of a token
// with 50 scopes, then Diff + verify + the preview redrawn. Goal < 2 ms.
func BenchmarkKeystrokeToPreview(b *testing.B) {
	for _, p := range []termenv.Profile{termenv.Ascii, termenv.TrueColor} {
		b.Run(fmt.Sprintf("scopes=50/%s", profileName(p)), func(b *testing.B) {
			doc := tokenWithScopes(50)
			c := commontest.Common(p, clock)
			f, err := editform.New(c, "Edit", doc, benchFields())
			if err != nil {
				b.Fatal(err)
			}
			f.SetSize(120, 40)
			rules := patchdiff.PATRules(true)
			key := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'x'}}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				f.Update(key)
				renderPreview(b, &f, doc, rules)
			}
		})
	}
}

// BenchmarkOpenPreviewLargest opens the preview for the largest token the
// sandbox accepts (its 1 MiB body limit: about 28,000 scopes), one scope
// changed.
func BenchmarkOpenPreviewLargest(b *testing.B) {
	n := 28000
	doc := tokenWithScopes(n)
	if len(doc) > 1<<20 {
		b.Fatalf("document %d bytes is over the sandbox's limit", len(doc))
	}
	var m map[string]any
	_ = json.Unmarshal(doc, &m)
	m["scope"].([]any)[n/2] = "sp:changed"
	edited, _ := json.Marshal(m)
	rules := patchdiff.PATRules(true)
	c := commontest.Common(termenv.TrueColor, clock)
	b.ReportMetric(float64(len(doc)), "doc-bytes")
	b.ResetTimer()
	for b.Loop() {
		res, err := patchdiff.Diff(doc, edited, rules)
		if err != nil {
			b.Fatal(err)
		}
		wire, _ := res.Patch.MarshalJSON()
		p := preview.New(c, preview.Input{Title: "Preview", View: patchdiff.Preview(doc, res), Wire: wire})
		p.SetSize(120, 40)
		_ = p.View()
	}
}

func profileName(p termenv.Profile) string {
	if p == termenv.Ascii {
		return "ascii"
	}
	return "truecolor"
}
