package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sailtui/sailtui/patchdiff"
)

func TestParseFamilyAndPaths(t *testing.T) {
	cases := []struct {
		in                string
		want              Family
		pat, apps         string
		experimental, nvr bool
		hasApps           bool
	}{
		{"", FamilyV1, "/personal-access-tokens/v1", "/source-apps/v1", true, true, true},
		{"V1", FamilyV1, "/personal-access-tokens/v1", "/source-apps/v1", true, true, true},
		{"v2026", FamilyV2026, "/v2026/personal-access-tokens", "/v2026/source-apps", true, true, true},
		{"/v2025/", FamilyV2025, "/v2025/personal-access-tokens", "/v2025/source-apps", true, true, true},
		{"v2024", FamilyV2024, "/v2024/personal-access-tokens", "/v2024/source-apps", true, false, true},
		{"v3", FamilyV3, "/v3/personal-access-tokens", "", true, false, false},
		{"beta", FamilyBeta, "/beta/personal-access-tokens", "/beta/source-apps", false, false, true},
	}
	for _, tc := range cases {
		f, err := ParseFamily(tc.in)
		if err != nil || f != tc.want {
			t.Fatalf("ParseFamily(%q) = %q, %v", tc.in, f, err)
		}
		if f.PATPath() != tc.pat || f.SourceAppsPath() != tc.apps || f.SourceAppsExperimental() != tc.experimental ||
			f.SupportsNeverExpiring() != tc.nvr || f.HasSourceApps() != tc.hasApps {
			t.Errorf("%s: pat %q apps %q exp %v never %v hasApps %v", f, f.PATPath(), f.SourceAppsPath(),
				f.SourceAppsExperimental(), f.SupportsNeverExpiring(), f.HasSourceApps())
		}
	}
	if _, err := ParseFamily("v2023"); err == nil {
		t.Error("ParseFamily(v2023) accepted")
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{
		{ClientID: "a", ClientSecret: "b"},
		{BaseURL: "tenant.example.com", ClientID: "a", ClientSecret: "b"},
		{BaseURL: "https://t.example.com", ClientSecret: "b"},
		{BaseURL: "https://t.example.com", ClientID: "a", ClientSecret: "b", Family: "v9"},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) accepted", cfg)
		} else if cfg.ClientSecret != "" && strings.Contains(err.Error(), cfg.ClientSecret+"\"") {
			t.Errorf("error mentions the secret: %v", err)
		}
	}
	c, err := New(Config{BaseURL: "https://t.example.com/", ClientID: "a", ClientSecret: "b"})
	if err != nil || c.BaseURL() != "https://t.example.com" || c.Family() != FamilyV1 || c.RateLimit().String() != "100/10s" {
		t.Errorf("defaults: %v %v", c, err)
	}
}

func TestParseRateLimit(t *testing.T) {
	for in, want := range map[string]RateLimit{
		"100/10s": {100, 10 * time.Second}, "100/1s": {100, time.Second}, " 5 / m ": {5, time.Minute}, "20/500ms": {20, 500 * time.Millisecond},
	} {
		got, err := ParseRateLimit(in)
		if err != nil || got != want {
			t.Errorf("ParseRateLimit(%q) = %v, %v", in, got, err)
		}
		if back, _ := ParseRateLimit(got.String()); back != got {
			t.Errorf("String round trip %q → %q", in, got.String())
		}
	}
	for _, bad := range []string{"", "100", "0/1s", "-1/1s", "x/1s", "10/0s", "10/abc"} {
		if _, err := ParseRateLimit(bad); err == nil {
			t.Errorf("ParseRateLimit(%q) accepted", bad)
		}
	}
}

