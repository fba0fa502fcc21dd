package patchdiff

import (
	"reflect"
	"strings"
	"testing"
)

func TestPreviewPAT(t *testing.T) {
	before := []byte(patDoc)
	after := edit(t, patDoc, map[string]string{
		"name": `"Nightly <export>"`, "expirationDate": `null`, "userAwareTokenNeverExpires": `true`, "id": `"x"`,
	})
	r, err := Diff(before, []byte(after), PATRules(true))
	if err != nil {
		t.Fatal(err)
	}
	v := Preview(before, r)
	want := `--- current
+++ after patch
@@ -1,6 +1,6 @@
 {
   "id": "2c9180835d2e5168015d32f890ca1581",
-  "name": "NightlyExport",
+  "name": "Nightly <export>",
   "scope": [
     "sp:scopes:all"
   ],
@@ -13,6 +13,6 @@
   "lastUsed": null,
   "managed": false,
   "accessTokenValiditySeconds": 43200,
-  "expirationDate": "2026-12-01T00:00:00.000Z",
-  "userAwareTokenNeverExpires": false
+  "expirationDate": null,
+  "userAwareTokenNeverExpires": true
 }
replace /name  "NightlyExport" → "Nightly <export>"
replace /expirationDate  "2026-12-01T00:00:00.000Z" → null
replace /userAwareTokenNeverExpires  false → true
warning: id is not patchable; the change was not included
`
	if got := v.String(); got != want {
		t.Errorf("preview\n%s\nwant\n%s", got, want)
	}
	if v.Empty() {
		t.Error("Empty() with three ops")
	}
	for _, o := range v.Ops {
		if !o.Guarded || o.Old == "" || o.New == "" || o.Op != "replace" {
			t.Errorf("op line %+v", o)
		}
	}
}

func TestPreviewLineNumbers(t *testing.T) {
	r, err := Diff([]byte(appDoc), []byte(edit(t, appDoc, map[string]string{"accessProfiles": `["ap1","ap3","ap4"]`, "name": `"P"`})), SourceAppRules())
	if err != nil {
		t.Fatal(err)
	}
	v := Preview([]byte(appDoc), r)
	left := strings.Split(indented([]byte(appDoc)), "\n")
	right := strings.Split(indented(r.Patched), "\n")
	hunks := 0
	for _, l := range v.Lines {
		switch l.Kind {
		case LineHunk:
			hunks++
			if !strings.HasPrefix(l.Text, "@@ -") || l.Old != 0 || l.New != 0 {
				t.Errorf("hunk header %+v", l)
			}
		case LineContext:
			if left[l.Old-1] != l.Text || right[l.New-1] != l.Text {
				t.Errorf("context line %+v does not match both sides", l)
			}
		case LineRemoved:
			if l.New != 0 || left[l.Old-1] != l.Text {
				t.Errorf("removed line %+v", l)
			}
		case LineAdded:
			if l.Old != 0 || right[l.New-1] != l.Text {
				t.Errorf("added line %+v", l)
			}
		}
	}
	if hunks != 2 {
		t.Errorf("%d hunks, want 2:\n%s", hunks, v)
	}
	wantOps := []OpLine{
		{Op: "replace", Path: "/name", Old: `"Payroll"`, New: `"P"`, Guarded: true, Text: `replace /name  "Payroll" → "P"`},
		{Op: "replace", Path: "/accessProfiles", Old: `["ap1","ap2"]`, New: `["ap1","ap3","ap4"]`, Text: `replace /accessProfiles  ["ap1","ap2"] → ["ap1","ap3","ap4"]`},
	}
	if !reflect.DeepEqual(v.Ops, wantOps) {
		t.Errorf("ops\n got %+v\nwant %+v", v.Ops, wantOps)
	}
	if !reflect.DeepEqual(v.Notes, []string{"accessProfiles is not guarded: the server's current value is unknown"}) {
		t.Errorf("notes %q", v.Notes)
	}
}

func TestPreviewOpTexts(t *testing.T) {
	rules := Rules{Fields: []Field{
		{Name: "description"}, {Name: "accessProfiles"}, {Name: "scope", Array: ArraySetOps},
	}, Guard: true}
	before := `{"description":"old","scope":["a","b","c"]}`
	after := `{"accessProfiles":["x"],"scope":["a","c","d"]}`
	r, err := Diff([]byte(before), []byte(after), rules)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, o := range Preview([]byte(before), r).Ops {
		texts = append(texts, o.Text)
	}
	want := []string{
		`remove /description  "old"`,
		`add /accessProfiles  ["x"]`,
		`remove /scope/1  "b"`,
		`add /scope/-  "d"`,
	}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("op texts\n got %q\nwant %q", texts, want)
	}
}

func TestPreviewHandMadePatch(t *testing.T) {
	before := []byte(`{"a/b":{"k": 1},"n":2}`)
	p := Patch{
		{Op: "replace", Path: "/a~1b", Value: []byte(`{ "k": 2 }`)},
		{Op: "test", Path: "/n", Value: []byte(`2`)},
		{Op: "remove", Path: "/missing"},
	}
	patched, err := Apply(before, p[:2])
	if err != nil {
		t.Fatal(err)
	}
	v := Preview(before, Result{Patch: p, Patched: patched})
	want := []string{`replace /a~1b  {"k":1} → {"k":2}`, `test /n  2`, `remove /missing`}
	var got []string
	for _, o := range v.Ops {
		got = append(got, o.Text)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("op texts %q, want %q", got, want)
	}
}

func TestPreviewNothingToSend(t *testing.T) {
	r, err := Diff([]byte(appDoc), []byte(edit(t, appDoc, map[string]string{"": `1`, "id": `"x"`})), SourceAppRules())
	if err != nil {
		t.Fatal(err)
	}
	v := Preview([]byte(appDoc), r)
	if !v.Empty() || len(v.Lines) != 0 {
		t.Errorf("view %+v should be empty", v)
	}
	want := []string{`"" is not patchable; the change was not included`, `id is not patchable; the change was not included`}
	if !reflect.DeepEqual(v.Warnings, want) {
		t.Errorf("warnings %q, want %q", v.Warnings, want)
	}
	if s := v.String(); !strings.HasPrefix(s, "no changes to send\n") {
		t.Errorf("String() = %q", s)
	}
	if v := Preview([]byte(`not json`), Result{}); !v.Empty() || len(v.Lines) != 0 {
		t.Errorf("zero Result: %+v", v)
	}
}

func TestLineKindString(t *testing.T) {
	for k, want := range map[LineKind]string{LineContext: "context", LineRemoved: "removed", LineAdded: "added", LineHunk: "hunk", 9: "LineKind(9)"} {
		if k.String() != want {
			t.Errorf("%d.String() = %s", int(k), k)
		}
	}
}
