package filter

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// FieldType is the type of a filterable attribute.
type FieldType int

const (
	TypeString FieldType = iota
	TypeTime
	TypeBool
	TypeNumber
	TypeStringList // multi-valued: supports ca
)

func (t FieldType) accepts(k Kind) bool {
	switch t {
	case TypeString, TypeStringList:
		return k == KindString
	case TypeTime:
		return k == KindTime
	case TypeBool:
		return k == KindBool
	case TypeNumber:
		return k == KindNumber
	}
	return false
}

func (t FieldType) String() string {
	switch t {
	case TypeString:
		return "string"
	case TypeTime:
		return "date-time"
	case TypeBool:
		return "boolean"
	case TypeNumber:
		return "number"
	case TypeStringList:
		return "string list"
	}
	return "unknown"
}

// Field describes one filterable attribute of an endpoint: its type and the
// operators the endpoint supports for it.
type Field struct {
	Type FieldType
	Ops  []Op
}

// Schema lists the filterable fields of one endpoint. Anything not in it is
// rejected, as the ISC API answers 400 for unsupported fields or operators.
type Schema map[string]Field

// Validate checks that every field and operator of e is supported and that
// every value has the field's type. The error text is fit for a 400.
func (s Schema) Validate(e Expr) error {
	switch x := e.(type) {
	case nil:
		return nil
	case Compare:
		if err := s.check(x.Field, x.Op); err != nil {
			return err
		}
		return s.checkValue(x.Field, x.Value)
	case List:
		if err := s.check(x.Field, x.Op); err != nil {
			return err
		}
		for _, v := range x.Values {
			if err := s.checkValue(x.Field, v); err != nil {
				return err
			}
		}
		return nil
	case Unary:
		return s.check(x.Field, x.Op)
	case Negation:
		return s.Validate(x.X)
	case Logical:
		for _, t := range x.Terms {
			if err := s.Validate(t); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("unsupported filter expression %T", e)
}

func (s Schema) check(field string, op Op) error {
	f, ok := s[field]
	if !ok {
		return fmt.Errorf("filter field %q is not supported; supported fields: %s", field, strings.Join(s.fieldNames(), ", "))
	}
	if !slices.Contains(f.Ops, op) {
		ops := make([]string, len(f.Ops))
		for i, o := range f.Ops {
			ops[i] = string(o)
		}
		return fmt.Errorf("filter operator %q is not supported for field %q; supported: %s", op, field, strings.Join(ops, ", "))
	}
	return nil
}

func (s Schema) checkValue(field string, v Value) error {
	f := s[field]
	if !f.Type.accepts(v.Kind) {
		return fmt.Errorf("filter value %s for field %q is a %s, want a %s", v.String(), field, v.Kind, f.Type)
	}
	return nil
}

func (s Schema) fieldNames() []string {
	names := make([]string, 0, len(s))
	for n := range s {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Getter returns the value of a field of the record being filtered: a
// string, bool, float64/int, time.Time, *time.Time, []string, or nil for
// null. ok is false for an unknown field (treated as null).
type Getter func(field string) (v any, ok bool)

// Eval reports whether the record behind get matches e. Strings compare
// case-insensitively, date-times temporally. A comparison between values of
// different types is false; validate with a Schema first to reject those.
func Eval(e Expr, get Getter) bool {
	switch x := e.(type) {
	case nil:
		return true
	case Logical:
		if x.Op == OpOr {
			for _, t := range x.Terms {
				if Eval(t, get) {
					return true
				}
			}
			return len(x.Terms) == 0
		}
		for _, t := range x.Terms {
			if !Eval(t, get) {
				return false
			}
		}
		return true
	case Negation:
		return !Eval(x.X, get)
	case Unary:
		v := lookup(get, x.Field)
		if x.Op == OpPr {
			return !isNull(v)
		}
		return isNull(v)
	case Compare:
		return compare(lookup(get, x.Field), x.Op, x.Value)
	case List:
		v := lookup(get, x.Field)
		if x.Op == OpCa {
			have, ok := v.([]string)
			if !ok {
				return false
			}
			for _, want := range x.Values {
				if !slices.ContainsFunc(have, func(h string) bool { return strings.EqualFold(h, want.Str) }) {
					return false
				}
			}
			return true
		}
		for _, want := range x.Values {
			if compare(v, OpEq, want) {
				return true
			}
		}
		return false
	}
	return false
}

func lookup(get Getter, field string) any {
	v, ok := get(field)
	if !ok {
		return nil
	}
	if t, isPtr := v.(*time.Time); isPtr {
		if t == nil {
			return nil
		}
		return *t
	}
	return v
}

func isNull(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case []string:
		return x == nil
	}
	return false
}

// compare evaluates `have op want`.
func compare(have any, op Op, want Value) bool {
	var c int
	switch h := have.(type) {
	case string:
		if want.Kind != KindString {
			return false
		}
		hs, ws := strings.ToLower(h), strings.ToLower(want.Str)
		switch op {
		case OpCo:
			return strings.Contains(hs, ws)
		case OpSw:
			return strings.HasPrefix(hs, ws)
		}
		c = strings.Compare(hs, ws)
	case time.Time:
		if want.Kind != KindTime {
			return false
		}
		c = h.Compare(want.Time)
	case bool:
		if want.Kind != KindBool {
			return false
		}
		c = 0
		if h != want.Bool {
			c = 1
		}
		if op != OpEq && op != OpNe {
			return false
		}
	case int:
		return compare(float64(h), op, want)
	case int64:
		return compare(float64(h), op, want)
	case float64:
		if want.Kind != KindNumber {
			return false
		}
		switch {
		case h < want.Num:
			c = -1
		case h > want.Num:
			c = 1
		}
	default:
		return false
	}
	switch op {
	case OpEq:
		return c == 0
	case OpNe:
		return c != 0
	case OpGt:
		return c > 0
	case OpGe:
		return c >= 0
	case OpLt:
		return c < 0
	case OpLe:
		return c <= 0
	}
	return false
}
