package sandbox

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestStatePersistsAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	h := newHarness(t, Options{Tokens: 10, Apps: 5, StatePath: path})
	tok := h.adminToken()
	r := h.do("POST", "/v2025/personal-access-tokens", tok, `{"name":"survivor","userAwareTokenNeverExpires":true}`)
	var created struct{ ID, Secret string }
	r.decode(t, &created)
	victim := h.srv.PATs()[0].ID
	if r := h.do("DELETE", "/v2025/personal-access-tokens/"+victim, tok, ""); r.status != 204 {
		t.Fatal(r.status)
	}
	app := h.srv.SourceApps()[0]
	if r := h.do("PATCH", "/beta/source-apps/"+app.ID, tok, `[{"op":"replace","path":"/name","value":"renamed app"}]`); r.status != 200 {
		t.Fatal(r.status, string(r.body))
	}

	// A restart: Close saves what is pending. A different seed must not
	// matter: the state file wins.
	if err := h.srv.Close(); err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t, Options{Seed: 99, Tokens: 3, Apps: 1, StatePath: path})
	if !reflect.DeepEqual(h.srv.PATs(), h2.srv.PATs()) || !reflect.DeepEqual(h.srv.SourceApps(), h2.srv.SourceApps()) {
		t.Fatal("reloaded store differs")
	}
	if h2.token(created.ID, created.Secret) == "" {
		t.Fatal("created PAT does not authenticate after a restart")
	}
	if err := h2.srv.Close(); err != nil { // the sign-in changed lastUsed: let it be saved
		t.Fatal(err)
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{created.Secret, DefaultClientSecret, DefaultUserClientSecret} {
		if strings.Contains(string(data), secret) {
			t.Error("state file contains a secret")
		}
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("state file mode %v", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("leftover files: %v", entries)
	}
}

// Mutations are saved in the background, coalesced; Close waits for the
// last one, so a restart sees every change of a burst.
func TestStateSavesBurstsBeforeClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarness(t, Options{Tokens: 300, Apps: 5, StatePath: path})
	tok := h.adminToken()
	var wg sync.WaitGroup
	for _, p := range h.srv.PATs()[:40] {
		wg.Go(func() {
			if r := h.do("DELETE", "/v2025/personal-access-tokens/"+p.ID, tok, ""); r.status != 204 {
				t.Errorf("delete %s: %d", p.ID, r.status)
			}
		})
	}
	wg.Wait()
	if err := h.srv.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := New(Options{StatePath: path, Now: h.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := again.PATs(), h.srv.PATs(); !reflect.DeepEqual(got, want) {
		t.Fatalf("reloaded %d tokens, the closed sandbox had %d", len(got), len(want))
	}
}

func TestStateLoadErrors(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"garbage.json": "{not json",
		"format.json":  `{"format": 99}`,
		"empty.json":   `{"format": 1}`,
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := New(Options{StatePath: path}); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: err %v", name, err)
		}
	}
	if _, err := New(Options{StatePath: filepath.Join(dir, "missing-dir", "state.json")}); err == nil {
		t.Error("unwritable state path should fail at start")
	}
}

func TestPersisterKeepsNewest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	p := &persister{path: path}
	if err := p.write(2, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if err := p.write(1, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "two" {
		t.Errorf("older snapshot overwrote newer: %q", b)
	}
}

func TestConcurrentRequests(t *testing.T) {
	h := newHarness(t, Options{Tokens: 40, Apps: 20, StatePath: filepath.Join(t.TempDir(), "s.json"),
		Faults: Faults{ErrorRate: 0.1, Seed: 5}})
	tok := h.adminToken()
	pats := h.srv.PATs()[:30]
	apps := h.srv.SourceApps()
	var wg sync.WaitGroup
	for i := range 30 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			switch i % 5 {
			case 0:
				h.do("DELETE", "/v2025/personal-access-tokens/"+pats[i].ID, tok, "")
			case 1:
				h.do("GET", "/v2025/personal-access-tokens?filters=lastUsed%20isnull", tok, "")
			case 2:
				h.do("PATCH", "/beta/source-apps/"+apps[i%len(apps)].ID, tok, `[{"op":"replace","path":"/enabled","value":true}]`)
			case 3:
				h.do("POST", "/v2025/personal-access-tokens", tok, `{"name":"c`+string(rune('a'+i))+`","userAwareTokenNeverExpires":true}`)
			case 4:
				h.token(DefaultUserClientID, DefaultUserClientSecret)
				h.srv.Stats()
				h.srv.SourceApps()
			}
		}()
	}
	wg.Wait()
	for _, p := range pats {
		if n := h.srv.DeleteCount(p.ID); n > 1 {
			t.Errorf("%s deleted %d times", p.ID, n)
		}
	}
}
