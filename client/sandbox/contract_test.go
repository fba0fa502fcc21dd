package sandbox

import (
	"net/http"
	"testing"

	"github.com/sailtui/sailtui/client/internal/contracttest"
)

// responseContract validates every sandbox response the handler tests see.
// Requests are not validated: these tests send bad requests on purpose.
// Statuses the spec does not document and the sandbox only sends for its
// own reasons (405, the injected 503) and paths outside the spec
// (/oauth/*, unknown routes) pass unchecked.
func responseContract() contracttest.Options {
	return contracttest.Options{Unchecked: []int{http.StatusMethodNotAllowed, http.StatusServiceUnavailable}}
}

// TestResponsesMatchSpec drives one exchange of every operation in every
// family through the checker.
func TestResponsesMatchSpec(t *testing.T) {
	h := newHarness(t, Options{Tokens: 40, Apps: 20})
	if h.checker == nil {
		t.Skip("skipping: " + contracttest.SkipMessage)
	}
	tok := h.adminToken()
	for fam, path := range patFamilies() {
		h.do("GET", path, tok, "")
		h.do("GET", path+"?filters=lastUsed%20isnull", tok, "")
		body := `{"name":"contract ` + string(fam) + `","userAwareTokenNeverExpires":true}`
		if !fam.modern() {
			body = `{"name":"contract ` + string(fam) + `"}`
		}
		r := h.do("POST", path, tok, body)
		var created struct{ ID string }
		r.decode(t, &created)
		h.do("PATCH", path+"/"+created.ID, tok, `[{"op":"replace","path":"/name","value":"renamed `+string(fam)+`"}]`)
		h.do("PATCH", path+"/"+created.ID, tok, `[{"op":"replace","path":"/name","value":""}]`)
		h.do("DELETE", path+"/"+created.ID, tok, "")
		h.do("DELETE", path+"/"+created.ID, tok, "")
		h.do("GET", path, h.userToken(), "")
	}
	// The admin bulk update, both methods: a success, a refused rule, and
	// a caller without the right.
	others := othersTokens(t, h.srv, 3)
	future := `[{"op":"replace","path":"/expirationDate","value":"2031-01-01T00:00:00.000Z"}]`
	h.do("PATCH", bulkPath, tok, bulkBody(others, future), contentType("application/json"))
	h.do("POST", bulkPath, tok, bulkBody(others[:1], `[{"op":"replace","path":"/name","value":"x"}]`))
	h.do("POST", bulkPath, h.userToken(), bulkBody(others, future))
	apps := h.srv.SourceApps()
	src := apps[0].AccountSource
	for _, a := range apps {
		if a.AccountSource != nil {
			src = a.AccountSource
		}
	}
	for _, path := range appFamilies() {
		h.do("GET", path+"?count=true&sorters=name", tok, "", experimental)
		h.do("GET", path+"/all?limit=5", tok, "", experimental)
		h.do("GET", path+"/assigned", tok, "", experimental)
		h.do("GET", path+"/"+apps[1].ID, tok, "", experimental)
		h.do("GET", path+"/"+apps[1].ID+"/access-profiles", tok, "", experimental)
		r := h.do("POST", path, tok, `{"name":"c","description":"d","accountSource":{"id":"`+src.ID+`"}}`, experimental)
		var created struct{ ID string }
		r.decode(t, &created)
		h.do("PATCH", path+"/"+created.ID, tok, `[{"op":"replace","path":"/enabled","value":true}]`, experimental)
		h.do("POST", path+"/bulk-update", tok, `{"appIds":["`+created.ID+`"],"jsonPatch":[{"op":"replace","path":"/matchAllAccounts","value":true}]}`, experimental)
		h.do("POST", path+"/"+created.ID+"/access-profiles/bulk-remove", tok, `[]`, experimental)
		h.do("DELETE", path+"/"+created.ID, tok, "", experimental)
		h.do("GET", path+"/all", h.userToken(), "", experimental)
		h.do("GET", path+"?limit=999", tok, "", experimental)
		h.do("GET", path, "", "", experimental)
	}
	if n := h.checker.Checked(); n < 100 {
		t.Errorf("checker saw only %d responses", n)
	}
}
