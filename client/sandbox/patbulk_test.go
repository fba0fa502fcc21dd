package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

const bulkPath = "/personal-access-tokens/v1/bulk-update"

// bulkBody is a bulk update's body.
func bulkBody(ids []string, patch string) string {
	b, _ := json.Marshal(ids)
	return `{"ids":` + string(b) + `,"patch":` + patch + `}`
}

// othersTokens are n unmanaged tokens that the admin does not own.
func othersTokens(t *testing.T, s *Server, n int) []string {
	t.Helper()
	admin, _ := s.Credentials()
	var ids []string
	for _, p := range s.PATs() {
		if !p.Managed && p.Owner.ID != admin.IdentityID && len(ids) < n {
			ids = append(ids, p.ID)
		}
	}
	if len(ids) < n {
		t.Fatalf("only %d tokens of other owners", len(ids))
	}
	return ids
}

// expiries are the tokens' expiry dates as the store has them.
func expiries(s *Server, ids []string) map[string]string {
	out := map[string]string{}
	for _, p := range s.PATs() {
		if slices.Contains(ids, p.ID) {
			out[p.ID] = fmt.Sprint(p.ExpirationDate, p.UserAwareTokenNeverExpires)
		}
	}
	return out
}

// Both methods set one expiry on every token of other owners; the answer
// lists them sorted by id, without userAwareTokenNeverExpires, and is the
// documented shape.
func TestBulkUpdateSetsEveryTokenBothMethods(t *testing.T) {
	h := newHarness(t, Options{Tokens: 60, Apps: 1})
	ids := othersTokens(t, h.srv, 30)
	at := testNow.Add(30 * 24 * time.Hour).UTC().Format("2006-01-02T15:04:05.000Z")
	patch := `[{"op":"replace","path":"/expirationDate","value":"` + at + `"}]`
	for i, method := range []string{http.MethodPatch, http.MethodPost} {
		chunk := ids[i*15 : i*15+15]
		slices.Reverse(chunk) // the answer is sorted whatever the order asked
		r := h.do(method, bulkPath, h.adminToken(), bulkBody(chunk, patch), contentType("application/json"))
		if r.status != 200 {
			t.Fatalf("%s: %d %s", method, r.status, r.body)
		}
		var got []map[string]any
		r.decode(t, &got)
		want := slices.Sorted(slices.Values(chunk))
		for j, tok := range got {
			exp, _ := time.Parse(time.RFC3339Nano, fmt.Sprint(tok["expirationDate"]))
			if tok["id"] != want[j] || !exp.Equal(testNow.Add(30*24*time.Hour)) {
				t.Fatalf("%s: item %d %v, want %s expiring %s", method, j, tok, want[j], at)
			}
			if _, ok := tok["userAwareTokenNeverExpires"]; ok {
				t.Fatalf("%s: the answer carries userAwareTokenNeverExpires", method)
			}
		}
	}
	for id, e := range expiries(h.srv, ids) {
		if !strings.HasPrefix(e, testNow.Add(30*24*time.Hour).Format("2006-01-02")) {
			t.Fatalf("token %s: %s", id, e)
		}
	}
	// Clearing the date needs the acknowledgment in the same patch.
	never := `[{"op":"remove","path":"/expirationDate"},{"op":"replace","path":"/userAwareTokenNeverExpires","value":true}]`
	if r := h.do(http.MethodPost, bulkPath, h.adminToken(), bulkBody(ids[:2], never)); r.status != 200 {
		t.Fatalf("never expires: %d %s", r.status, r.body)
	}
	if e := expiries(h.srv, ids[:1]); e[ids[0]] != "<nil> true" {
		t.Fatalf("after never: %v", e)
	}
}

