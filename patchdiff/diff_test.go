package patchdiff

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

const patDoc = `{
  "id": "2c9180835d2e5168015d32f890ca1581",
  "name": "NightlyExport",
  "scope": ["sp:scopes:all"],
  "owner": {"type": "IDENTITY", "id": "2c9180a46faadee4016fb4e018c20639", "name": "Support"},
  "created": "2025-07-11T18:45:37.098Z",
  "lastUsed": null,
  "managed": false,
  "accessTokenValiditySeconds": 43200,
  "expirationDate": "2026-12-01T00:00:00.000Z",
  "userAwareTokenNeverExpires": false
}`

const appDoc = `{
  "id": "2c9180835d191a86015d28455b4a2329",
  "cloudAppId": "9854520",
  "name": "Payroll",
  "created": "2025-01-02T03:04:05.000Z",
  "modified": "2025-02-02T03:04:05.000Z",
  "enabled": true,
  "provisionRequestEnabled": false,
  "description": "Payroll app",
  "matchAllAccounts": false,
  "appCenterEnabled": true,
  "accountSource": {"id": "src1", "type": "SOURCE", "name": "HR", "useForPasswordManagement": false, "passwordPolicies": null},
  "owner": {"type": "IDENTITY", "id": "u1", "name": "Ann"},
  "accessProfiles": ["ap1", "ap2"]
}`

// edit returns doc with the top-level members in set replaced (or added)
// and those in del removed, keeping the other bytes as they are.
func edit(t testing.TB, doc string, set map[string]string, del ...string) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatal(err)
	}
	for k, v := range set {
		m[k] = json.RawMessage(v)
	}
	for _, k := range del {
		delete(m, k)
	}
	// New key order and whitespace on purpose; no HTML escaping, like an editor.
	var out strings.Builder
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "\t")
	if err := enc.Encode(m); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

type diffCase struct {
	name     string
	before   string
	after    string
	rules    Rules
	want     string // the patch as sent; ignored when err is set
	rejected []string
	err      error
}

func runDiffCases(t *testing.T, cases []diffCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Diff([]byte(tc.before), []byte(tc.after), tc.rules)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("Diff error = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Diff: %v", err)
			}
			got, err := json.Marshal(r.Patch)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("patch\n got %s\nwant %s", got, tc.want)
			}
			if !reflect.DeepEqual(r.Rejected, tc.rejected) {
				t.Errorf("rejected = %q, want %q", r.Rejected, tc.rejected)
			}
			applied, err := Apply([]byte(tc.before), r.Patch)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			want := projection(t, []byte(tc.before), []byte(tc.after), tc.rules)
			if !sameValue(decodeAny(t, applied), want) {
				t.Errorf("applied %s, want the projection %v", applied, want)
			}
			if !bytes.Equal(applied, r.Patched) {
				t.Errorf("Apply gave %s but Result.Patched is %s", applied, r.Patched)
			}
		})
	}
}

