package filter

// Builder functions. Values may be string, bool, any integer or float type,
// json.Number, time.Time (written as UTC with milliseconds) or a Value;
// anything else is written as a quoted string via fmt.Sprint.
//
// Field names are written as given: they are expected to be attribute names
// such as `lastUsed` or `accountSource.id`.

// Eq is `field eq value`.
func Eq(field string, v any) Expr { return cmp(field, OpEq, v) }

// Ne is `field ne value`.
func Ne(field string, v any) Expr { return cmp(field, OpNe, v) }

// Gt is `field gt value`.
func Gt(field string, v any) Expr { return cmp(field, OpGt, v) }

// Ge is `field ge value`.
func Ge(field string, v any) Expr { return cmp(field, OpGe, v) }

// Lt is `field lt value`.
func Lt(field string, v any) Expr { return cmp(field, OpLt, v) }

// Le is `field le value`.
func Le(field string, v any) Expr { return cmp(field, OpLe, v) }

// Co is `field co value` (contains).
func Co(field string, v any) Expr { return cmp(field, OpCo, v) }

// Sw is `field sw value` (starts with).
func Sw(field string, v any) Expr { return cmp(field, OpSw, v) }

func cmp(field string, op Op, v any) Expr {
	return Compare{Field: field, Op: op, Value: valueOf(v)}
}

// In is `field in (v1,v2,...)`.
func In(field string, vs ...any) Expr { return list(field, OpIn, vs) }

// Ca is `field ca (v1,v2,...)`: a multi-valued field contains all values.
func Ca(field string, vs ...any) Expr { return list(field, OpCa, vs) }

func list(field string, op Op, vs []any) Expr {
	vals := make([]Value, len(vs))
	for i, v := range vs {
		vals[i] = valueOf(v)
	}
	return List{Field: field, Op: op, Values: vals}
}

// IsNull is `field isnull`.
func IsNull(field string) Expr { return Unary{Field: field, Op: OpIsNull} }

// Pr is `pr field` (present: not null).
func Pr(field string) Expr { return Unary{Field: field, Op: OpPr} }

// And joins xs with `and`. Nil arguments are skipped, one remaining term
// is returned as is, and no terms give the empty filter (String() == "").
func And(xs ...Expr) Expr { return logical(OpAnd, xs) }

// Or joins xs with `or`, with the same rules as And.
func Or(xs ...Expr) Expr { return logical(OpOr, xs) }

func logical(op Op, xs []Expr) Expr {
	terms := make([]Expr, 0, len(xs))
	for _, x := range xs {
		if x == nil || IsEmpty(x) {
			continue
		}
		terms = append(terms, x)
	}
	if len(terms) == 1 {
		return terms[0]
	}
	return Logical{Op: op, Terms: terms}
}

// Not is `not x`. Not of the empty filter is the empty filter.
func Not(x Expr) Expr {
	if x == nil || IsEmpty(x) {
		return Logical{Op: OpAnd}
	}
	return Negation{X: x}
}

// IsEmpty reports whether e is the empty filter (matches everything and
// should not be sent at all).
func IsEmpty(e Expr) bool {
	if e == nil {
		return true
	}
	l, ok := e.(Logical)
	return ok && len(l.Terms) == 0
}
