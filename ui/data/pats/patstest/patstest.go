// Package patstest makes realistic tokens for tests and benchmarks of
// the token list's rules and views.
package patstest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/sailtui/sailtui/client"
)

// Generate makes n realistic tokens deterministically, created up to 900
// days before now (benchmarks and property tests).
func Generate(n int, seed uint64, now time.Time) []client.PersonalAccessToken {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	owners := []string{"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"}
	prefixes := []string{"svc-api", "ci-deploy", "report", "backup", "sync", "audit-export", "terraform", "scim-bridge"}
	scopes := [][]string{{"sp:scopes:all"}, {"sp:scopes:default"}, {"idn:sources:read", "idn:identity:read"}, nil}
	out := make([]client.PersonalAccessToken, n)
	for i := range out {
		o := owners[rng.IntN(len(owners))]
		t := client.PersonalAccessToken{
			ID:      fmt.Sprintf("%032x", rng.Uint64()),
			Name:    fmt.Sprintf("%s-%d", prefixes[rng.IntN(len(prefixes))], i),
			Owner:   client.PatOwner{Type: "IDENTITY", ID: "id-" + o, Name: o},
			Scope:   scopes[rng.IntN(len(scopes))],
			Created: now.Add(-time.Duration(rng.IntN(900*24)) * time.Hour),
			Managed: rng.IntN(20) == 0,
		}
		if rng.IntN(4) != 0 {
			lastUsed := t.Created.Add(time.Duration(rng.Int64N(int64(now.Sub(t.Created)) + 1)))
			t.LastUsed = &lastUsed
		}
		if rng.IntN(3) == 0 {
			expires := now.Add(time.Duration(rng.IntN(400*24)-100*24) * time.Hour)
			t.ExpirationDate = &expires
		}
		out[i] = t
	}
	return out
}
