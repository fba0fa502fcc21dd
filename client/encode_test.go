package client

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sailtui/sailtui/patchdiff"
)

func TestEncodeBodyKeepsHTMLCharactersAndRawValues(t *testing.T) {
	ops := patchdiff.Patch{
		{Op: "test", Path: "/name", Value: json.RawMessage(`"a<b>&c"`)},
		{Op: "replace", Path: "/name", Value: json.RawMessage(`"x\u2028y <&>"`)},
	}
	got, err := patchBody(ops)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"op":"test","path":"/name","value":"a<b>&c"},{"op":"replace","path":"/name","value":"x\u2028y <&>"}]`
	if string(got) != want {
		t.Fatalf("patch body\n got %s\nwant %s", got, want)
	}
	// One encoder: the patch shown in a preview or a dialog and written to
	// the audit log (Patch.String) is the body of a PATCH, and the jsonPatch
	// of a bulk-update, byte for byte.
	if ops.String() != string(got) {
		t.Fatalf("shown %s, sent %s", ops.String(), got)
	}
	bulk, err := encodeBody(BulkUpdateRequest{AppIDs: []string{"a1"}, JSONPatch: ops})
	if err != nil || !strings.Contains(string(bulk), `"jsonPatch":`+ops.String()) {
		t.Fatalf("bulk-update body %s, %v", bulk, err)
	}
	body, err := encodeBody(CreatePATRequest{Name: "R&D <ops>"})
	if err != nil {
		t.Fatal(err)
	}
	if string(body) != `{"name":"R&D <ops>"}` {
		t.Fatalf("create body = %s", body)
	}
}

// A token read from the server marshals back with the server's spelling
// of expirationDate and its userAwareTokenNeverExpires, so a guard built
// from it tests exactly what the server stores.
func TestTokenKeepsServerSpellingForGuards(t *testing.T) {
	in := `{"id":"t1","name":"n","scope":null,"owner":{"type":"IDENTITY","id":"o","name":"O"},"created":"2026-01-01T00:00:00.000Z",` +
		`"lastUsed":null,"managed":false,"accessTokenValiditySeconds":43200,"expirationDate":"2026-12-01T10:00:00.100Z","userAwareTokenNeverExpires":false}`
	var tok PersonalAccessToken
	if err := json.Unmarshal([]byte(in), &tok); err != nil {
		t.Fatal(err)
	}
	if tok.ExpirationDate == nil || tok.ExpirationDate.Nanosecond() != 100_000_000 {
		t.Fatalf("expiry %v", tok.ExpirationDate)
	}
	out, err := json.Marshal(tok)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"expirationDate":"2026-12-01T10:00:00.100Z"`, `"userAwareTokenNeverExpires":false`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("marshal lost %s: %s", want, out)
		}
	}
	// A token built in Go marshals as before: Go's spelling, false omitted.
	exp := time.Date(2026, 12, 1, 10, 0, 0, 100_000_000, time.UTC)
	out, _ = json.Marshal(PersonalAccessToken{ID: "t2", ExpirationDate: &exp})
	if !strings.Contains(string(out), `"expirationDate":"2026-12-01T10:00:00.1Z"`) || strings.Contains(string(out), "userAware") {
		t.Errorf("Go-built token: %s", out)
	}
	// Changing the time drops the stale spelling.
	later := exp.Add(time.Hour)
	tok.ExpirationDate = &later
	out, _ = json.Marshal(tok)
	if !strings.Contains(string(out), `"expirationDate":"2026-12-01T11:00:00.1Z"`) {
		t.Errorf("changed expiry: %s", out)
	}
	var never PersonalAccessToken
	_ = json.Unmarshal([]byte(`{"id":"t3","expirationDate":null,"userAwareTokenNeverExpires":true}`), &never)
	if out, _ := json.Marshal(never); !strings.Contains(string(out), `"expirationDate":null,"userAwareTokenNeverExpires":true`) {
		t.Errorf("never: %s", out)
	}
}
