package filter

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Kind says what a literal is on the wire.
type Kind int

const (
	KindString Kind = iota // "quoted"
	KindNumber             // bare 42, -1.5, 1e+06
	KindBool               // bare true / false
	KindTime               // bare RFC 3339 date-time
)

func (k Kind) String() string {
	switch k {
	case KindString:
		return "string"
	case KindNumber:
		return "number"
	case KindBool:
		return "boolean"
	case KindTime:
		return "date-time"
	}
	return "unknown"
}

// TimeLayout is how the builder writes date-times: UTC with milliseconds,
// the form the ISC examples use (2023-02-05T10:59:27.214Z).
const TimeLayout = "2006-01-02T15:04:05.000Z07:00"

// Value is a literal. Exactly the field matching Kind is meaningful; Raw
// keeps a parsed number's or date-time's text so Parse(String())
// reproduces it exactly.
type Value struct {
	Kind Kind
	Str  string
	Num  float64
	Raw  string
	Bool bool
	Time time.Time
}

// String returns the literal in wire form.
func (v Value) String() string {
	switch v.Kind {
	case KindNumber:
		if v.Raw != "" {
			return v.Raw
		}
		return strconv.FormatFloat(v.Num, 'g', -1, 64)
	case KindBool:
		return strconv.FormatBool(v.Bool)
	case KindTime:
		if v.Raw != "" {
			return v.Raw
		}
		return v.Time.UTC().Format(TimeLayout)
	}
	return Quote(v.Str)
}

// Quote returns s as a filter string literal: double-quoted, with `\` and
// `"` backslash-escaped and `#`, `%`, `&` percent-escaped (isc-api.md §5),
// so the value survives query-string handling on the server side.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '#':
			b.WriteString("%23")
		case '%':
			b.WriteString("%25")
		case '&':
			b.WriteString("%26")
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// unescapePercent reverses the three percent escapes Quote writes. Any
// other `%` sequence is kept as typed.
func unescapePercent(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && s[i+1] == '2' {
			switch s[i+2] {
			case '3':
				b.WriteByte('#')
				i += 2
				continue
			case '5':
				b.WriteByte('%')
				i += 2
				continue
			case '6':
				b.WriteByte('&')
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// valueOf converts a Go value given to the builder into a literal.
// Unsupported types (and non-finite floats, which have no wire form) are
// written as strings with fmt.Sprint.
func valueOf(x any) Value {
	switch v := x.(type) {
	case Value:
		return v
	case string:
		return Value{Kind: KindString, Str: v}
	case bool:
		return Value{Kind: KindBool, Bool: v}
	case time.Time:
		return Value{Kind: KindTime, Time: v.UTC().Truncate(time.Millisecond)}
	case *time.Time:
		if v == nil {
			return Value{Kind: KindString, Str: ""}
		}
		return valueOf(*v)
	case int:
		return intValue(int64(v))
	case int8:
		return intValue(int64(v))
	case int16:
		return intValue(int64(v))
	case int32:
		return intValue(int64(v))
	case int64:
		return intValue(v)
	case uint:
		return uintValue(uint64(v))
	case uint8:
		return uintValue(uint64(v))
	case uint16:
		return uintValue(uint64(v))
	case uint32:
		return uintValue(uint64(v))
	case uint64:
		return uintValue(v)
	case float32:
		return floatValue(float64(v))
	case float64:
		return floatValue(v)
	case json.Number:
		if f, err := v.Float64(); err == nil && isNumberLiteral(string(v)) {
			return Value{Kind: KindNumber, Num: f, Raw: string(v)}
		}
		return Value{Kind: KindString, Str: string(v)}
	case fmt.Stringer:
		return Value{Kind: KindString, Str: v.String()}
	}
	return Value{Kind: KindString, Str: fmt.Sprint(x)}
}

func intValue(n int64) Value {
	return Value{Kind: KindNumber, Num: float64(n), Raw: strconv.FormatInt(n, 10)}
}

func uintValue(n uint64) Value {
	return Value{Kind: KindNumber, Num: float64(n), Raw: strconv.FormatUint(n, 10)}
}

func floatValue(f float64) Value {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Value{Kind: KindString, Str: strconv.FormatFloat(f, 'g', -1, 64)}
	}
	return Value{Kind: KindNumber, Num: f, Raw: strconv.FormatFloat(f, 'g', -1, 64)}
}

// isNumberLiteral reports whether s is a number as the lexer reads it:
// optional '-', digits, optional fraction, optional exponent.
func isNumberLiteral(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == start {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == fs {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		es := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == es {
			return false
		}
	}
	return i == len(s)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseTime reads a bare RFC 3339 date-time (fraction optional).
func parseTime(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}
