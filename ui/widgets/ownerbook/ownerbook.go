// Package ownerbook is a view's knowledge of the owners of what it lists
// (ui/data/owners), read in the background: once a list has arrived,
// for the owners not known yet (all of them again on r), in batches,
// then the admin capabilities of the owners a view names. Each view has
// its own book, cached for the session; its answers carry the view's id.
// The snapshot is swapped atomically, so a row build off the event loop
// may read it.
package ownerbook

import (
	"context"
	"slices"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/ui/data/owners"
)

// timeout bounds one round of lookups, pacing included.
const timeout = 5 * time.Minute

// MaxCapabilityReads bounds the auth-user reads of one round: one request
// each, paced with everything else.
const MaxCapabilityReads = 200

// Book is one view's owners.
type Book struct {
	// ID names the view in the answers; Service reads (nil: nothing is
	// read and every owner stays Unknown).
	ID      string
	Service owners.Service
	dir     atomic.Pointer[owners.Directory]
	seq     int
}

// Msg is one round's answer, for the book with ID.
type Msg struct {
	ID    string
	seq   int
	infos map[string]owners.Info
	// Caps: the capabilities round; Err what stopped a round early.
	Caps bool
	Err  error
}

// Reading reports whether owners are read at all.
func (b *Book) Reading() bool { return b != nil && b.Service != nil }

// Directory is what is known now.
func (b *Book) Directory() owners.Directory {
	if d := b.dir.Load(); d != nil {
		return *d
	}
	return owners.Directory{}
}

// Get is what is known of owner id.
func (b *Book) Get(id string) owners.Info { return b.Directory().Get(id) }

// Read starts a round for ids not known yet (all of them when again).
func (b *Book) Read(ids []string, again bool) tea.Cmd {
	if !b.Reading() {
		return nil
	}
	d := b.Directory()
	var want []string
	for _, id := range ids {
		if id != "" && (again || !d.Has(id)) {
			want = append(want, id)
		}
	}
	slices.Sort(want)
	want = slices.Compact(want)
	if len(want) == 0 {
		return nil
	}
	b.seq++
	seq, svc, id := b.seq, b.Service, b.ID
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		infos, err := owners.Lookup(ctx, svc, want)
		return Msg{ID: id, seq: seq, infos: infos, Err: err}
	}
}

// Capabilities reads the admin capabilities of ids whose are not known
// (at most MaxCapabilityReads).
func (b *Book) Capabilities(ids []string) tea.Cmd {
	if !b.Reading() {
		return nil
	}
	d := b.Directory()
	var want []string
	for _, id := range ids {
		if i := d.Get(id); id != "" && !i.CapsKnown && i.CapsWhy == "" && i.State != owners.Refused {
			want = append(want, id)
		}
	}
	slices.Sort(want)
	want = slices.Compact(want)
	want = want[:min(len(want), MaxCapabilityReads)]
	if len(want) == 0 {
		return nil
	}
	seq, svc, id := b.seq, b.Service, b.ID
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		infos, err := owners.Capabilities(ctx, svc, d, want)
		return Msg{ID: id, seq: seq, infos: infos, Caps: true, Err: err}
	}
}

// Update takes a round's answer into the book; ok is false for another
// book's or an older round's (a refresh started another).
func (b *Book) Update(msg Msg) (ok bool) {
	if msg.ID != b.ID || msg.seq != b.seq {
		return false
	}
	d := b.Directory().With(msg.infos)
	b.dir.Store(&d)
	return true
}