// Every request to source apps carries the experimental header exactly
// where the family requires it; PAT requests never do.
func TestPathsAndExperimentalHeaderPerFamily(t *testing.T) {
	for _, fam := range Families() {
		t.Run(string(fam), func(t *testing.T) {
			f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
				switch {
				case r.Method == http.MethodDelete && strings.Contains(r.URL.Path, "personal-access-tokens"):
					w.WriteHeader(http.StatusNoContent)
				case strings.HasSuffix(r.URL.Path, "bulk-update"):
					w.WriteHeader(http.StatusNoContent)
				case strings.HasSuffix(r.URL.Path, "/access-profiles"), strings.HasSuffix(r.URL.Path, "bulk-remove"),
					r.Method == http.MethodGet && !strings.HasSuffix(r.URL.Path, "/a1"):
					writeJSON(w, http.StatusOK, []any{})
				default:
					writeJSON(w, http.StatusOK, map[string]any{"id": "a1", "name": "n"})
				}
			})
			c := f.client(func(cfg *Config) { cfg.Family = fam })
			ctx := context.Background()
			val := json.RawMessage(`true`)
			ops := patchdiff.Patch{{Op: "replace", Path: "/enabled", Value: val}}
			calls := []func() error{
				func() error { _, err := c.ListPATs(ctx, ListPATsOptions{OwnerID: "me"}); return err },
				func() error { _, err := c.CreatePAT(ctx, CreatePATRequest{Name: "n"}); return err },
				func() error { _, err := c.PatchPAT(ctx, "p 1/x", ops); return err },
				func() error { return c.DeletePAT(ctx, "p1") },
				func() error { _, err := c.ListSourceApps(ctx, ListAppsOptions{}); return err },
				func() error { _, err := c.ListSourceApps(ctx, ListAppsOptions{List: AppsAll}); return err },
				func() error { _, err := c.ListSourceApps(ctx, ListAppsOptions{List: AppsAssigned}); return err },
				func() error { _, err := c.GetSourceApp(ctx, "a1"); return err },
				func() error {
					_, err := c.CreateSourceApp(ctx, SourceAppCreate{Name: "n", Description: "d", AccountSource: AccountSource{ID: "s"}})
					return err
				},
				func() error { _, err := c.PatchSourceApp(ctx, "a1", ops); return err },
				func() error { _, err := c.DeleteSourceApp(ctx, "a1"); return err },
				func() error {
					return c.BulkUpdateSourceApps(ctx, BulkUpdateRequest{AppIDs: []string{"a1"}, JSONPatch: ops})
				},
				func() error { _, err := c.ListAccessProfiles(ctx, "a1", ListAccessProfilesOptions{}); return err },
				func() error { _, err := c.RemoveAccessProfiles(ctx, "a1", []string{"ap1"}); return err },
			}
			for i, call := range calls {
				err := call()
				if i >= 4 && !fam.HasSourceApps() {
					if err == nil || !strings.Contains(err.Error(), "no source-app endpoints") {
						t.Errorf("call %d on v3: err = %v", i, err)
					}
					continue
				}
				if err != nil {
					t.Errorf("call %d: %v", i, err)
				}
			}
			pat, apps := fam.PATPath(), fam.SourceAppsPath()
			want := []string{
				"GET " + pat, "POST " + pat, "PATCH " + pat + "/p%201%2Fx", "DELETE " + pat + "/p1",
			}
			if fam.HasSourceApps() {
				want = append(want, "GET "+apps, "GET "+apps+"/all", "GET "+apps+"/assigned", "GET "+apps+"/a1",
					"POST "+apps, "PATCH "+apps+"/a1", "DELETE "+apps+"/a1", "POST "+apps+"/bulk-update",
					"GET "+apps+"/a1/access-profiles", "POST "+apps+"/a1/access-profiles/bulk-remove")
			}
			reqs := f.recorded()
			if len(reqs) != len(want) {
				t.Fatalf("%d requests, want %d", len(reqs), len(want))
			}
			for i, r := range reqs {
				got := r.Method + " " + r.Path
				if i == 2 {
					got = r.Method + " " + r.EscapedPath
				}
				if got != want[i] {
					t.Errorf("request %d = %q, want %q", i, got, want[i])
				}
				exp := r.Header.Get("X-SailPoint-Experimental")
				isApp := i >= 4
				if wantExp := isApp && fam.SourceAppsExperimental(); (exp == "true") != wantExp || (exp != "" && exp != "true") {
					t.Errorf("%s: experimental header %q", got, exp)
				}
				if ct := r.Header.Get("Content-Type"); r.Method == http.MethodPatch && ct != "application/json-patch+json" {
					t.Errorf("%s: content type %q", got, ct)
				} else if r.Method == http.MethodPost && ct != "application/json" {
					t.Errorf("%s: content type %q", got, ct)
				}
			}
			if q := reqs[0].RawQuery; q != "owner-id=me" {
				t.Errorf("list query = %q, want owner-id=me", q)
			}
		})
	}
}

