// Package editdoc is the pure half of the editor: which top-level members
// of a JSON document a form shows, of what kind, and how edited values are
// written back into the document that patchdiff compares with the
// original. It knows nothing of tokens, apps or Bubble Tea.
package editdoc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Kind is how a field is edited.
type Kind int

const (
	Text        Kind = iota // a string
	Toggle                  // a boolean
	DateOrNever             // an RFC 3339 date-time, or null meaning never
	StringList              // an array of strings
	Reference               // an object edited by its id ({"id": ...}, e.g. an owner)
	Raw                     // shown as its JSON (strings unquoted); read-only fields only
	Number                  // a whole number (e.g. a validity in seconds)
)

// Field is one member shown in the form.
type Field struct {
	Name  string // top-level member
	Label string // shown; "" → Name
	Kind  Kind
	// ReadOnly fields are shown dimmed and never written; Why says why,
	// beside them ("only its owner may change it").
	ReadOnly bool
	Why      string
	// Required text and references cannot be emptied (a local error before
	// any request).
	Required bool
	// Suggestions complete a StringList's new item or a Reference's id.
	Suggestions []string
	// Labels name suggestions for people (an identity id's display
	// name): shown beside them, and what is typed matches them too.
	Labels map[string]string
	// NeverFlag is, for DateOrNever, a boolean member set true with
	// "never" and false with a date (e.g. userAwareTokenNeverExpires).
	NeverFlag string
	// NoNever is, for DateOrNever, a date that cannot be "never": an empty
	// value is null, which the server reads as its own default (an API
	// version without never-expiring tokens).
	NoNever bool
	// Check is the field's own rule beyond its kind (a name not yet
	// taken, a number in range); nil → none.
	Check func(Value) error
	// Hint says a valid value in words below the focused field ("= 12
	// hours"); nil or "" → none.
	Hint func(v Value, now time.Time) string
	// Mixed is, in a form that sets one value on many items, a field the
	// items differ in: it reads "(mixed)" until the user sets it, and a
	// value set is sent to every item (toggles and text only).
	Mixed bool
}

// Title is the label shown for f.
func (f Field) Title() string {
	if f.Label != "" {
		return f.Label
	}
	return f.Name
}

// Value is a field's editable value.
type Value struct {
	Text  string   // Text, DateOrNever ("" or a date), Reference (the id)
	On    bool     // Toggle
	Never bool     // DateOrNever: null
	Items []string // StringList
	// Name is a Reference's display name, when the document has one.
	Name string
	// Absent: the member is not in the document.
	Absent bool
}

// Equal reports whether two values are the same edit.
func (v Value) Equal(o Value) bool {
	return v.Text == o.Text && v.On == o.On && v.Never == o.Never && slices.Equal(v.Items, o.Items)
}

// DateLayout is how a DateOrNever value is typed and shown.
const DateLayout = "2006-01-02"

// Read returns each field's value in doc (an object).
func Read(doc []byte, fields []Field) ([]Value, error) {
	members, err := decode(doc)
	if err != nil {
		return nil, err
	}
	out := make([]Value, len(fields))
	for i, f := range fields {
		out[i], err = readValue(members, f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Title(), err)
		}
	}
	return out, nil
}

func readValue(members map[string]json.RawMessage, f Field) (Value, error) {
	raw, ok := members[f.Name]
	if !ok {
		return Value{Absent: true, Never: f.Kind == DateOrNever}, nil
	}
	isNull := bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
	var v Value
	switch f.Kind {
	case Text:
		if !isNull {
			if err := json.Unmarshal(raw, &v.Text); err != nil {
				return v, err
			}
		}
	case Number:
		if !isNull {
			var n json.Number
			if err := json.Unmarshal(raw, &n); err != nil {
				return v, err
			}
			v.Text = n.String()
		}
	case Toggle:
		if !isNull {
			if err := json.Unmarshal(raw, &v.On); err != nil {
				return v, err
			}
		}
	case DateOrNever:
		if isNull {
			v.Never = true
			break
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return v, err
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return v, err
		}
		v.Text = t.UTC().Format(DateLayout)
	case StringList:
		if !isNull {
			if err := json.Unmarshal(raw, &v.Items); err != nil {
				return v, err
			}
		}
	case Raw:
		var s string
		if json.Unmarshal(raw, &s) == nil {
			v.Text = s
		} else if !isNull {
			var b bytes.Buffer
			if json.Compact(&b, raw) == nil {
				v.Text = b.String()
			}
		}
	case Reference:
		if !isNull {
			var ref struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			}
			if err := json.Unmarshal(raw, &ref); err != nil {
				return v, err
			}
			v.Text, v.Name = ref.ID, ref.Name
		}
	}
	return v, nil
}

// Write returns doc with every editable field whose value differs from
// initial set to its new value. Fields left as they were keep their
// original bytes, so an untouched date keeps its exact server spelling
// and patchdiff sees no change. now is the clock that decides whether a
// typed date is in the future.
func Write(doc []byte, fields []Field, initial, values []Value, now time.Time) ([]byte, error) {
	members, err := Split(doc)
	if err != nil {
		return nil, err
	}
	for i, f := range fields {
		if f.ReadOnly || values[i].Equal(initial[i]) {
			continue
		}
		if err := Validate(f, values[i], now); err != nil {
			return nil, err
		}
		raw, flag, err := encodeValue(f, values[i])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Title(), err)
		}
		members.Set(f.Name, raw)
		if f.NeverFlag != "" {
			members.Set(f.NeverFlag, flag)
		}
	}
	return members.Join()
}

