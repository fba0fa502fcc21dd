package patchdiff

import (
	"bytes"
	"math/big"
)

// equalJSON compares two compact, valid JSON values by meaning: key order
// is ignored, strings compare decoded ("\u00e9" equals "é") and numbers
// compare exactly by value (1, 1.0 and 1e0 are equal; no float rounding, so
// 9007199254740993 differs from 9007199254740992). Array order matters.
func equalJSON(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	switch a[0] {
	case '{':
		return b[0] == '{' && equalObjects(a, b)
	case '[':
		return b[0] == '[' && equalArrays(a, b)
	case '"':
		return b[0] == '"' && bytes.Equal(decodeKey(a), decodeKey(b))
	case 't', 'f', 'n':
		return false // literals are equal only byte for byte
	default:
		return isNumberStart(b[0]) && parseDecimal(a).equal(parseDecimal(b))
	}
}

func isNumberStart(c byte) bool { return c == '-' || (c >= '0' && c <= '9') }

func equalArrays(a, b []byte) bool {
	ea, eb := elements(a), elements(b)
	if len(ea) != len(eb) {
		return false
	}
	for i := range ea {
		if !equalJSON(ea[i], eb[i]) {
			return false
		}
	}
	return true
}

func equalObjects(a, b []byte) bool {
	ma, mb := members(a), members(b)
	if len(ma) != len(mb) {
		return false
	}
	for k, va := range ma {
		vb, ok := mb[k]
		if !ok || !equalJSON(va, vb) {
			return false
		}
	}
	return true
}

// members maps the decoded keys of a compact object to their values. The
// input has been checked for duplicate keys.
func members(obj []byte) map[string][]byte {
	out := make(map[string][]byte)
	if obj[1] == '}' {
		return out
	}
	for i := 1; i < len(obj); {
		end := stringEnd(obj, i)
		key := string(decodeKey(obj[i:end]))
		vEnd := skipValue(obj, end+1)
		out[key] = obj[end+1 : vEnd]
		i = vEnd + 1
	}
	return out
}

// decimal is a JSON number as sign × digits × 10^exp with no leading or
// trailing zeros in digits; zero has no digits and no sign.
type decimal struct {
	neg    bool
	digits []byte
	exp    int64
	bigExp *big.Int // set instead of exp when the exponent does not fit
}

// parseDecimal reads a valid JSON number.
func parseDecimal(s []byte) decimal {
	var d decimal
	i := 0
	if s[0] == '-' {
		d.neg = true
		i++
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	digits := append([]byte(nil), s[start:i]...)
	fracLen := 0
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		digits = append(digits, s[fs:i]...)
		fracLen = i - fs
	}
	expNeg := false
	var expDigits []byte
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if s[i] == '+' || s[i] == '-' {
			expNeg = s[i] == '-'
			i++
		}
		expDigits = bytes.TrimLeft(s[i:], "0")
	}
	digits = bytes.TrimLeft(digits, "0")
	trimmed := bytes.TrimRight(digits, "0")
	shift := int64(len(digits)-len(trimmed)) - int64(fracLen)
	if len(trimmed) == 0 {
		return decimal{} // zero, including -0 and 0e5
	}
	d.digits = trimmed
	if len(expDigits) <= 18 {
		var e int64
		for _, c := range expDigits {
			e = e*10 + int64(c-'0')
		}
		if expNeg {
			e = -e
		}
		d.exp = e + shift // |e| < 1e18 and |shift| ≤ len(s): no overflow
		return d
	}
	e, _ := new(big.Int).SetString(string(expDigits), 10)
	if expNeg {
		e.Neg(e)
	}
	d.bigExp = e.Add(e, big.NewInt(shift))
	return d
}

func (d decimal) equal(o decimal) bool {
	if d.neg != o.neg || !bytes.Equal(d.digits, o.digits) {
		return false
	}
	if d.bigExp == nil && o.bigExp == nil {
		return d.exp == o.exp
	}
	return d.exponent().Cmp(o.exponent()) == 0
}

func (d decimal) exponent() *big.Int {
	if d.bigExp != nil {
		return d.bigExp
	}
	return big.NewInt(d.exp)
}
