package shell_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/views/tokens"
)

// The owners' states load after the list; the "owner left or away" view
// (f) shows exactly the tokens of inactive owners.
func TestProgramOwnerLeftShowsExactlyTheirTokens(t *testing.T) {
	h := startWith(t, sandbox.Options{Seed: 7, Tokens: 80}, setup{view: func(o *tokens.Options) { o.Owners = o.Service.(*client.Client) }})
	before := h.srv.PATs()
	h.waitForAll(t, 5*time.Second, " tokens ·", "⊘") // the list, then the owners' states
	var ids []string
	for _, p := range before {
		ids = append(ids, p.Owner.ID)
	}
	slices.Sort(ids)
	states, err := owners.Lookup(context.Background(), h.cl, slices.Compact(ids))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range before {
		if states[p.Owner.ID].Inactive() {
			want = append(want, p.ID)
		}
	}
	if len(want) == 0 {
		t.Fatal("the seed has no tokens of inactive owners")
	}
	h.keys(runes("f"))
	h.waitFor(t, "Server filter · tokens", 5*time.Second)
	h.keys(ctrlU)
	h.tm.Type("only:owner-left")
	h.keys(enter)
	h.waitFor(t, "owner left", 5*time.Second)
	h.finish(t)
	got := h.tokens.Visible()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("owner left shows %v\nwant %v", got, want)
	}
}
