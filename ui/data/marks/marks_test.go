package marks

import (
	"slices"
	"testing"
)

type rec struct{ name string }

func TestToggleAddRemoveCountGenerations(t *testing.T) {
	s := New[rec]()
	g := s.Gen()
	if !s.Toggle("a", rec{"A"}) || !s.Has("a") || s.Len() != 1 || s.Gen() == g {
		t.Fatal("toggle on")
	}
	if s.Add("a", rec{"A2"}) {
		t.Fatal("Add of a marked id added")
	}
	g = s.Gen()
	s.Update("b", rec{"B"}) // not marked: stays unmarked
	if s.Has("b") || s.Gen() != g {
		t.Fatal("Update marked an unmarked id")
	}
	s.Update("a", rec{"A3"})
	if v, _ := s.Get("a"); v.name != "A3" {
		t.Fatalf("record %v", v)
	}
	if s.Toggle("a", rec{}) || s.Has("a") {
		t.Fatal("toggle off")
	}
	s.Add("x", rec{})
	s.Add("y", rec{})
	if n := s.Clear(); n != 2 || s.Len() != 0 {
		t.Fatalf("Clear = %d", n)
	}
}

func TestReconcileKeepsUnlistedUnlessComplete(t *testing.T) {
	s := New[rec]()
	s.Add("listed", rec{"old"})
	s.Add("gone", rec{"G"})
	list := map[string]rec{"listed": {"new"}}
	listed := func(id string) (rec, bool) { v, ok := list[id]; return v, ok }
	r := s.Reconcile(listed, false)
	if r.Dropped != 0 || r.Unlisted != 1 || !r.NewlyUnlisted || !s.Has("gone") {
		t.Fatalf("narrow list: %+v", r)
	}
	if v, _ := s.Get("listed"); v.name != "new" {
		t.Fatal("record not refreshed")
	}
	if r := s.Reconcile(listed, false); r.NewlyUnlisted {
		t.Fatal("the same unlisted mark reported again")
	}
	r = s.Reconcile(listed, true)
	if r.Dropped != 1 || s.Has("gone") || s.Len() != 1 {
		t.Fatalf("complete list: %+v", r)
	}
}

func TestUnlistedOrderedByKeyThenID(t *testing.T) {
	s := New[rec]()
	for id, n := range map[string]string{"3": "b", "2": "a", "1": "b", "on": "z"} {
		s.Add(id, rec{n})
	}
	got := s.Unlisted(func(id string) bool { return id == "on" }, func(r rec) string { return r.name })
	var names []string
	for _, r := range got {
		names = append(names, r.name)
	}
	if !slices.Equal(names, []string{"a", "b", "b"}) {
		t.Fatalf("order %v", names)
	}
	s.Replace(map[string]rec{"p": {"P"}})
	if s.Len() != 1 || !s.Has("p") {
		t.Fatal("Replace")
	}
}
