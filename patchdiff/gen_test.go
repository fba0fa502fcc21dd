package patchdiff

import (
	"bytes"
	"encoding/json"
	"strings"
)

// gen turns fuzz bytes into rules and a pair of related documents. Values
// come from small palettes so that edits, equal re-spellings ("1" vs
// "1.0", "é" vs "\u00e9"), duplicates and reorders are common. When the
// bytes run out it reads zeros, so every input is usable.
type gen struct {
	data []byte
	i    int
}

func (g *gen) byte() byte {
	if g.i >= len(g.data) {
		return 0
	}
	b := g.data[g.i]
	g.i++
	return b
}

func (g *gen) intn(n int) int { return int(g.byte()) % n }

// fieldNames: resource fields plus names that need pointer escaping.
var fieldNames = []string{"name", "scope", "owner", "enabled", "accessProfiles", "expirationDate", "a/b~c", "é<&>", "id", "created"}

func (g *gen) rules() Rules {
	flags := g.byte()
	r := Rules{Guard: flags&1 == 0}
	start := g.intn(len(fieldNames))
	for k := range fieldNames {
		name := fieldNames[(start+k)%len(fieldNames)]
		b := g.byte()
		if b&1 == 1 {
			continue // not in the allow-list
		}
		r.Fields = append(r.Fields, Field{Name: name, Required: b&0x70 == 0x70, Array: ArrayMode(b >> 2 & 1), NoGuard: b&8 != 0})
	}
	return r
}

// node is a JSON value that remembers its spelling.
type node struct {
	lit   string // scalars: the raw JSON text
	arr   []node // arrays (isArr)
	isArr bool
	keys  []string // objects (isObj), in order
	vals  []node
	isObj bool
}

var (
	scalarLits = []string{`null`, `true`, `false`, `""`, `"a"`, `"b"`, `"c"`, `"é"`, `"<~/\"x>"`,
		`1`, `1.0`, `100`, `1e2`, `0`, `-0`, `1.50`, `9007199254740993`, `9007199254740992`}
	respell = map[string]string{`1`: `1.0`, `1.0`: `1`, `100`: `1E+2`, `1e2`: `100.0`, `0`: `-0.0`,
		`-0`: `0`, `1.50`: `15e-1`, `"é"`: `"\u00e9"`, `"a"`: `"\u0061"`}
	objectKeys = []string{"id", "type", "name", "k", "~/"}
)

// fieldValue favours arrays of short strings for the array fields, so
// set ops (removes, appends, duplicates, reorders) get exercised.
func (g *gen) fieldValue(name string) node {
	if (name == "scope" || name == "accessProfiles") && g.intn(5) != 0 {
		n := node{isArr: true}
		for range g.intn(6) {
			n.arr = append(n.arr, node{lit: scalarLits[3+g.intn(4)]})
		}
		return n
	}
	return g.value(0)
}

func (g *gen) value(depth int) node {
	switch c := g.intn(16); {
	case c < 9 || depth > 2:
		return node{lit: scalarLits[g.intn(len(scalarLits))]}
	case c < 13:
		n := node{isArr: true}
		for range g.intn(5) {
			if g.intn(3) == 0 {
				n.arr = append(n.arr, g.value(depth+1))
			} else {
				n.arr = append(n.arr, node{lit: scalarLits[3+g.intn(4)]}) // "", a, b, c: duplicates likely
			}
		}
		return n
	default:
		n := node{isObj: true}
		for _, k := range objectKeys {
			if g.intn(2) == 0 {
				n.keys = append(n.keys, k)
				n.vals = append(n.vals, g.value(depth+1))
			}
		}
		return n
	}
}

// mutate returns an edited copy: a new value, an array edit (remove,
// append, swap, duplicate) or an equal re-spelling.
func (g *gen) mutate(n node) node {
	switch g.intn(6) {
	case 0:
		return g.value(0)
	case 1, 2:
		if n.isArr {
			arr := append([]node(nil), n.arr...)
			switch k := g.intn(4); {
			case k == 0 && len(arr) > 0:
				i := g.intn(len(arr))
				arr = append(arr[:i], arr[i+1:]...)
			case k == 1 && len(arr) > 1:
				i, j := g.intn(len(arr)), g.intn(len(arr))
				arr[i], arr[j] = arr[j], arr[i]
			case k == 2 && len(arr) > 0:
				arr = append(arr, arr[g.intn(len(arr))])
			default:
				arr = append(arr, g.value(1))
			}
			return node{isArr: true, arr: arr}
		}
		return g.value(0)
	default:
		return g.respell(n)
	}
}

// respell keeps the meaning and changes the bytes.
func (g *gen) respell(n node) node {
	switch {
	case n.isArr:
		out := node{isArr: true}
		for _, e := range n.arr {
			out.arr = append(out.arr, g.respell(e))
		}
		return out
	case n.isObj:
		out := node{isObj: true}
		for i := len(n.keys) - 1; i >= 0; i-- { // reversed key order
			out.keys = append(out.keys, n.keys[i])
			out.vals = append(out.vals, g.respell(n.vals[i]))
		}
		return out
	}
	if s, ok := respell[n.lit]; ok && g.intn(2) == 0 {
		return node{lit: s}
	}
	return n
}

func (n node) write(b *strings.Builder) {
	switch {
	case n.isArr:
		b.WriteByte('[')
		for i, e := range n.arr {
			if i > 0 {
				b.WriteByte(',')
			}
			e.write(b)
		}
		b.WriteByte(']')
	case n.isObj:
		b.WriteByte('{')
		for i, k := range n.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			kb, _ := json.Marshal(k)
			b.Write(kb)
			b.WriteByte(':')
			n.vals[i].write(b)
		}
		b.WriteByte('}')
	default:
		b.WriteString(n.lit)
	}
}

// documents builds before and after: each field present or not, edited,
// removed, added or kept, in a shuffled order, sometimes indented.
func (g *gen) documents() (before, after []byte) {
	var bk, ak []string
	var bv, av []node
	for _, name := range fieldNames {
		inBefore := g.intn(4) != 0
		var v node
		if inBefore {
			v = g.fieldValue(name)
			bk, bv = append(bk, name), append(bv, v)
		}
		switch op := g.intn(8); {
		case !inBefore && op < 3: // added
			ak, av = append(ak, name), append(av, g.fieldValue(name))
		case !inBefore:
		case op == 0: // removed
		case op < 4: // changed
			ak, av = append(ak, name), append(av, g.mutate(v))
		default: // kept, maybe re-spelled
			ak, av = append(ak, name), append(av, g.respell(v))
		}
	}
	if g.intn(2) == 0 { // another key order
		for i := len(ak) - 1; i > 0; i-- {
			j := g.intn(i + 1)
			ak[i], ak[j] = ak[j], ak[i]
			av[i], av[j] = av[j], av[i]
		}
	}
	before = []byte(encodeObject(bk, bv))
	after = []byte(encodeObject(ak, av))
	if g.intn(2) == 0 {
		var buf bytes.Buffer
		_ = json.Indent(&buf, after, " ", "\t")
		after = buf.Bytes()
	}
	return before, after
}

func encodeObject(keys []string, vals []node) string {
	var b strings.Builder
	node{isObj: true, keys: keys, vals: vals}.write(&b)
	return b.String()
}
