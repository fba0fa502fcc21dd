// Package marks is the set of marked rows every list view keeps: id → the
// last record the server sent, so a mark outlives its row when a server
// filter or a narrower list stops showing it. A generation counter lets
// views cache what they derive from the marks (per-owner counts) until
// they change.
package marks

import (
	"cmp"
	"maps"
	"slices"
)

// Set is the marks of one view. The zero value is not usable; use New.
type Set[T any] struct {
	items    map[string]T
	gen      int
	unlisted int
}

// New returns an empty set.
func New[T any]() *Set[T] { return &Set[T]{items: map[string]T{}} }

// Len is the number of marks, listed or not.
func (s *Set[T]) Len() int { return len(s.items) }

// Gen changes whenever the marks do.
func (s *Set[T]) Gen() int { return s.gen }

// Has reports whether id is marked.
func (s *Set[T]) Has(id string) bool {
	_, ok := s.items[id]
	return ok
}

// Get returns the record kept for a mark.
func (s *Set[T]) Get(id string) (T, bool) {
	v, ok := s.items[id]
	return v, ok
}

// Add marks id unless it already is; it reports whether it added.
func (s *Set[T]) Add(id string, v T) bool {
	if _, ok := s.items[id]; ok {
		return false
	}
	s.items[id] = v
	s.gen++
	return true
}

// Update refreshes the record of a mark (after an edit); unmarked ids
// stay unmarked.
func (s *Set[T]) Update(id string, v T) {
	if _, ok := s.items[id]; ok {
		s.items[id] = v
		s.gen++
	}
}

// Remove unmarks id; it reports whether it was marked.
func (s *Set[T]) Remove(id string) bool {
	if _, ok := s.items[id]; !ok {
		return false
	}
	delete(s.items, id)
	s.gen++
	return true
}

// Toggle marks or unmarks id and reports whether it is marked now.
func (s *Set[T]) Toggle(id string, v T) bool {
	if s.Remove(id) {
		return false
	}
	s.Add(id, v)
	return true
}

// Clear drops every mark and returns how many there were.
func (s *Set[T]) Clear() int {
	n := len(s.items)
	clear(s.items)
	s.unlisted = 0
	s.gen++
	return n
}

// Each calls f for every mark, in no particular order.
func (s *Set[T]) Each(f func(id string, v T)) {
	for id, v := range s.items {
		f(id, v)
	}
}

// Reconciled says what a new list did to the marks.
type Reconciled struct {
	// Dropped marks were missing from a complete list: gone from the
	// server, so unmarked.
	Dropped int
	// Unlisted marks are missing from a narrower list and kept;
	// NewlyUnlisted is set when there are more of them than before.
	Unlisted      int
	NewlyUnlisted bool
}

// Reconcile refreshes the marks from a new list: listed(id) returns the
// row's record when the list has it. A mark the list lacks is kept unless
// the list is complete (no server filter, nothing refused): a narrower
// list only says it is not listed, not that it is gone.
func (s *Set[T]) Reconcile(listed func(id string) (T, bool), complete bool) Reconciled {
	var r Reconciled
	for id := range s.items {
		if v, ok := listed(id); ok {
			s.items[id] = v
			s.gen++
			continue
		}
		if complete {
			delete(s.items, id)
			s.gen++
			r.Dropped++
			continue
		}
		r.Unlisted++
	}
	r.NewlyUnlisted = r.Unlisted > s.unlisted
	s.unlisted = r.Unlisted
	return r
}

// Unlisted returns the marks listed(id) does not show, ordered by key
// then id (a stable order for dialogs and reports).
func (s *Set[T]) Unlisted(listed func(id string) bool, key func(T) string) []T {
	var ids []string
	for id := range s.items {
		if !listed(id) {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(key(s.items[a]), key(s.items[b])), cmp.Compare(a, b))
	})
	out := make([]T, len(ids))
	for i, id := range ids {
		out[i] = s.items[id]
	}
	return out
}

// Replace makes exactly items the marks (an approved plan).
func (s *Set[T]) Replace(items map[string]T) {
	s.items = maps.Clone(items)
	if s.items == nil {
		s.items = map[string]T{}
	}
	s.unlisted = 0
	s.gen++
}
