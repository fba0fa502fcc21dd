package filter

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

type tokenKind int

const (
	tokEOF    tokenKind = iota
	tokIdent            // field names and keywords
	tokString           // "quoted", unescaped
	tokBare             // number or date-time text
	tokLParen
	tokRParen
	tokComma
)

type token struct {
	kind tokenKind
	text string
	pos  int // byte offset, for error messages
}

func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of filter"
	case tokString:
		return fmt.Sprintf("string %s", Quote(t.text))
	case tokLParen:
		return `"("`
	case tokRParen:
		return `")"`
	case tokComma:
		return `","`
	}
	return fmt.Sprintf("%q", t.text)
}

// SyntaxError says where and why a filter failed to parse.
type SyntaxError struct {
	Pos int // byte offset in the filter
	Msg string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("filter syntax error at offset %d: %s", e.Pos, e.Msg)
}

func syntaxErr(pos int, format string, args ...any) error {
	return &SyntaxError{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// lex splits a filter into tokens.
func lex(s string) ([]token, error) {
	if !utf8.ValidString(s) {
		return nil, syntaxErr(0, "filter is not valid UTF-8")
	}
	var toks []token
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(':
			toks = append(toks, token{tokLParen, "(", i})
			i++
		case c == ')':
			toks = append(toks, token{tokRParen, ")", i})
			i++
		case c == ',':
			toks = append(toks, token{tokComma, ",", i})
			i++
		case c == '"':
			text, n, err := lexString(s, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{tokString, text, i})
			i += n
		case isIdentStart(c):
			j := i + 1
			for j < len(s) && isIdentPart(s[j]) {
				j++
			}
			toks = append(toks, token{tokIdent, s[i:j], i})
			i = j
		case isDigit(c) || c == '-' || c == '+':
			j := i + 1
			for j < len(s) && isBarePart(s[j]) {
				j++
			}
			toks = append(toks, token{tokBare, s[i:j], i})
			i = j
		default:
			r, _ := utf8.DecodeRuneInString(s[i:])
			return nil, syntaxErr(i, "unexpected character %q", r)
		}
	}
	toks = append(toks, token{tokEOF, "", len(s)})
	return toks, nil
}

// lexString reads a double-quoted string starting at s[start] and returns
// its unescaped text and the number of bytes consumed. Only \" and \\ are
// escapes; the percent escapes of Quote are undone as well.
func lexString(s string, start int) (string, int, error) {
	var b strings.Builder
	i := start + 1
	for i < len(s) {
		c := s[i]
		switch c {
		case '"':
			return unescapePercent(b.String()), i + 1 - start, nil
		case '\\':
			if i+1 >= len(s) {
				return "", 0, syntaxErr(i, "unterminated escape in string")
			}
			n := s[i+1]
			if n != '"' && n != '\\' {
				return "", 0, syntaxErr(i, `invalid escape \%c in string (only \" and \\ are allowed)`, n)
			}
			b.WriteByte(n)
			i += 2
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", 0, syntaxErr(start, "unterminated string")
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isIdentPart(c byte) bool {
	return isIdentStart(c) || isDigit(c) || c == '.' || c == '-'
}

// isBarePart accepts the characters of numbers and RFC 3339 date-times.
func isBarePart(c byte) bool {
	return isDigit(c) || c == '.' || c == '-' || c == '+' || c == ':' ||
		c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
