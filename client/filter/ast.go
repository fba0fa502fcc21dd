// Package filter builds, parses and evaluates expressions in the ISC
// collection filter grammar (isc-api.md §5): `lastUsed isnull or lastUsed le
// 2025-01-01T00:00:00.000Z`, `name co "prod"`, `id in ("a","b")`.
//
// The builder (Eq, In, And, ...) produces expressions whose String() is the
// wire form with correct quoting and escaping. Parse reads the wire form
// back into the same node types, so Parse(x.String()) is equivalent to x.
// The sandbox tenant validates parsed expressions against a Schema and
// evaluates them with Eval.
package filter

import (
	"strings"
)

// Expr is a filter expression. String returns the wire form.
type Expr interface {
	String() string
}

// Op is a filter operator as spelled on the wire (always lowercase).
type Op string

// Binary comparison operators.
const (
	OpEq Op = "eq"
	OpNe Op = "ne"
	OpGt Op = "gt"
	OpGe Op = "ge"
	OpLt Op = "lt"
	OpLe Op = "le"
	OpCo Op = "co"
	OpSw Op = "sw"
)

// List operators: the right-hand side is a parenthesised list.
const (
	OpIn Op = "in"
	OpCa Op = "ca"
)

// Unary operators: isnull is postfix, pr is prefix.
const (
	OpIsNull Op = "isnull"
	OpPr     Op = "pr"
)

// Composite operators.
const (
	OpAnd Op = "and"
	OpOr  Op = "or"
	OpNot Op = "not"
)

// comparisonOp returns the Compare operator spelled s.
func comparisonOp(s string) (Op, bool) {
	switch op := Op(s); op {
	case OpEq, OpNe, OpGt, OpGe, OpLt, OpLe, OpCo, OpSw:
		return op, true
	}
	return "", false
}

func isKeyword(s string) bool {
	if _, ok := comparisonOp(s); ok {
		return true
	}
	switch Op(s) {
	case OpIn, OpCa, OpIsNull, OpPr, OpAnd, OpOr, OpNot:
		return true
	}
	return false
}

// Compare is `field op value` for eq, ne, gt, ge, lt, le, co and sw.
type Compare struct {
	Field string
	Op    Op
	Value Value
}

func (c Compare) String() string {
	return c.Field + " " + string(c.Op) + " " + c.Value.String()
}

// List is `field in (v1, v2)` or `field ca (v1, v2)`.
type List struct {
	Field  string
	Op     Op
	Values []Value
}

func (l List) String() string {
	var b strings.Builder
	b.WriteString(l.Field)
	b.WriteByte(' ')
	b.WriteString(string(l.Op))
	b.WriteString(" (")
	for i, v := range l.Values {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(v.String())
	}
	b.WriteByte(')')
	return b.String()
}

// Unary is `field isnull` or `pr field`.
type Unary struct {
	Field string
	Op    Op
}

func (u Unary) String() string {
	if u.Op == OpPr {
		return "pr " + u.Field
	}
	return u.Field + " " + string(u.Op)
}

// Logical joins terms with and / or. A Logical with no terms is the empty
// filter: its String is "" and Eval treats it as true.
type Logical struct {
	Op    Op
	Terms []Expr
}

func (l Logical) String() string {
	parts := make([]string, 0, len(l.Terms))
	for _, t := range l.Terms {
		if t == nil {
			continue
		}
		s := t.String()
		if needsParens(l.Op, t) {
			s = "(" + s + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " "+string(l.Op)+" ")
}

// needsParens reports whether a term must be parenthesised inside a
// Logical with operator op. Nested logicals are always grouped except an
// `and` inside an `or`, which precedence already groups; this keeps the
// tree shape across Parse(String()).
func needsParens(op Op, t Expr) bool {
	inner, ok := t.(Logical)
	if !ok {
		return false
	}
	if len(inner.Terms) == 1 {
		// A one-term logical prints as its term; group it so it parses
		// back to the same shape.
		return true
	}
	return !(op == OpOr && inner.Op == OpAnd)
}

// Negation is `not X`.
type Negation struct {
	X Expr
}

func (n Negation) String() string {
	if n.X == nil {
		return "not ()"
	}
	switch n.X.(type) {
	case Logical:
		return "not (" + n.X.String() + ")"
	}
	return "not " + n.X.String()
}
