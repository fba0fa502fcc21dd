package match

import (
	"runtime"
	"sync"
)

// parallelMin is the smallest share of rows worth a goroutine.
const parallelMin = 20_000

// Keep returns the rows of base that have a field matching term (lower
// case), in base's order. When base is most of the index it scans every
// row in memory order (cache friendly, split across CPUs) into a bitmap
// and then walks base; a small base (a narrowing keystroke) is checked
// directly.
func (x *Index) Keep(base []int32, term string) []int32 {
	pat := []rune(term)
	ascii := isASCII(term)
	match := func(i int32) bool {
		for _, f := range x.fields(i) {
			if fuzzyMatch(x.text[f.lo:f.hi], term, pat, ascii) {
				return true
			}
		}
		return false
	}
	n := x.Len()
	out := make([]int32, 0, len(base)/2)
	if len(base)*4 < n {
		for _, i := range base {
			if match(i) {
				out = append(out, i)
			}
		}
		return out
	}
	bits := make([]uint64, (n+63)/64)
	scan := func(lo, hi int) { // [lo, hi) on word boundaries: no shared words
		for i := lo; i < hi; i++ {
			if match(int32(i)) {
				bits[i>>6] |= 1 << (uint(i) & 63)
			}
		}
	}
	parallel(n, 64, scan)
	for _, i := range base {
		if bits[i>>6]&(1<<(uint(i)&63)) != 0 {
			out = append(out, i)
		}
	}
	return out
}

// KeepAll applies Keep for every term.
func (x *Index) KeepAll(base []int32, terms []string) []int32 {
	for _, term := range terms {
		base = x.Keep(base, term)
	}
	return base
}

// parallel runs work over [0, n) split across CPUs in chunks aligned to
// align, or inline when n is too small to be worth it.
func parallel(n, align int, work func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n/parallelMin)
	if workers <= 1 {
		work(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := ((n+workers-1)/workers + align - 1) / align * align
	for lo := 0; lo < n; lo += chunk {
		hi := min(n, lo+chunk)
		wg.Go(func() { work(lo, hi) })
	}
	wg.Wait()
}
