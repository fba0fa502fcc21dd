package filter

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParse: Parse never panics, and whatever it accepts prints to a form
// that parses back to the same tree and the same text.
func FuzzParse(f *testing.F) {
	seeds := []string{
		`lastUsed le 2023-02-05T10:59:27.214Z`,
		`lastUsed isnull or lastUsed le 2025-01-01T00:00:00Z`,
		`name eq "source app name"`,
		`enabled eq true`,
		`id in ("a","b")`,
		`pr accountRequestInfo`,
		`not (a eq 1 or b ne -2.5e3) and c co "x\"y\\z%23"`,
		`((a isnull))`,
		`tags ca ("x", "y")`,
		`name EQ "x"`,
		`a eq 1 and`,
		`pr isnull`,
		`"unterminated`,
		`created gt 2018-12-18T23:05:55+02:00`,
		"name eq \"\x1b[2J\"",
		`in eq 1 or not not x sw "日本"`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := Parse(s)
		if err != nil {
			return
		}
		s1 := e.String()
		e2, err := Parse(s1)
		if err != nil {
			t.Fatalf("Parse(%q) ok, but its String %q does not parse: %v", s, s1, err)
		}
		if s2 := e2.String(); s2 != s1 {
			t.Fatalf("unstable: %q -> %q -> %q", s, s1, s2)
		}
		if !equivalent(e, e2) {
			t.Fatalf("tree changed for %q: %#v vs %#v", s, e, e2)
		}
	})
}

// FuzzBuilderRoundTrip builds an expression from the fuzzer's bytes and
// strings with the builder, and checks Parse(x.String()) is equivalent to x.
func FuzzBuilderRoundTrip(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, `plain`)
	f.Add([]byte{9, 9, 9, 1, 0, 3}, `a"b\c#d%e&f%23`)
	f.Add([]byte{7, 7, 7, 7, 7, 7, 7, 2}, "日本\x1b[2J\t\n")
	f.Fuzz(func(t *testing.T, program []byte, s string) {
		if !utf8.ValidString(s) {
			t.Skip("the wire form is UTF-8; invalid strings cannot round-trip")
		}
		b := &exprBuilder{prog: program, str: s}
		e := b.build(0)
		wire := e.String()
		if IsEmpty(e) {
			return
		}
		p, err := Parse(wire)
		if err != nil {
			t.Fatalf("builder output %q does not parse: %v", wire, err)
		}
		if !equivalent(e, p) {
			t.Fatalf("round trip of %q changed the tree:\n%#v\n%#v", wire, e, p)
		}
	})
}

// exprBuilder turns bytes into builder calls.
type exprBuilder struct {
	prog []byte
	pos  int
	str  string
}

func (b *exprBuilder) next() int {
	if b.pos >= len(b.prog) {
		return 0
	}
	c := int(b.prog[b.pos])
	b.pos++
	return c
}

func (b *exprBuilder) value() any {
	switch b.next() % 6 {
	case 0:
		return b.str
	case 1:
		return b.next()%2 == 0
	case 2:
		return b.next() - 128
	case 3:
		return float64(b.next()) / 8
	case 4:
		return time.Date(2000+b.next(), time.Month(1+b.next()%12), 1+b.next()%28, b.next()%24, 0, 0, b.next()*1e6, time.UTC)
	}
	return b.str + "%"
}

func (b *exprBuilder) build(depth int) Expr {
	fields := []string{"name", "lastUsed", "accountSource.id", "owner.id", "a_b-c"}
	field := fields[b.next()%len(fields)]
	op := b.next() % 16
	if depth > 4 {
		op %= 10
	}
	switch op {
	case 0:
		return Eq(field, b.value())
	case 1:
		return Ne(field, b.value())
	case 2:
		return Gt(field, b.value())
	case 3:
		return Le(field, b.value())
	case 4:
		return Co(field, b.value())
	case 5:
		return Sw(field, b.value())
	case 6:
		return IsNull(field)
	case 7:
		return Pr(field)
	case 8:
		return In(field, b.value(), b.value())
	case 9:
		return Ca(field, b.value())
	case 10, 11:
		return And(b.build(depth+1), b.build(depth+1), b.build(depth+1))
	case 12, 13:
		return Or(b.build(depth+1), b.build(depth+1))
	}
	return Not(b.build(depth + 1))
}