func TestDiffPAT(t *testing.T) {
	pat := PATRules(true)
	runDiffCases(t, []diffCase{
		{name: "rename", before: patDoc, rules: pat,
			after: edit(t, patDoc, map[string]string{"name": `"Nightly export"`}),
			want:  `[{"op":"test","path":"/name","value":"NightlyExport"},{"op":"replace","path":"/name","value":"Nightly export"}]`},
		{name: "scope replaced whole", before: patDoc, rules: pat,
			after: edit(t, patDoc, map[string]string{"scope": `["idn:all-personal-access-tokens:read","sp:scopes:all"]`}),
			want:  `[{"op":"test","path":"/scope","value":["sp:scopes:all"]},{"op":"replace","path":"/scope","value":["idn:all-personal-access-tokens:read","sp:scopes:all"]}]`},
		{name: "never expires: expirationDate null and the acknowledgement", before: patDoc, rules: pat,
			after: edit(t, patDoc, map[string]string{"expirationDate": `null`, "userAwareTokenNeverExpires": `true`}),
			want: `[{"op":"test","path":"/expirationDate","value":"2026-12-01T00:00:00.000Z"},{"op":"replace","path":"/expirationDate","value":null},` +
				`{"op":"test","path":"/userAwareTokenNeverExpires","value":false},{"op":"replace","path":"/userAwareTokenNeverExpires","value":true}]`},
		{name: "null expirationDate gets a date without a null test",
			before: edit(t, patDoc, map[string]string{"expirationDate": `null`, "userAwareTokenNeverExpires": `true`}),
			after:  edit(t, patDoc, map[string]string{"expirationDate": `"2027-01-01T00:00:00.000Z"`, "userAwareTokenNeverExpires": `false`}),
			rules:  pat,
			want: `[{"op":"replace","path":"/expirationDate","value":"2027-01-01T00:00:00.000Z"},` +
				`{"op":"test","path":"/userAwareTokenNeverExpires","value":true},{"op":"replace","path":"/userAwareTokenNeverExpires","value":false}]`},
		{name: "acknowledgement missing from the original is added",
			before: edit(t, patDoc, nil, "userAwareTokenNeverExpires"),
			after:  edit(t, patDoc, map[string]string{"expirationDate": `null`, "userAwareTokenNeverExpires": `true`}),
			rules:  pat,
			want: `[{"op":"test","path":"/expirationDate","value":"2026-12-01T00:00:00.000Z"},{"op":"replace","path":"/expirationDate","value":null},` +
				`{"op":"add","path":"/userAwareTokenNeverExpires","value":true}]`},
		{name: "optional expirationDate removed", before: patDoc, rules: pat,
			after: edit(t, patDoc, nil, "expirationDate"),
			want:  `[{"op":"test","path":"/expirationDate","value":"2026-12-01T00:00:00.000Z"},{"op":"remove","path":"/expirationDate"}]`},
		{name: "families without never-expiring tokens reject the expiry fields", before: patDoc, rules: PATRules(false),
			after:    edit(t, patDoc, map[string]string{"expirationDate": `null`, "userAwareTokenNeverExpires": `true`}),
			want:     `[]`,
			rejected: []string{"expirationDate", "userAwareTokenNeverExpires"}},
		{name: "read-only fields are rejected, sorted, the rest is sent", before: patDoc, rules: pat,
			after:    edit(t, patDoc, map[string]string{"name": `"x"`, "lastUsed": `"2025-08-01T00:00:00Z"`, "id": `"other"`, "extra": `1`}, "created"),
			want:     `[{"op":"test","path":"/name","value":"NightlyExport"},{"op":"replace","path":"/name","value":"x"}]`,
			rejected: []string{"created", "extra", "id", "lastUsed"}},
		{name: "identical up to whitespace, key order, escapes and number spelling", rules: pat,
			before: `{"name":"caf\u00e9","scope":["a"],"accessTokenValiditySeconds":43200,"n":[1.0,1e2]}`,
			after:  `{ "n" : [1, 100.00], "accessTokenValiditySeconds": 4.32e4, "scope" : [ "a" ], "name": "café" }`,
			want:   `[]`},
		{name: "name removed", before: patDoc, rules: pat, after: edit(t, patDoc, nil, "name"), err: ErrRequired},
		{name: "name null", before: patDoc, rules: pat, after: edit(t, patDoc, map[string]string{"name": `null`}), err: ErrRequired},
		{name: "name empty", before: patDoc, rules: pat, after: edit(t, patDoc, map[string]string{"name": `""`}), err: ErrRequired},
		{name: "scope may become null (old value is tested)", before: patDoc, rules: pat,
			after: edit(t, patDoc, map[string]string{"scope": `null`}),
			want:  `[{"op":"test","path":"/scope","value":["sp:scopes:all"]},{"op":"replace","path":"/scope","value":null}]`},
	})
}

