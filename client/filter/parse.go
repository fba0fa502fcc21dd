package filter

import (
	"strconv"
	"strings"
)

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 100

// Parse reads a filter in the ISC grammar:
//
//	or      = and { "or" and }
//	and     = unary { "and" unary }
//	unary   = "not" unary | primary
//	primary = "(" or ")" | "pr" field | field "isnull"
//	        | field op value | field ("in" | "ca") "(" value { "," value } ")"
//
// Operators are lowercase only; values are "quoted strings" (with \" and \\
// escapes), bare true/false, numbers or RFC 3339 date-times.
func Parse(s string) (Expr, error) {
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	if p.peek().kind == tokEOF {
		return nil, syntaxErr(0, "empty filter")
	}
	e, err := p.parseOr(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		return nil, p.unexpected(t, `"and", "or" or end of filter`)
	}
	return e, nil
}

type parser struct {
	toks []token
	pos  int
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) peekAt(n int) token {
	if p.pos+n >= len(p.toks) {
		return p.toks[len(p.toks)-1]
	}
	return p.toks[p.pos+n]
}

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tokEOF {
		p.pos++
	}
	return t
}

func (p *parser) unexpected(t token, want string) error {
	if t.kind == tokIdent && t.text != strings.ToLower(t.text) && isKeyword(strings.ToLower(t.text)) {
		return syntaxErr(t.pos, "operator %q must be lowercase (%q)", t.text, strings.ToLower(t.text))
	}
	return syntaxErr(t.pos, "unexpected %s, want %s", t.describe(), want)
}

func (p *parser) isWord(w string) bool {
	t := p.peek()
	return t.kind == tokIdent && t.text == w
}

func (p *parser) parseOr(depth int) (Expr, error) {
	first, err := p.parseAnd(depth)
	if err != nil {
		return nil, err
	}
	terms := []Expr{first}
	for p.isWord("or") {
		p.next()
		t, err := p.parseAnd(depth)
		if err != nil {
			return nil, err
		}
		terms = append(terms, t)
	}
	if len(terms) == 1 {
		return first, nil
	}
	return Logical{Op: OpOr, Terms: terms}, nil
}

func (p *parser) parseAnd(depth int) (Expr, error) {
	first, err := p.parseUnary(depth)
	if err != nil {
		return nil, err
	}
	terms := []Expr{first}
	for p.isWord("and") {
		p.next()
		t, err := p.parseUnary(depth)
		if err != nil {
			return nil, err
		}
		terms = append(terms, t)
	}
	if len(terms) == 1 {
		return first, nil
	}
	return Logical{Op: OpAnd, Terms: terms}, nil
}

func (p *parser) parseUnary(depth int) (Expr, error) {
	if depth > maxDepth {
		return nil, syntaxErr(p.peek().pos, "filter nested too deeply (more than %d levels)", maxDepth)
	}
	if p.isWord("not") {
		p.next()
		x, err := p.parseUnary(depth + 1)
		if err != nil {
			return nil, err
		}
		return Negation{X: x}, nil
	}
	return p.parsePrimary(depth)
}

func (p *parser) parsePrimary(depth int) (Expr, error) {
	t := p.peek()
	switch {
	case t.kind == tokLParen:
		p.next()
		x, err := p.parseOr(depth + 1)
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != tokRParen {
			return nil, p.unexpected(c, `")"`)
		}
		return x, nil
	case t.kind == tokIdent && t.text == "pr" && p.peekAt(1).kind == tokIdent:
		p.next()
		f := p.next()
		return Unary{Field: f.text, Op: OpPr}, nil
	case t.kind == tokIdent:
		if t.text == "and" || t.text == "or" {
			return nil, p.unexpected(t, "a field, \"not\", \"pr\" or \"(\"")
		}
		p.next()
		return p.parseComparison(t.text)
	}
	return nil, p.unexpected(t, `a field, "not", "pr" or "("`)
}

func (p *parser) parseComparison(field string) (Expr, error) {
	opTok := p.next()
	if opTok.kind != tokIdent {
		return nil, p.unexpected(opTok, "an operator after field "+strconv.Quote(field))
	}
	switch opTok.text {
	case "isnull":
		return Unary{Field: field, Op: OpIsNull}, nil
	case "in", "ca":
		vals, err := p.parseList()
		if err != nil {
			return nil, err
		}
		return List{Field: field, Op: Op(opTok.text), Values: vals}, nil
	}
	op, ok := comparisonOp(opTok.text)
	if !ok {
		return nil, p.unexpected(opTok, "an operator (eq, ne, gt, ge, lt, le, co, sw, in, ca, isnull)")
	}
	v, err := p.parseValue()
	if err != nil {
		return nil, err
	}
	return Compare{Field: field, Op: op, Value: v}, nil
}

func (p *parser) parseList() ([]Value, error) {
	if t := p.next(); t.kind != tokLParen {
		return nil, p.unexpected(t, `"(" to start a value list`)
	}
	var vals []Value
	for {
		v, err := p.parseValue()
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
		t := p.next()
		if t.kind == tokRParen {
			return vals, nil
		}
		if t.kind != tokComma {
			return nil, p.unexpected(t, `"," or ")"`)
		}
	}
}

func (p *parser) parseValue() (Value, error) {
	t := p.next()
	switch t.kind {
	case tokString:
		return Value{Kind: KindString, Str: t.text}, nil
	case tokIdent:
		switch t.text {
		case "true", "false":
			return Value{Kind: KindBool, Bool: t.text == "true"}, nil
		}
		return Value{}, syntaxErr(t.pos, "value %q must be a \"quoted string\", true, false, a number or a date-time", t.text)
	case tokBare:
		if isNumberLiteral(t.text) {
			f, err := strconv.ParseFloat(t.text, 64)
			if err != nil {
				return Value{}, syntaxErr(t.pos, "number %q is out of range", t.text)
			}
			return Value{Kind: KindNumber, Num: f, Raw: t.text}, nil
		}
		if tm, ok := parseTime(t.text); ok {
			return Value{Kind: KindTime, Time: tm, Raw: t.text}, nil
		}
		return Value{}, syntaxErr(t.pos, "%q is neither a number nor an RFC 3339 date-time", t.text)
	}
	return Value{}, p.unexpected(t, "a value")
}
