package contracttest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// recordingTB captures Errorf so the checker itself can be tested.
type recordingTB struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recordingTB) take() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := strings.Join(r.errs, "\n")
	r.errs = nil
	return s
}

// A response-only checker reports an off-spec response, and lets through
// unknown paths and unchecked statuses.
func TestResponseOnlyChecker(t *testing.T) {
	if SpecPath() == "" {
		t.Skip("skipping: " + SkipMessage)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Query().Get("answer") {
		case "object":
			_, _ = w.Write([]byte(`{"not":"an array"}`))
		case "405":
			w.WriteHeader(http.StatusMethodNotAllowed)
		default:
			_, _ = w.Write([]byte(`[]`))
		}
	}))
	defer srv.Close()
	rec := &recordingTB{TB: t}
	ct := New(rec, srv.URL, Options{Unchecked: []int{http.StatusMethodNotAllowed}})
	get := func(path string) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		resp, err := ct.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
	}
	get("/personal-access-tokens/v1?answer=object")
	if got := rec.take(); !strings.Contains(got, "listPersonalAccessTokensV1") {
		t.Errorf("an object for a list was not reported: %q", got)
	}
	get("/personal-access-tokens/v1?answer=405")
	get("/nowhere")
	if got := rec.take(); got != "" {
		t.Errorf("reported %q", got)
	}
	if ct.Checked() != 1 {
		t.Errorf("Checked() = %d, want 1", ct.Checked())
	}
}