func TestDiffSourceApp(t *testing.T) {
	app := SourceAppRules()
	runDiffCases(t, []diffCase{
		{name: "owner object replaced whole", before: appDoc, rules: app,
			after: edit(t, appDoc, map[string]string{"owner": `{"id":"u2"}`}),
			want:  `[{"op":"test","path":"/owner","value":{"type":"IDENTITY","id":"u1","name":"Ann"}},{"op":"replace","path":"/owner","value":{"id":"u2"}}]`},
		{name: "owner key order is not an edit", before: appDoc, rules: app,
			after: edit(t, appDoc, map[string]string{"owner": `{"name":"Ann","id":"u1","type":"IDENTITY"}`}),
			want:  `[]`},
		{name: "booleans in rule order", before: appDoc, rules: app,
			after: edit(t, appDoc, map[string]string{"matchAllAccounts": `true`, "enabled": `false`, "appCenterEnabled": `false`, "provisionRequestEnabled": `true`}),
			want: `[{"op":"test","path":"/enabled","value":true},{"op":"replace","path":"/enabled","value":false},` +
				`{"op":"test","path":"/provisionRequestEnabled","value":false},{"op":"replace","path":"/provisionRequestEnabled","value":true},` +
				`{"op":"test","path":"/appCenterEnabled","value":true},{"op":"replace","path":"/appCenterEnabled","value":false},` +
				`{"op":"test","path":"/matchAllAccounts","value":false},{"op":"replace","path":"/matchAllAccounts","value":true}]`},
		{name: "accessProfiles are replaced whole without a guard", before: appDoc, rules: app,
			after: edit(t, appDoc, map[string]string{"accessProfiles": `["ap2","ap3"]`}),
			want:  `[{"op":"replace","path":"/accessProfiles","value":["ap2","ap3"]}]`},
		{name: "accessProfiles missing from a GET are added", before: edit(t, appDoc, nil, "accessProfiles"), rules: app,
			after: appDoc,
			want:  `[{"op":"add","path":"/accessProfiles","value":["ap1","ap2"]}]`},
		{name: "accessProfiles removed without a guard", before: appDoc, rules: app,
			after: edit(t, appDoc, nil, "accessProfiles"),
			want:  `[{"op":"remove","path":"/accessProfiles"}]`},
		{name: "accountSource to null", before: appDoc, rules: app,
			after: edit(t, appDoc, map[string]string{"accountSource": `null`}),
			want:  `[{"op":"test","path":"/accountSource","value":{"id":"src1","type":"SOURCE","name":"HR","useForPasswordManagement":false,"passwordPolicies":null}},{"op":"replace","path":"/accountSource","value":null}]`},
		{name: "null owner gets one without a null test", before: edit(t, appDoc, map[string]string{"owner": `null`}), rules: app,
			after: appDoc,
			want:  `[{"op":"replace","path":"/owner","value":{"type":"IDENTITY","id":"u1","name":"Ann"}}]`},
		{name: "description emptied", before: appDoc, rules: app, after: edit(t, appDoc, map[string]string{"description": `""`}), err: ErrRequired},
		{name: "description removed", before: appDoc, rules: app, after: edit(t, appDoc, nil, "description"), err: ErrRequired},
		{name: "owner null", before: appDoc, rules: app, after: edit(t, appDoc, map[string]string{"owner": `null`}), err: ErrRequired},
		{name: "owner empty object", before: appDoc, rules: app, after: edit(t, appDoc, map[string]string{"owner": `{ }`}), err: ErrRequired},
		{name: "owner removed", before: appDoc, rules: app, after: edit(t, appDoc, nil, "owner"), err: ErrRequired},
		{name: "cloudAppId and modified are not patchable", before: appDoc, rules: app,
			after:    edit(t, appDoc, map[string]string{"cloudAppId": `"1"`, "modified": `"2026-01-01T00:00:00Z"`}),
			want:     `[]`,
			rejected: []string{"cloudAppId", "modified"}},
	})
}

