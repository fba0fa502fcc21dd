package client_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/patchdiff"
)

// pathRecorder records the request paths a client sends.
type pathRecorder struct {
	next  http.RoundTripper
	mu    sync.Mutex
	paths []string
}

func (p *pathRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	p.mu.Lock()
	p.paths = append(p.paths, r.Method+" "+r.URL.Path)
	p.mu.Unlock()
	return p.next.RoundTrip(r)
}

func (p *pathRecorder) families(method string) map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[string]int{}
	for _, s := range p.paths {
		m, path, _ := strings.Cut(s, " ")
		if m != method {
			continue
		}
		fam := strings.Split(strings.TrimPrefix(path, "/"), "/")[0]
		if fam == "personal-access-tokens" {
			fam = "v1"
		}
		out[fam]++
	}
	return out
}

// With SpreadVersions, a bulk delete uses all six versions in turn, an
// expiry only the three that can patch it, each under its own budget;
// without it, one version; every token is handled exactly once either way.
func TestSpreadVersions(t *testing.T) {
	// A tenant that lets an admin patch any token (the expiries here go
	// through the single PATCH, whoever owns the token).
	tn := fastTenant(t, sandbox.Options{Seed: 17, Tokens: 60, LenientOwnerPatch: true})
	rec := &pathRecorder{}
	c := tn.client(t, tn.admin, client.FamilyV1, func(cfg *client.Config) {
		rec.next = cfg.HTTPClient.Transport
		if rec.next == nil {
			rec.next = http.DefaultTransport
		}
		cfg.HTTPClient = &http.Client{Transport: rec, Timeout: 30 * time.Second}
		cfg.SpreadVersions = true
	})
	ids := tn.deletable()
	if got := c.SpreadFamilies(true); len(got) != 3 || got[0] != client.FamilyV1 {
		t.Fatalf("expiry families %v", got)
	}
	at := time.Now().Add(14 * 24 * time.Hour).UTC().Format(time.RFC3339)
	patches := map[string]patchdiff.Patch{}
	for _, id := range ids[:12] {
		patches[id] = []patchdiff.Op{{Op: "replace", Path: "/expirationDate", Value: json.RawMessage(`"` + at + `"`)},
			{Op: "replace", Path: "/userAwareTokenNeverExpires", Value: json.RawMessage("false")}}
	}
	sum := c.PatchPATs(bg(), patches, ids[:12], client.BulkOptions{}, nil)
	if sum.Done != 12 {
		t.Fatalf("expiry summary %+v", sum)
	}
	if got := rec.families(http.MethodPatch); len(got) != 3 || got["v1"] != 4 || got["v2025"] != 4 || got["v2026"] != 4 {
		t.Fatalf("expiry spread over %v", got)
	}
	sum = c.DeletePATs(bg(), ids[:30], client.BulkOptions{}, nil)
	if sum.Done != 30 {
		t.Fatalf("delete summary %+v", sum)
	}
	got := rec.families(http.MethodDelete)
	if len(got) != 6 {
		t.Fatalf("deletes spread over %v", got)
	}
	for f, n := range got {
		if n != 5 {
			t.Errorf("%s took %d of 30 deletes", f, n)
		}
	}
	for _, id := range ids[:30] {
		if n := tn.srv.DeleteCount(id); n != 1 {
			t.Errorf("%s deleted %d times", id, n)
		}
	}
	plain := tn.client(t, tn.admin, client.FamilyV2025, nil)
	if got := plain.SpreadFamilies(false); len(got) != 1 || got[0] != client.FamilyV2025 {
		t.Fatalf("without spreading: %v", got)
	}
}
