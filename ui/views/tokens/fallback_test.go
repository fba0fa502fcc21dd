package tokens

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
)

// A 403 on the tenant-wide list falls back to the caller's tokens with a
// toast that names the missing right first and stays short enough to be
// read whole; the server's full answer (message, trackingId) goes to the
// log, and asking for every owner again (o) shows it in the error modal.
func TestForbiddenFallbackToastNamesTheRightFirst(t *testing.T) {
	var logBuf bytes.Buffer
	svc := &fakeService{toks: fixture(), forbidAll: true}
	m := New(common.New(testStyles(themes.Default()), clock), Options{Service: svc,
		Logger: slog.New(slog.NewTextHandler(&logBuf, nil))})
	m.SetSize(120, 30)
	texts := shellToasts(drain(t, m, m.Init()))
	const want = "Showing only your tokens: listing all tokens needs idn:all-personal-access-tokens:read (403)"
	if len(texts) != 1 || !strings.HasPrefix(texts[0], want) || len(texts[0]) > 110 {
		t.Fatalf("toast = %q; want it to start %q and fit a line", texts, want)
	}
	if m.scope != scopeMine || len(m.Visible()) != 2 {
		t.Fatalf("scope %v visible %v", m.scope, m.Visible())
	}
	for _, w := range []string{"trk1", "refuses to authorize", "403"} {
		if !strings.Contains(logBuf.String(), w) {
			t.Errorf("log lacks %q:\n%s", w, logBuf.String())
		}
	}

	// o asks for every owner again: refused this session, so the error
	// modal shows the server's answer (without asking again), and the list
	// stays on the caller's own.
	out := press(t, m, "o")
	var shown *client.APIError
	for _, msg := range out {
		if e, ok := msg.(common.ErrorMsg); ok {
			shown, _ = client.AsAPIError(e.Err)
			if !strings.Contains(e.Title, "your tokens") {
				t.Errorf("error title %q does not say what is shown instead", e.Title)
			}
		}
	}
	if shown == nil || shown.TrackingID != "trk1" || !strings.Contains(shown.Message(), "refuses to authorize") {
		t.Fatalf("no error modal with the server's answer: %#v", out)
	}
	if m.scope != scopeMine || len(m.Visible()) != 2 {
		t.Fatalf("after o: scope %v visible %v", m.scope, m.Visible())
	}
}