func TestDiffReportsEveryBrokenRequiredField(t *testing.T) {
	after := edit(t, appDoc, map[string]string{"description": `""`, "owner": `null`}, "name")
	_, err := Diff([]byte(appDoc), []byte(after), SourceAppRules())
	var got []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var rf *RequiredFieldError
		if !errors.As(e, &rf) {
			t.Fatalf("%v is not a RequiredFieldError", e)
		}
		got = append(got, rf.Field+" "+rf.Change)
	}
	want := []string{"name removed", "description emptied", "owner set to null"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors = %q, want %q", got, want)
	}
	if !errors.Is(err, ErrRequired) || !strings.Contains(err.Error(), "owner is required and cannot be set to null") {
		t.Errorf("error %q does not explain itself", err)
	}
}

func TestDiffValues(t *testing.T) {
	one := func(name string, f Field) Rules { f.Name = name; return Rules{Fields: []Field{f}, Guard: true} }
	runDiffCases(t, []diffCase{
		{name: "pointer tokens are escaped", rules: one("a/b~c", Field{}),
			before: `{"a/b~c":1}`, after: `{"a/b~c":2}`,
			want: `[{"op":"test","path":"/a~1b~0c","value":1},{"op":"replace","path":"/a~1b~0c","value":2}]`},
		{name: "test value keeps the original number bytes", rules: one("n", Field{}),
			before: `{"n":{"x":1.50,"y":[1E2]}}`, after: `{"n":{"x":2}}`,
			want: `[{"op":"test","path":"/n","value":{"x":1.50,"y":[1E2]}},{"op":"replace","path":"/n","value":{"x":2}}]`},
		{name: "integers beyond float64 precision differ", rules: one("n", Field{}),
			before: `{"n":9007199254740993}`, after: `{"n":9007199254740992}`,
			want: `[{"op":"test","path":"/n","value":9007199254740993},{"op":"replace","path":"/n","value":9007199254740992}]`},
		{name: "HTML characters are not escaped", rules: one("name", Field{}),
			before: `{"name":"a"}`, after: `{"name":"a<b>&c"}`,
			want: `[{"op":"test","path":"/name","value":"a"},{"op":"replace","path":"/name","value":"a\u003cb\u003e\u0026c"}]`},
		{name: "type change", rules: one("s", Field{Array: ArraySetOps}),
			before: `{"s":"a"}`, after: `{"s":["a"]}`,
			want: `[{"op":"test","path":"/s","value":"a"},{"op":"replace","path":"/s","value":["a"]}]`},
		{name: "guards off", rules: Rules{Fields: []Field{{Name: "a"}, {Name: "b"}}},
			before: `{"a":1,"b":2}`, after: `{"a":3}`,
			want: `[{"op":"replace","path":"/a","value":3},{"op":"remove","path":"/b"}]`},
		{name: "a new field with a null value", rules: one("x", Field{}),
			before: `{}`, after: `{"x":null}`,
			want: `[{"op":"add","path":"/x","value":null}]`},
		{name: "a null field removed has no null test", rules: one("x", Field{}),
			before: `{"x":null}`, after: `{}`,
			want: `[{"op":"remove","path":"/x"}]`},
		{name: "unchanged null required field is fine", rules: one("owner", Field{Required: true}),
			before: `{"owner":null,"a":1}`, after: `{"owner":null,"a":2}`,
			want: `[]`, rejected: []string{"a"}},
		{name: "empty-string member name is rejected, not patched", rules: one("a", Field{}),
			before: `{"":1}`, after: `{"":2}`,
			want: `[]`, rejected: []string{""}},
	})
}

