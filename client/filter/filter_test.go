package filter

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

var ts = time.Date(2025, 1, 2, 3, 4, 5, 678_900_000, time.UTC)

func TestBuilderString(t *testing.T) {
	tests := []struct {
		name string
		e    Expr
		want string
	}{
		{"eq string", Eq("name", "source app name"), `name eq "source app name"`},
		{"eq bool", Eq("enabled", true), `enabled eq true`},
		{"eq int", Eq("n", 42), `n eq 42`},
		{"eq float", Eq("n", -1.5), `n eq -1.5`},
		{"le time ms UTC", Le("lastUsed", ts), `lastUsed le 2025-01-02T03:04:05.678Z`},
		{"time in other zone", Gt("created", ts.In(time.FixedZone("x", 3600))), `created gt 2025-01-02T03:04:05.678Z`},
		{"escapes", Eq("name", `a"b\c#d%e&f`), `name eq "a\"b\\c%23d%25e%26f"`},
		{"ne co sw ge lt", And(Ne("a", "x"), Co("b", "y"), Sw("c", "z"), Ge("d", 1), Lt("e", 2)),
			`a ne "x" and b co "y" and c sw "z" and d ge 1 and e lt 2`},
		{"in", In("id", "a", "b"), `id in ("a","b")`},
		{"ca", Ca("tags", "x"), `tags ca ("x")`},
		{"isnull", IsNull("lastUsed"), `lastUsed isnull`},
		{"pr", Pr("owner"), `pr owner`},
		{"stale", Or(IsNull("lastUsed"), Le("lastUsed", ts)), `lastUsed isnull or lastUsed le 2025-01-02T03:04:05.678Z`},
		{"and in or", Or(And(Eq("a", 1), Eq("b", 2)), Eq("c", 3)), `a eq 1 and b eq 2 or c eq 3`},
		{"or in and", And(Or(Eq("a", 1), Eq("b", 2)), Eq("c", 3)), `(a eq 1 or b eq 2) and c eq 3`},
		{"and in and", And(And(Eq("a", 1), Eq("b", 2)), Eq("c", 3)), `(a eq 1 and b eq 2) and c eq 3`},
		{"not compare", Not(Eq("a", 1)), `not a eq 1`},
		{"not logical", Not(Or(Eq("a", 1), Eq("b", 2))), `not (a eq 1 or b eq 2)`},
		{"single and", And(Eq("a", 1)), `a eq 1`},
		{"nil skipped", And(nil, Eq("a", 1), And()), `a eq 1`},
		{"empty", And(), ``},
		{"not empty", Not(Or()), ``},
		{"nan as string", Eq("n", nanValue()), `n eq "NaN"`},
		{"unicode", Eq("name", "日本語 🚀"), `name eq "日本語 🚀"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.e.String(); got != tt.want {
				t.Errorf("String() = %s, want %s", got, tt.want)
			}
		})
	}
}

func nanValue() float64 {
	zero := 0.0
	return zero / zero
}

func TestBuilderRoundTrip(t *testing.T) {
	exprs := []Expr{
		Eq("name", `tricky "quoted" \ back # hash % pct & amp %23 literal`),
		Or(IsNull("lastUsed"), Le("lastUsed", ts)),
		And(Or(Eq("a", 1), Eq("b", 2.25)), Not(In("id", "x", "y")), Pr("owner.id")),
		And(And(Eq("a", 1), Eq("b", 2)), Or(Or(Eq("c", 3), Eq("d", 4)), Eq("e", false))),
		Not(Not(Eq("accountSource.id", "abc"))),
		Ca("tags", "a", "b"),
		Eq("n", uint64(18446744073709551615)),
		Gt("n", 1e21),
	}
	for _, e := range exprs {
		s := e.String()
		p, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%s): %v", s, err)
		}
		if p.String() != s {
			t.Errorf("round trip changed:\n%s\n%s", s, p.String())
		}
		if !equivalent(e, p) {
			t.Errorf("Parse(%s) = %#v, not equivalent to %#v", s, p, e)
		}
	}
}

// equivalent compares trees ignoring Raw (the builder leaves it empty).
func equivalent(a, b Expr) bool {
	return reflect.DeepEqual(stripRaw(a), stripRaw(b))
}

func stripRaw(e Expr) Expr {
	return mapLeaves(e, func(leaf Expr) Expr {
		switch x := leaf.(type) {
		case Compare:
			x.Value.Raw = ""
			return x
		case List:
			vs := make([]Value, len(x.Values))
			for i, v := range x.Values {
				v.Raw = ""
				vs[i] = v
			}
			x.Values = vs
			return x
		}
		return leaf
	})
}