// Validate checks a value before it is written: a required field is not
// emptied, a number is whole, a date parses and lies in the future, and
// the field's own Check holds.
func Validate(f Field, v Value, now time.Time) error {
	if err := validateKind(f, v, now); err != nil {
		return err
	}
	if f.Check != nil {
		return f.Check(v)
	}
	return nil
}

func validateKind(f Field, v Value, now time.Time) error {
	switch f.Kind {
	case Text:
		if f.Required && strings.TrimSpace(v.Text) == "" {
			return fmt.Errorf("%s cannot be empty", f.Title())
		}
	case Reference:
		return validateReference(f, v)
	case Number:
		if _, err := strconv.Atoi(strings.TrimSpace(v.Text)); err != nil {
			return fmt.Errorf("%s: enter a whole number", f.Title())
		}
	case DateOrNever:
		return validateDate(f, v, now)
	case StringList:
		for _, it := range v.Items {
			if strings.TrimSpace(it) == "" {
				return fmt.Errorf("%s: an item is empty", f.Title())
			}
		}
	}
	return nil
}

// validateReference accepts a known id (one of the suggestions) or, where
// nothing is known, any id: a typed name or fragment is not an id, and
// sending it would point the reference at nothing, or at the wrong thing.
func validateReference(f Field, v Value) error {
	id := strings.TrimSpace(v.Text)
	switch {
	case id == "" && f.Required:
		return fmt.Errorf("%s cannot be empty", f.Title())
	case id == "" || len(f.Suggestions) == 0 || slices.Contains(f.Suggestions, id):
		return nil
	}
	return fmt.Errorf("%s: %q is not a known id (tab completes a name or an id)", f.Title(), id)
}

// ReferenceNames says, for each reference whose id edited changes from
// base's, what it now points at: "owner → Ada Lovelace (id-ada)". A
// preview shows them beside the bare ids the patch sends.
func ReferenceNames(base, edited []byte, fields []Field) []string {
	was, err1 := Read(base, fields)
	now, err2 := Read(edited, fields)
	if err1 != nil || err2 != nil {
		return nil
	}
	var out []string
	for i, f := range fields {
		if f.Kind != Reference || f.ReadOnly || was[i].Text == now[i].Text || now[i].Text == "" {
			continue
		}
		name := f.Labels[now[i].Text]
		if name == "" {
			name = "an id not listed here"
		}
		out = append(out, fmt.Sprintf("%s → %s (%s)", f.Title(), name, now[i].Text))
	}
	return out
}

func validateDate(f Field, v Value, now time.Time) error {
	text := strings.TrimSpace(v.Text)
	switch {
	case v.Never:
		return nil
	case f.NoNever && strings.EqualFold(text, "never"):
		return fmt.Errorf("%s: this API version has no never-expiring tokens; enter a date, or leave it empty for the server's default", f.Title())
	}
	t, err := time.Parse(DateLayout, text)
	switch {
	case err != nil && f.NoNever:
		return fmt.Errorf("%s: %q is not a date (YYYY-MM-DD)", f.Title(), v.Text)
	case err != nil:
		return fmt.Errorf("%s: %q is not a date (YYYY-MM-DD) or never", f.Title(), v.Text)
	case !t.After(now):
		return fmt.Errorf("%s must be in the future (after %s)", f.Title(), now.UTC().Format(DateLayout))
	}
	return nil
}

// encodeValue is the JSON of v; flag is the NeverFlag member's new value.
func encodeValue(f Field, v Value) (raw, flag json.RawMessage, err error) {
	var x any
	switch f.Kind {
	case Text:
		x = v.Text
	case Number:
		n, _ := strconv.Atoi(strings.TrimSpace(v.Text)) // validated
		x = n
	case Toggle:
		x = v.On
	case DateOrNever:
		flag = json.RawMessage("false")
		if v.Never {
			return json.RawMessage("null"), json.RawMessage("true"), nil
		}
		t, _ := time.Parse(DateLayout, strings.TrimSpace(v.Text)) // validated
		x = t.UTC().Format("2006-01-02T15:04:05.000Z")
	case StringList:
		x = v.Items
		if v.Items == nil {
			x = []string{}
		}
	case Raw:
		return nil, nil, errors.New("a raw field cannot be edited")
	case Reference:
		// Only the id is sent; the server fills in type and name.
		x = map[string]string{"id": strings.TrimSpace(v.Text)}
	}
	raw, err = marshal(x)
	return raw, flag, err
}

// marshal encodes without HTML escaping, so "<&>" stays as typed.
func marshal(v any) (json.RawMessage, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

var errNotObject = errors.New("the document is not a JSON object")

func decode(doc []byte) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(doc, &m); err != nil {
		return nil, fmt.Errorf("read document: %w", err)
	}
	if m == nil {
		return nil, errNotObject
	}
	return m, nil
}