func TestDiffArraySetOps(t *testing.T) {
	set := Rules{Fields: []Field{{Name: "s", Array: ArraySetOps}}, Guard: true}
	unguarded := Rules{Fields: []Field{{Name: "s", Array: ArraySetOps, NoGuard: true}}, Guard: true}
	runDiffCases(t, []diffCase{
		{name: "remove one, append one", rules: set, before: `{"s":["a","b","c"]}`, after: `{"s":["a","c","d"]}`,
			want: `[{"op":"test","path":"/s/1","value":"b"},{"op":"remove","path":"/s/1"},{"op":"add","path":"/s/-","value":"d"}]`},
		{name: "removes go highest index first", rules: set, before: `{"s":["a","b","c"]}`, after: `{"s":["a"]}`,
			want: `[{"op":"test","path":"/s/2","value":"c"},{"op":"remove","path":"/s/2"},{"op":"test","path":"/s/1","value":"b"},{"op":"remove","path":"/s/1"}]`},
		{name: "append only", rules: set, before: `{"s":["a"]}`, after: `{"s":["a",{"k":1},"b"]}`,
			want: `[{"op":"add","path":"/s/-","value":{"k":1}},{"op":"add","path":"/s/-","value":"b"}]`},
		{name: "duplicate elements", rules: set, before: `{"s":["a","a","b"]}`, after: `{"s":["a","b"]}`,
			want: `[{"op":"test","path":"/s/1","value":"a"},{"op":"remove","path":"/s/1"}]`},
		{name: "emptied", rules: set, before: `{"s":[1,2]}`, after: `{"s":[]}`,
			want: `[{"op":"test","path":"/s/1","value":2},{"op":"remove","path":"/s/1"},{"op":"test","path":"/s/0","value":1},{"op":"remove","path":"/s/0"}]`},
		{name: "reorder falls back to replace", rules: set, before: `{"s":["a","b"]}`, after: `{"s":["b","a"]}`,
			want: `[{"op":"test","path":"/s","value":["a","b"]},{"op":"replace","path":"/s","value":["b","a"]}]`},
		{name: "a null element cannot be tested: unguarded replace", rules: set, before: `{"s":["a",null]}`, after: `{"s":["a"]}`,
			want: `[{"op":"replace","path":"/s","value":["a"]}]`},
		{name: "a removed element holding a null array element: unguarded replace", rules: set,
			before: `{"s":["a",{"k":[null]}]}`, after: `{"s":["a"]}`,
			want: `[{"op":"replace","path":"/s","value":["a"]}]`},
		{name: "null object members are testable", rules: set,
			before: `{"s":["a",{"k":null}]}`, after: `{"s":["a"]}`,
			want: `[{"op":"test","path":"/s/1","value":{"k":null}},{"op":"remove","path":"/s/1"}]`},
		{name: "unguarded removes fall back to replace", rules: unguarded, before: `{"s":["a","b"]}`, after: `{"s":["a"]}`,
			want: `[{"op":"replace","path":"/s","value":["a"]}]`},
		{name: "unguarded appends stay appends", rules: unguarded, before: `{"s":["a"]}`, after: `{"s":["a","b"]}`,
			want: `[{"op":"add","path":"/s/-","value":"b"}]`},
		{name: "semantically equal elements are kept", rules: set, before: `{"s":[1.0,{"a":1,"b":2}]}`, after: `{"s":[1,{"b":2,"a":1},3]}`,
			want: `[{"op":"add","path":"/s/-","value":3}]`},
		{name: "a huge rewrite is a replace", rules: set, before: `{"s":[` + numbers(0, 100) + `]}`, after: `{"s":[` + numbers(100, 200) + `]}`,
			want: `[{"op":"test","path":"/s","value":[` + numbers(0, 100) + `]},{"op":"replace","path":"/s","value":[` + numbers(100, 200) + `]}]`},
		{name: "null array becomes an array: plain replace", rules: set, before: `{"s":null}`, after: `{"s":["a"]}`,
			want: `[{"op":"replace","path":"/s","value":["a"]}]`},
	})
}

// numbers is "from,from+1,…,to-1".
func numbers(from, to int) string {
	var s []string
	for i := from; i < to; i++ {
		s = append(s, strconv.Itoa(i))
	}
	return strings.Join(s, ",")
}

func TestDiffAcceptsABOM(t *testing.T) {
	r, err := Diff([]byte(patDoc), []byte("\xef\xbb\xbf"+edit(t, patDoc, map[string]string{"name": `"n"`})), PATRules(true))
	if err != nil || len(r.Patch) != 2 {
		t.Fatalf("BOM: %v, %v", r.Patch, err)
	}
}