// mapLeaves rebuilds e with f applied to every comparison (the nodes below
// not, and, or).
func mapLeaves(e Expr, f func(Expr) Expr) Expr {
	switch x := e.(type) {
	case Negation:
		return Negation{X: mapLeaves(x.X, f)}
	case Logical:
		ts := make([]Expr, len(x.Terms))
		for i, t := range x.Terms {
			ts[i] = mapLeaves(t, f)
		}
		return Logical{Op: x.Op, Terms: ts}
	}
	return f(e)
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Expr
	}{
		{`lastUsed le 2023-02-05T10:59:27.214Z`, Compare{"lastUsed", OpLe, Value{Kind: KindTime, Time: time.Date(2023, 2, 5, 10, 59, 27, 214e6, time.UTC), Raw: "2023-02-05T10:59:27.214Z"}}},
		{`lastUsed isnull`, Unary{"lastUsed", OpIsNull}},
		{`pr accountRequestInfo`, Unary{"accountRequestInfo", OpPr}},
		{`enabled eq true`, Compare{"enabled", OpEq, Value{Kind: KindBool, Bool: true}}},
		{`name eq "a\"b\\c%23"`, Compare{"name", OpEq, Value{Kind: KindString, Str: `a"b\c#`}}},
		{`id in ("a", "b")`, List{"id", OpIn, []Value{{Kind: KindString, Str: "a"}, {Kind: KindString, Str: "b"}}}},
		{`not a eq 1 and b eq 2 or c eq 3`, Logical{OpOr, []Expr{
			Logical{OpAnd, []Expr{Negation{Compare{"a", OpEq, Value{Kind: KindNumber, Num: 1, Raw: "1"}}}, Compare{"b", OpEq, Value{Kind: KindNumber, Num: 2, Raw: "2"}}}},
			Compare{"c", OpEq, Value{Kind: KindNumber, Num: 3, Raw: "3"}},
		}}},
		{`a eq 1 and (b eq 2 or c eq 3)`, Logical{OpAnd, []Expr{
			Compare{"a", OpEq, Value{Kind: KindNumber, Num: 1, Raw: "1"}},
			Logical{OpOr, []Expr{Compare{"b", OpEq, Value{Kind: KindNumber, Num: 2, Raw: "2"}}, Compare{"c", OpEq, Value{Kind: KindNumber, Num: 3, Raw: "3"}}}},
		}}},
		{`((x isnull))`, Unary{"x", OpIsNull}},
		{`created gt 2018-12-18T23:05:55+02:00`, Compare{"created", OpGt, Value{Kind: KindTime, Time: time.Date(2018, 12, 18, 21, 5, 55, 0, time.UTC), Raw: "2018-12-18T23:05:55+02:00"}}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !sameTree(got, tt.want) {
				t.Errorf("Parse(%s)\n got %#v\nwant %#v", tt.in, got, tt.want)
			}
		})
	}
}

// sameTree is DeepEqual with times compared by instant.
func sameTree(a, b Expr) bool {
	return a.String() == b.String() && equivalent(normTime(a), normTime(b))
}

func normTime(e Expr) Expr {
	return mapLeaves(e, func(leaf Expr) Expr {
		if x, ok := leaf.(Compare); ok {
			x.Value.Time = x.Value.Time.UTC()
			return x
		}
		return leaf
	})
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{``, "empty filter"},
		{`   `, "empty filter"},
		{`name EQ "x"`, `operator "EQ" must be lowercase`},
		{`a eq 1 AND b eq 2`, `operator "AND" must be lowercase`},
		{`name eq x`, `must be a "quoted string"`},
		{`name eq "x`, "unterminated string"},
		{`name eq "x\n"`, `invalid escape`},
		{`name eq`, "want a value"},
		{`(a eq 1`, `want ")"`},
		{`a eq 1)`, "want \"and\", \"or\" or end of filter"},
		{`a foo 1`, "want an operator"},
		{`id in "a"`, `"(" to start a value list`},
		{`id in ("a" "b")`, `"," or ")"`},
		{`id in ()`, "want a value"},
		{`created gt 2018-13-45`, "neither a number nor an RFC 3339 date-time"},
		{`a eq 1 and`, "want a field"},
		{`or a eq 1`, "want a field"},
		{`a eq 1 $`, "unexpected character"},
		{"a eq \"\xff\"", "not valid UTF-8"},
		{strings.Repeat("(", 200) + "a isnull" + strings.Repeat(")", 200), "nested too deeply"},
		{strings.Repeat("not ", 200) + "a isnull", "nested too deeply"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) succeeded, want error containing %q", tt.in, tt.want)
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("error %v is not a *SyntaxError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}