func TestPagerWalksPagesWithTotal(t *testing.T) {
	const total = 560
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		q := r.URL.Query()
		limit, _ := strconv.Atoi(q.Get("limit"))
		offset, _ := strconv.Atoi(q.Get("offset"))
		if limit == 0 {
			limit = 250
		}
		if q.Get("count") == "true" {
			w.Header().Set("X-Total-Count", strconv.Itoa(total))
		}
		var items []SourceApp
		for i := offset; i < min(offset+limit, total); i++ {
			items = append(items, SourceApp{ID: fmt.Sprintf("a%03d", i)})
		}
		writeJSON(w, http.StatusOK, items)
	})
	c := f.client(nil)
	p := c.SourceApps(ListAppsOptions{Count: true, Sorters: "name,-modified", Filters: `name sw "a"`})
	var ids []string
	for pages := 0; !p.Done(); pages++ {
		page, err := p.Next(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != total || page.Offset != len(ids) {
			t.Errorf("page %d: total %d offset %d", pages, page.Total, page.Offset)
		}
		for _, a := range page.Items {
			ids = append(ids, a.ID)
		}
		if pages > 5 {
			t.Fatal("pager does not stop")
		}
	}
	if len(ids) != total || ids[total-1] != "a559" || p.Total() != total {
		t.Errorf("got %d ids, total %d", len(ids), p.Total())
	}
	reqs := f.recorded()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	first, _ := url.ParseQuery(reqs[0].RawQuery)
	if first.Get("count") != "true" || first.Get("limit") != "250" || first.Get("sorters") != "name,-modified" || first.Get("filters") != `name sw "a"` {
		t.Errorf("first query = %v", first)
	}
	last, _ := url.ParseQuery(reqs[2].RawQuery)
	if last.Get("offset") != "500" || last.Has("count") {
		t.Errorf("last query = %v (count is asked once)", last)
	}
	if page, err := p.Next(context.Background()); err != nil || len(page.Items) != 0 {
		t.Errorf("Next after Done = %v, %v", page, err)
	}
}

func TestListRejectsBadPagingBeforeSending(t *testing.T) {
	f := newFakeISC(t, okPATs)
	c := f.client(nil)
	for _, o := range []ListAppsOptions{{Limit: 251}, {Limit: -1}, {Offset: -3}, {List: AppList(9)}} {
		if _, err := c.ListSourceApps(context.Background(), o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
	if err := c.BulkUpdateSourceApps(context.Background(), BulkUpdateRequest{AppIDs: make([]string, 51),
		JSONPatch: patchdiff.Patch{{Op: "remove", Path: "/x"}}}); err == nil || !strings.Contains(err.Error(), "at most 50") {
		t.Errorf("51 ids: %v", err)
	}
	if err := c.DeletePAT(context.Background(), " "); err == nil {
		t.Error("empty id accepted")
	}
	if _, err := c.PatchPAT(context.Background(), "p", nil); err == nil {
		t.Error("empty patch accepted")
	}
	if _, err := c.PatchPAT(context.Background(), "p", patchdiff.Patch{{Op: "replace", Path: "/name"}}); err == nil {
		t.Error("replace without value accepted")
	}
	if _, err := c.CreatePAT(context.Background(), CreatePATRequest{Name: ""}); err == nil {
		t.Error("nameless token accepted")
	}
	never := true
	v3 := f.client(func(cfg *Config) { cfg.Family = FamilyV3 })
	if _, err := v3.CreatePAT(context.Background(), CreatePATRequest{Name: "x", UserAwareTokenNeverExpires: &never}); err == nil {
		t.Error("never-expiring token accepted on v3")
	}
	if n := len(f.recorded()); n != 0 {
		t.Errorf("%d requests sent for invalid input", n)
	}
}

func TestPatchSendsNullValue(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeJSON(w, http.StatusOK, PersonalAccessToken{ID: "p1"})
	})
	ops := patchdiff.Patch{{Op: "replace", Path: "/expirationDate", Value: json.RawMessage("null")},
		{Op: "replace", Path: "/userAwareTokenNeverExpires", Value: json.RawMessage("true")}}
	if _, err := f.client(nil).PatchPAT(context.Background(), "p1", ops); err != nil {
		t.Fatal(err)
	}
	want := `[{"op":"replace","path":"/expirationDate","value":null},{"op":"replace","path":"/userAwareTokenNeverExpires","value":true}]`
	if got := string(f.recorded()[0].Body); got != want {
		t.Errorf("body = %s", got)
	}
}