func TestDiffRejectsBadInput(t *testing.T) {
	rules := PATRules(true)
	for _, tc := range []struct {
		name, doc string
		err       error
	}{
		{"empty", ``, ErrInvalidJSON},
		{"blank", " \n ", ErrInvalidJSON},
		{"truncated", `{"name":"a"`, ErrInvalidJSON},
		{"trailing garbage", `{"name":"a"} x`, ErrInvalidJSON},
		{"two values", `{} {}`, ErrInvalidJSON},
		{"invalid UTF-8", "{\"name\":\"\xff\"}", ErrInvalidJSON},
		{"array", `[{"name":"a"}]`, ErrNotObject},
		{"string", `"name"`, ErrNotObject},
		{"null", `null`, ErrNotObject},
		{"number", ` 12 `, ErrNotObject},
		{"duplicate top-level key", `{"name":"a","scope":[],"name":"b"}`, ErrDuplicateKey},
		{"duplicate nested key", `{"owner":{"id":"a","n":{"x":1,"x":1}}}`, ErrDuplicateKey},
		{"duplicate key inside an array", `{"scope":[{"a":1},{"b":1,"b":2}]}`, ErrDuplicateKey},
		{"duplicate key spelled with an escape", `{"name":"a","na\u006de":"b"}`, ErrDuplicateKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Diff([]byte(tc.doc), []byte(patDoc), rules); !errors.Is(err, tc.err) || !strings.HasPrefix(err.Error(), "original document: ") {
				t.Errorf("as original: error %v, want %v", err, tc.err)
			}
			if _, err := Diff([]byte(patDoc), []byte(tc.doc), rules); !errors.Is(err, tc.err) || !strings.HasPrefix(err.Error(), "edited document: ") {
				t.Errorf("as edit: error %v, want %v", err, tc.err)
			}
		})
	}
}

func TestDiffErrorMessagesPointAtTheProblem(t *testing.T) {
	for doc, want := range map[string]string{
		`{"owner":{"id":"a","id":"b"}}`:   `edited document: duplicate key "id" in /owner`,
		`{"a":1,"a":2}`:                   `edited document: duplicate key "a" in the document`,
		`{"s":[0,{"a/b":{"k":1,"k":2}}]}`: `edited document: duplicate key "k" in /s/1/a~1b`,
		"{\n  \"a\": 1,\n  \"b\": tru\n}": `edited document: not valid JSON: line 3, column`,
		`{"a":[1,2}`:                      `edited document: not valid JSON: line 1, column 10`,
		`{"a":`:                           `edited document: not valid JSON: the document ends early`,
	} {
		_, err := Diff([]byte(`{}`), []byte(doc), Rules{Fields: []Field{{Name: "a"}}})
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Diff(%q): error %v, want prefix %q", doc, err, want)
		}
	}
}

func TestDiffInvalidRules(t *testing.T) {
	for _, r := range []Rules{
		{Fields: []Field{{Name: ""}}},
		{Fields: []Field{{Name: "a"}, {Name: "b"}, {Name: "a"}}},
		{Fields: []Field{{Name: "a", Array: ArrayMode(7)}}},
	} {
		if _, err := Diff([]byte(`{}`), []byte(`{}`), r); !errors.Is(err, ErrInvalidRules) {
			t.Errorf("rules %+v: error %v, want ErrInvalidRules", r, err)
		}
	}
}

func TestDiffIdenticalIsEmptyNonNil(t *testing.T) {
	r, err := Diff([]byte(appDoc), []byte(appDoc), SourceAppRules())
	if err != nil {
		t.Fatal(err)
	}
	if r.Patch == nil || len(r.Patch) != 0 || r.Rejected != nil || r.Notes != nil {
		t.Fatalf("result %+v, want an empty non-nil patch and nothing else", r)
	}
	if b, _ := json.Marshal(r.Patch); string(b) != "[]" {
		t.Errorf("marshals as %s", b)
	}
	if !sameJSON(t, r.Patched, []byte(appDoc)) {
		t.Errorf("Patched %s differs from the original", r.Patched)
	}
}

