package sandbox

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func newServer(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSeedIsDeterministic(t *testing.T) {
	a := newServer(t, Options{Seed: 11, Tokens: 50, Apps: 30})
	b := newServer(t, Options{Seed: 11, Tokens: 50, Apps: 30})
	if !reflect.DeepEqual(a.PATs(), b.PATs()) || !reflect.DeepEqual(a.SourceApps(), b.SourceApps()) {
		t.Fatal("same seed gave different data")
	}
	c := newServer(t, Options{Seed: 12, Tokens: 50, Apps: 30})
	if reflect.DeepEqual(a.PATs(), c.PATs()) {
		t.Fatal("different seeds gave the same data")
	}
	a1, u1 := a.Credentials()
	a2, u2 := b.Credentials()
	if a1 != a2 || u1 != u2 {
		t.Error("credentials differ between identical seeds")
	}
}

func TestSeedSizesAndDefaults(t *testing.T) {
	s := newServer(t, Options{})
	// Tokens counts seeded tokens; the two credential PATs come on top.
	if got := len(s.PATs()); got != DefaultTokens+2 {
		t.Errorf("default PATs %d", got)
	}
	if got := len(s.SourceApps()); got != DefaultApps {
		t.Errorf("default apps %d", got)
	}
	empty := newServer(t, Options{Tokens: -1, Apps: -1})
	if len(empty.PATs()) != 2 || len(empty.SourceApps()) != 0 {
		t.Errorf("empty seed: %d PATs %d apps", len(empty.PATs()), len(empty.SourceApps()))
	}
	big := newServer(t, Options{Tokens: 1000, Apps: 500})
	if len(big.PATs()) != 1002 || len(big.SourceApps()) != 500 {
		t.Errorf("big seed: %d PATs %d apps", len(big.PATs()), len(big.SourceApps()))
	}
	names := map[string]bool{}
	for _, p := range big.PATs() {
		key := p.Owner.ID + "\x00" + p.Name
		if names[key] {
			t.Fatalf("duplicate name %q for one owner", p.Name)
		}
		names[key] = true
	}
}

func TestSeedHasEveryKind(t *testing.T) {
	s := newServer(t, Options{Seed: 3})
	admin, user := s.Credentials()
	now, stale := testNow, testNow.Add(-90*24*time.Hour)
	kinds := map[string]int{}
	owners := map[string]bool{}
	for _, p := range s.PATs() {
		owners[p.Owner.ID] = true
		switch {
		case p.Managed && p.LastUsed == nil && p.Created.Before(stale), p.Managed && p.LastUsed != nil && p.LastUsed.Before(stale):
			kinds["stale managed"]++
		case p.Managed:
			kinds["managed"]++
		case p.ExpirationDate != nil && !p.ExpirationDate.After(now):
			kinds["expired"]++
		case p.ExpirationDate == nil:
			kinds["never expiring"]++
		}
		switch {
		case p.LastUsed == nil && p.Created.Before(stale):
			kinds["never used (stale)"]++
		case p.LastUsed == nil:
			kinds["never used (new)"]++
		case p.LastUsed.Before(stale):
			kinds["stale"]++
		case p.LastUsed.After(now.Add(-7 * 24 * time.Hour)):
			kinds["recent"]++
		}
		if p.LastUsed != nil && (p.LastUsed.Before(p.Created) || p.LastUsed.After(now)) {
			t.Errorf("lastUsed %v outside [created %v, now]", p.LastUsed, p.Created)
		}
		if len(p.Scope) == 0 || p.AccessTokenValiditySeconds < 15 || p.AccessTokenValiditySeconds > 43200 {
			t.Errorf("invalid seeded token %+v", p)
		}
	}
	for _, k := range []string{"managed", "stale managed", "expired", "never expiring", "never used (stale)", "never used (new)", "stale", "recent"} {
		if kinds[k] == 0 {
			t.Errorf("no %s token in the seed (%v)", k, kinds)
		}
	}
	if len(owners) < 5 || !owners[admin.IdentityID] || !owners[user.IdentityID] {
		t.Errorf("owners %d", len(owners))
	}

	var awkward struct{ cjk, emoji, long, clear, osc52 bool }
	check := func(name string) {
		awkward.cjk = awkward.cjk || strings.ContainsRune(name, '日')
		awkward.emoji = awkward.emoji || strings.ContainsRune(name, '🚀')
		awkward.long = awkward.long || utf8.RuneCountInString(name) > 200
		awkward.clear = awkward.clear || strings.Contains(name, "\x1b[2J")
		awkward.osc52 = awkward.osc52 || strings.Contains(name, "\x1b]52;c;")
	}
	for _, p := range s.PATs() {
		check(p.Name)
	}
	if awkward != struct{ cjk, emoji, long, clear, osc52 bool }{true, true, true, true, true} {
		t.Errorf("token names lack awkward cases: %+v", awkward)
	}
	awkward = struct{ cjk, emoji, long, clear, osc52 bool }{}
	withOwner, withSource, withProfiles := 0, 0, 0
	for _, a := range s.SourceApps() {
		check(a.Name)
		if a.Owner != nil {
			withOwner++
		}
		if a.AccountSource != nil {
			withSource++
		}
		if len(a.AccessProfiles) > 0 {
			withProfiles++
		}
	}
	if !awkward.cjk || !awkward.long || !awkward.clear || !awkward.osc52 {
		t.Errorf("app names lack awkward cases: %+v", awkward)
	}
	if withOwner == 0 || withSource == 0 || withProfiles == 0 {
		t.Errorf("apps: %d with owner, %d with source, %d with profiles", withOwner, withSource, withProfiles)
	}
}

// Managed tokens are either in use (recently used, or brand new) or
// orphans of a deleted workflow (unused for over a year, or never used and
// old): the default seed has a few of each.
func TestSeedManagedTokens(t *testing.T) {
	s := newServer(t, Options{})
	year := testNow.AddDate(-1, 0, 0)
	var inUse, orphans int
	for _, p := range s.PATs() {
		if !p.Managed {
			continue
		}
		if !strings.HasPrefix(p.Name, "Workflow: ") || p.ExpirationDate != nil || !p.UserAwareTokenNeverExpires {
			t.Errorf("managed token %q: want a never-expiring workflow token", p.Name)
		}
		switch {
		case p.LastUsed != nil && p.LastUsed.After(testNow.AddDate(0, 0, -31)),
			p.LastUsed == nil && p.Created.After(testNow.AddDate(0, 0, -21)):
			inUse++
		case p.LastUsed != nil && p.LastUsed.Before(year), p.LastUsed == nil && p.Created.Before(year):
			orphans++
		default:
			t.Errorf("managed token %q is neither in use nor an orphan: created %v, last used %v", p.Name, p.Created, p.LastUsed)
		}
	}
	if inUse < 3 || orphans < 2 {
		t.Errorf("default seed: %d managed tokens in use, %d orphans; want several of each", inUse, orphans)
	}
}

// A big seed spreads its tokens over a workforce, about ten per person as
// in a large real tenant, rather than piling thousands on a few owners.
func TestBigSeedSpreadsOwners(t *testing.T) {
	s := newServer(t, Options{Tokens: 5000, Apps: 5})
	perOwner := map[string]int{}
	names := map[string]string{}
	for _, p := range s.PATs() {
		perOwner[p.Owner.ID]++
		if id, ok := names[p.Owner.Name]; ok && id != p.Owner.ID {
			t.Fatalf("two identities named %q", p.Owner.Name)
		}
		names[p.Owner.Name] = p.Owner.ID
	}
	most := 0
	for _, n := range perOwner {
		most = max(most, n)
	}
	if len(perOwner) < 400 || most > 80 {
		t.Errorf("5000 tokens over %d owners, at most %d each; want hundreds of owners with a few dozen at most", len(perOwner), most)
	}
}

func TestSeedSizeLimits(t *testing.T) {
	for _, o := range []Options{{Tokens: MaxTokens + 1}, {Apps: MaxApps + 1}} {
		if _, err := New(o); err == nil || !strings.Contains(err.Error(), "at most") {
			t.Errorf("%+v: err %v, want the limits named", o, err)
		}
	}
}

func TestReservedUserClientID(t *testing.T) {
	if _, err := New(Options{ClientID: DefaultUserClientID}); err == nil {
		t.Error("admin client id equal to the user's should be refused")
	}
}

func TestCustomAdminCredentials(t *testing.T) {
	h := newHarness(t, Options{Tokens: 2, Apps: 1, ClientID: "my-admin", ClientSecret: "s3cret"})
	admin, _ := h.srv.Credentials()
	if admin.ClientID != "my-admin" || admin.ClientSecret != "s3cret" {
		t.Fatalf("%+v", admin)
	}
	if h.token("my-admin", "s3cret") == "" {
		t.Fatal("no token")
	}
	if p := findPAT(h.srv, "my-admin"); p == nil || p.LastUsed == nil {
		t.Errorf("admin PAT not in store or lastUsed not set: %+v", p)
	}
}