// Every rule refuses with 400 and changes nothing: a request applies to
// all its tokens or to none.
func TestBulkUpdateRulesAllOrNothing(t *testing.T) {
	h := newHarness(t, Options{Tokens: 80, Apps: 1})
	ids := othersTokens(t, h.srv, 26)
	before := expiries(h.srv, ids)
	future := `[{"op":"replace","path":"/expirationDate","value":"2031-01-01T00:00:00.000Z"}]`
	for name, body := range map[string]string{
		"26 ids":            bulkBody(ids, future),
		"no ids":            bulkBody([]string{}, future),
		"a blank id":        bulkBody([]string{ids[0], " "}, future),
		"a repeated id":     bulkBody([]string{ids[0], ids[1], ids[0]}, future),
		"an unknown id":     bulkBody([]string{ids[0], "0000000000000000000000000000dead"}, future),
		"an empty patch":    bulkBody(ids[:2], `[]`),
		"add":               bulkBody(ids[:2], `[{"op":"add","path":"/expirationDate","value":"2031-01-01T00:00:00.000Z"}]`),
		"test":              bulkBody(ids[:2], `[{"op":"test","path":"/expirationDate","value":null}]`),
		"another path":      bulkBody(ids[:2], `[{"op":"replace","path":"/name","value":"x"}]`),
		"clear, no ack":     bulkBody(ids[:2], `[{"op":"remove","path":"/expirationDate"}]`),
		"null, ack false":   bulkBody(ids[:2], `[{"op":"replace","path":"/expirationDate","value":null},{"op":"replace","path":"/userAwareTokenNeverExpires","value":false}]`),
		"a past date":       bulkBody(ids[:2], `[{"op":"replace","path":"/expirationDate","value":"2020-01-01T00:00:00.000Z"}]`),
		"not a date":        bulkBody(ids[:2], `[{"op":"replace","path":"/expirationDate","value":"soon"}]`),
		"not an object":     `[]`,
		"replace, no value": bulkBody(ids[:2], `[{"op":"replace","path":"/expirationDate"}]`),
	} {
		r := h.do(http.MethodPost, bulkPath, h.adminToken(), body)
		if r.status != 400 {
			t.Errorf("%s: %d %s", name, r.status, r.body)
			continue
		}
		if e := r.errorDto(t); len(e.Messages) == 0 || e.TrackingID == "" {
			t.Errorf("%s: error body %s", name, r.body)
		}
	}
	if r := h.do(http.MethodPatch, bulkPath, h.adminToken(), bulkBody(ids[:2], future)); r.status != 400 {
		t.Errorf("json-patch+json content type: %d, want 400 (the body is application/json)", r.status)
	}
	if after := expiries(h.srv, ids); !mapsEqual(before, after) {
		t.Fatalf("a refused request changed tokens:\n%v\n%v", before, after)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// The right is checked, a sign-in without a user context is refused, and
// a tenant that predates the bulk update answers 404; the older families
// have no such path.
func TestBulkUpdateRightsAndAbsence(t *testing.T) {
	h := newHarness(t, Options{Tokens: 40, Apps: 1})
	ids := othersTokens(t, h.srv, 2)
	future := `[{"op":"replace","path":"/expirationDate","value":"2031-01-01T00:00:00.000Z"}]`
	r := h.do(http.MethodPost, bulkPath, h.userToken(), bulkBody(ids, future))
	if r.status != 403 || !strings.Contains(r.errorDto(t).Messages[0].Text, rightAllPATUpdate) {
		t.Fatalf("user: %d %s", r.status, r.body)
	}
	if got := effectiveRights(adminRights(), []string{"sp:all-personal-access-tokens:manage"}); !slices.Contains(got, rightAllPATUpdate) {
		t.Fatalf("the declared scope does not grant the right: %v", got)
	}
	if got := effectiveRights(adminRights(), []string{"sp:all-personal-access-tokens:read"}); slices.Contains(got, rightAllPATUpdate) {
		t.Fatalf("a read scope grants the right: %v", got)
	}
	// A session with no identity (client credentials of an API client).
	app := &session{token: "app-token", clientID: "app", rights: adminRights(), expires: testNow.Add(time.Hour)}
	h.srv.mu.Lock()
	h.srv.addSession(app, testNow)
	h.srv.mu.Unlock()
	if r := h.do(http.MethodPost, bulkPath, "app-token", bulkBody(ids, future)); r.status != 403 ||
		!strings.Contains(r.errorDto(t).Messages[0].Text, "API client") {
		t.Fatalf("no user context: %d %s", r.status, r.body)
	}
	// In v2025 the path is a token's, which takes PATCH (of a token
	// named "bulk-update", which does not exist) and DELETE.
	if r := h.do(http.MethodPost, "/v2025/personal-access-tokens/bulk-update", h.adminToken(), bulkBody(ids, future)); r.status != 405 {
		t.Fatalf("v2025 bulk-update: %d %s", r.status, r.body)
	}
	old := newHarness(t, Options{Tokens: 40, Apps: 1, NoPATBulkUpdate: true})
	old.client.Transport = http.DefaultTransport // a tenant from before the extract's operation
	if r := old.do(http.MethodPost, bulkPath, old.adminToken(), bulkBody(othersTokens(t, old.srv, 2), future)); r.status != 404 {
		t.Fatalf("hidden bulk update: %d %s", r.status, r.body)
	}
}