func TestDiffIsDeterministic(t *testing.T) {
	before := appDoc
	after := edit(t, appDoc, map[string]string{
		"name": `"P"`, "enabled": `false`, "owner": `{"id":"u9"}`, "accessProfiles": `[]`,
		"id": `"x"`, "cloudAppId": `"y"`, "created": `"z"`, "zz": `1`, "aa": `2`,
	}, "accountSource")
	first, err := Diff([]byte(before), []byte(after), SourceAppRules())
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(first)
	for range 50 {
		r, err := Diff([]byte(before), []byte(after), SourceAppRules())
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := json.Marshal(r); string(got) != string(want) {
			t.Fatalf("run differs:\n%s\n%s", got, want)
		}
	}
}

func TestDiffNotes(t *testing.T) {
	before := edit(t, appDoc, map[string]string{"owner": `null`}, "matchAllAccounts")
	after := edit(t, appDoc, map[string]string{"accessProfiles": `["x"]`, "matchAllAccounts": `true`})
	r, err := Diff([]byte(before), []byte(after), SourceAppRules())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"owner is not guarded: its current value is null, which a test cannot check",
		"matchAllAccounts is new: an add cannot check that the server has no value yet",
		"accessProfiles is not guarded: the server's current value is unknown",
	}
	if !reflect.DeepEqual(r.Notes, want) {
		t.Errorf("notes\n got %q\nwant %q", r.Notes, want)
	}
	r, err = Diff([]byte(`{"a":1}`), []byte(`{"a":2}`), Rules{Fields: []Field{{Name: "a"}}})
	if err != nil || !reflect.DeepEqual(r.Notes, []string{"guards are off: the patch does not check the server's current values"}) {
		t.Errorf("guards off: notes %q, err %v", r.Notes, err)
	}
}

func TestRuleSets(t *testing.T) {
	names := func(r Rules) string {
		var s []string
		for _, f := range r.Fields {
			s = append(s, f.Name)
		}
		return strings.Join(s, ",")
	}
	if got := names(PATRules(false)); got != "name,scope" {
		t.Errorf("PATRules(false) = %s", got)
	}
	if got := names(PATRules(true)); got != "name,scope,expirationDate,userAwareTokenNeverExpires" {
		t.Errorf("PATRules(true) = %s", got)
	}
	app := SourceAppRules()
	if got := names(app); got != "name,description,enabled,owner,provisionRequestEnabled,appCenterEnabled,accountSource,matchAllAccounts,accessProfiles" {
		t.Errorf("SourceAppRules = %s", got)
	}
	for _, r := range []Rules{PATRules(true), app} {
		if !r.Guard {
			t.Error("rule sets must guard")
		}
		for _, f := range r.Fields {
			required := f.Name == "name" || (len(r.Fields) > 4 && (f.Name == "description" || f.Name == "owner"))
			if f.Required != required || f.NoGuard != (f.Name == "accessProfiles") || f.Array != ArrayReplace {
				t.Errorf("field %+v has the wrong flags", f)
			}
		}
	}
}

func TestMemberAndSameValue(t *testing.T) {
	doc := []byte(`{"a": {"y": 1.0, "x": "\u00e9"}, "b": [1, 2]}`)
	a, ok, err := Member(doc, "a")
	if err != nil || !ok || string(a) != `{"y":1.0,"x":"\u00e9"}` {
		t.Fatalf("Member a = %s %v %v", a, ok, err)
	}
	if _, ok, _ := Member(doc, "c"); ok {
		t.Fatal("c found")
	}
	if !SameValue(a, []byte(`{"x":"é","y":1}`)) || SameValue(a, []byte(`{"x":"e","y":1}`)) || SameValue(nil, a) || !SameValue(nil, nil) {
		t.Fatal("SameValue")
	}
	if _, _, err := Member([]byte(`{"a":1,"a":2}`), "a"); err == nil {
		t.Fatal("duplicate key accepted")
	}
}
