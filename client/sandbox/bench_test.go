package sandbox

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
)

// benchTarget is a big tenant served through ServeHTTP (no sockets), so the
// numbers are the sandbox's own cost per request.
func benchTarget(b *testing.B) (*Server, string) {
	return benchTargetSized(b, 1000, 1000)
}

func benchTargetSized(b *testing.B, tokens, apps int) (*Server, string) {
	b.Helper()
	s, err := New(Options{Tokens: tokens, Apps: apps, RateLimit: client.RateLimit{Requests: 1 << 20, Per: time.Nanosecond}})
	if err != nil {
		b.Fatal(err)
	}
	a, _ := s.Credentials()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {a.ClientID}, "client_secret": {a.ClientSecret}}
	req := httptest.NewRequest("POST", "/oauth/token?"+form.Encode(), nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	tok, _, _ := strings.Cut(strings.SplitN(rec.Body.String(), `"access_token":"`, 2)[1], `"`)
	return s, tok
}

func benchServe(b *testing.B, s *Server, tok, method, path string) {
	b.Helper()
	req := httptest.NewRequest(method, path, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("X-SailPoint-Experimental", "true")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code >= 300 {
		b.Fatalf("%s %s: %d", method, path, rec.Code)
	}
}

// BenchmarkSeed is the start-up cost of a demo tenant of each size
// (sailtui --demo --demo-tokens N): it must grow about linearly.
func BenchmarkSeed(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("tokens=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := New(Options{Tokens: n}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkListPATs100k is one tenant-wide list of 100,000 tokens through
// the handler, JSON encoding included (what the demo's first load costs).
func BenchmarkListPATs100k(b *testing.B) {
	s, tok := benchTargetSized(b, 100_000, 40)
	for _, fam := range []string{"/v2025/personal-access-tokens", "/v3/personal-access-tokens"} {
		b.Run(strings.Split(fam, "/")[1], func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, fam, nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			var size int
			for b.Loop() {
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%d", rec.Code)
				}
				size = rec.Body.Len()
			}
			b.ReportMetric(float64(size)/(1<<20), "MiB/resp")
		})
	}
}

func BenchmarkListPATsStaleFilter1000(b *testing.B) {
	s, tok := benchTarget(b)
	path := "/v2025/personal-access-tokens?filters=" + url.QueryEscape("lastUsed isnull or lastUsed le 2025-01-01T00:00:00Z")
	for b.Loop() {
		benchServe(b, s, tok, http.MethodGet, path)
	}
}

func BenchmarkListAllAppsSortedPage(b *testing.B) {
	s, tok := benchTarget(b)
	for b.Loop() {
		benchServe(b, s, tok, http.MethodGet, "/source-apps/v1/all?limit=250&offset=500&count=true&sorters=-modified,name")
	}
}

func BenchmarkDeletePAT(b *testing.B) {
	s, tok := benchTarget(b)
	ids := make([]string, 0, 1000)
	for _, p := range s.PATs() {
		ids = append(ids, p.ID)
	}
	i := 0
	for b.Loop() {
		if i == len(ids)-2 { // keep the two credential PATs
			b.StopTimer()
			s, tok = benchTarget(b)
			i = 0
			b.StartTimer()
		}
		benchServe(b, s, tok, http.MethodDelete, "/v2025/personal-access-tokens/"+ids[i])
		i++
	}
}
