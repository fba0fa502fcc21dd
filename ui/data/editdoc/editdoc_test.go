package editdoc

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

const tokenDoc = `{"id":"t1","name":"ci <bot>","scope":["sp:scopes:all"],"owner":{"type":"IDENTITY","id":"o1","name":"Ada"},` +
	`"created":"2026-01-01T00:00:00.100Z","expirationDate":"2026-12-01T10:00:00.100Z","userAwareTokenNeverExpires":false}`

func fields() []Field {
	return []Field{
		{Name: "id", ReadOnly: true},
		{Name: "name", Required: true},
		{Name: "scope", Kind: StringList},
		{Name: "expirationDate", Label: "expires", Kind: DateOrNever, NeverFlag: "userAwareTokenNeverExpires"},
		{Name: "owner", Kind: Reference, ReadOnly: true},
	}
}

func TestReadWriteRoundTripKeepsUntouchedBytes(t *testing.T) {
	fs := fields()
	vals, err := Read([]byte(tokenDoc), fs)
	if err != nil {
		t.Fatal(err)
	}
	if vals[1].Text != "ci <bot>" || vals[2].Items[0] != "sp:scopes:all" || vals[3].Text != "2026-12-01" || vals[4].Text != "o1" {
		t.Fatalf("values %+v", vals)
	}
	// Nothing edited: the exact bytes, including the .100 the server wrote.
	out, err := Write([]byte(tokenDoc), fs, vals, vals, now)
	if err != nil || string(out) != tokenDoc {
		t.Fatalf("unchanged write = %s, %v", out, err)
	}
	edited := append([]Value(nil), vals...)
	edited[1] = Value{Text: "ci & cd"}
	edited[2] = Value{Items: []string{"sp:scopes:all", "idn:x"}}
	out, err = Write([]byte(tokenDoc), fs, vals, edited, now)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"t1","name":"ci & cd","scope":["sp:scopes:all","idn:x"],"owner":{"type":"IDENTITY","id":"o1","name":"Ada"},` +
		`"created":"2026-01-01T00:00:00.100Z","expirationDate":"2026-12-01T10:00:00.100Z","userAwareTokenNeverExpires":false}`
	if string(out) != want {
		t.Fatalf("write =\n%s\nwant\n%s", out, want)
	}
}

func TestDateOrNeverSetsItsFlag(t *testing.T) {
	fs := fields()
	vals, _ := Read([]byte(tokenDoc), fs)
	edited := append([]Value(nil), vals...)
	edited[3] = Value{Never: true}
	out, err := Write([]byte(tokenDoc), fs, vals, edited, now)
	if err != nil || !strings.Contains(string(out), `"expirationDate":null,"userAwareTokenNeverExpires":true`) {
		t.Fatalf("never: %s %v", out, err)
	}
	edited[3] = Value{Text: "2027-01-31"}
	out, err = Write([]byte(tokenDoc), fs, vals, edited, now)
	if err != nil || !strings.Contains(string(out), `"expirationDate":"2027-01-31T00:00:00.000Z","userAwareTokenNeverExpires":false`) {
		t.Fatalf("date: %s %v", out, err)
	}
}

func TestValidationErrorsBeforeAnyRequest(t *testing.T) {
	fs := fields()
	vals, _ := Read([]byte(tokenDoc), fs)
	for _, tc := range []struct {
		i    int
		v    Value
		want string
	}{
		{1, Value{Text: "  "}, "name cannot be empty"},
		{3, Value{Text: "2026-05-01"}, "expires must be in the future"},
		{3, Value{Text: "tomorrow"}, `"tomorrow" is not a date`},
		{2, Value{Items: []string{"a", ""}}, "an item is empty"},
	} {
		edited := append([]Value(nil), vals...)
		edited[tc.i] = tc.v
		if _, err := Write([]byte(tokenDoc), fs, vals, edited, now); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err %v, want %q", tc.v, err, tc.want)
		}
	}
}

func TestAbsentMembersAreAdded(t *testing.T) {
	fs := []Field{{Name: "description"}, {Name: "enabled", Kind: Toggle}}
	doc := `{"name":"x"}`
	vals, err := Read([]byte(doc), fs)
	if err != nil || !vals[0].Absent {
		t.Fatalf("%+v %v", vals, err)
	}
	out, err := Write([]byte(doc), fs, vals, []Value{{Text: "d"}, {On: true}}, now)
	if err != nil || string(out) != `{"name":"x","description":"d","enabled":true}` {
		t.Fatalf("%s %v", out, err)
	}
}

// A number is read and written as a JSON number; a field's own Check runs
// after its kind's.
func TestNumberAndCheck(t *testing.T) {
	fs := []Field{{Name: "validity", Kind: Number, Check: func(v Value) error {
		if v.Text == "7" {
			return errTooSmall
		}
		return nil
	}}}
	doc := []byte(`{"validity":43200}`)
	vals, err := Read(doc, fs)
	if err != nil || vals[0].Text != "43200" {
		t.Fatalf("%+v %v", vals, err)
	}
	out, err := Write(doc, fs, vals, []Value{{Text: "600"}}, now)
	if err != nil || string(out) != `{"validity":600}` {
		t.Fatalf("%s %v", out, err)
	}
	for in, want := range map[string]string{"1e3": "whole number", "ten": "whole number", "7": "too small"} {
		if err := Validate(fs[0], Value{Text: in}, now); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
}

var errTooSmall = errors.New("too small")

// A date that cannot be never: empty is null (the server's default),
// "never" is refused with the reason, a date is a date.
func TestNoNeverDate(t *testing.T) {
	f := Field{Name: "expirationDate", Kind: DateOrNever, NoNever: true}
	if err := Validate(f, Value{Never: true}, now); err != nil {
		t.Fatalf("empty (null): %v", err)
	}
	if err := Validate(f, Value{Text: "never"}, now); err == nil || !strings.Contains(err.Error(), "no never-expiring") {
		t.Fatalf("never: %v", err)
	}
	if err := Validate(f, Value{Text: "2027-01-31"}, now); err != nil {
		t.Fatal(err)
	}
	if err := Validate(f, Value{Text: "31/01/2027"}, now); err == nil || strings.Contains(err.Error(), "or never") {
		t.Fatalf("bad date: %v", err)
	}
}

// A reference takes a known id only (where ids are known): a name or a
// fragment typed without completing it is an error, never sent as an id.
func TestReferenceTakesOnlyAKnownID(t *testing.T) {
	f := Field{Name: "owner", Kind: Reference, Suggestions: []string{"id-ada"}, Labels: map[string]string{"id-ada": "Ada"}}
	if err := Validate(f, Value{Text: "id-ada"}, now); err != nil {
		t.Fatal(err)
	}
	for _, typed := range []string{"Ada", "id-a", "ada"} {
		if err := Validate(f, Value{Text: typed}, now); err == nil || !strings.Contains(err.Error(), "not a known id") {
			t.Errorf("%q: %v", typed, err)
		}
	}
	if err := Validate(Field{Name: "owner", Kind: Reference}, Value{Text: "any-id"}, now); err != nil {
		t.Fatalf("nothing known: %v", err)
	}
	names := ReferenceNames([]byte(`{"owner":{"id":"id-bob","name":"Bob"}}`), []byte(`{"owner":{"id":"id-ada"}}`), []Field{f})
	if len(names) != 1 || names[0] != "owner → Ada (id-ada)" {
		t.Fatalf("names %q", names)
	}
	if same := ReferenceNames([]byte(`{"owner":{"id":"id-ada"}}`), []byte(`{"owner":{"id":"id-ada"}}`), []Field{f}); len(same) != 0 {
		t.Fatalf("unchanged: %q", same)
	}
}
