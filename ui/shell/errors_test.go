package shell

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
)

// The error dialog shows what support asks for, sanitized, and closes.
func TestErrorModal(t *testing.T) {
	e := newErrorModal(testCommon(), common.ErrorMsg{Title: "Could not list tokens", Err: &client.APIError{
		Status: 403, Method: "GET", Path: "/v2025/personal-access-tokens", DetailCode: "403 Forbidden", TrackingID: "trk-1\x1b[2J",
		Messages: []client.ErrorMessage{{Text: "The server understood the request but refuses to authorize it."}}}})
	e.SetSize(100, 30)
	plain := ansi.Strip(e.View())
	for _, want := range []string{"Could not list tokens", "refuses to authorize", "403", "GET /v2025/personal-access-tokens", "trk-1", "esc to close"} {
		if !strings.Contains(plain, want) {
			t.Errorf("lacks %q:\n%s", want, plain)
		}
	}
	if strings.Contains(e.View(), "\x1b[2J") {
		t.Fatal("control sequence reached the view")
	}
	golden.RequireEqual(t, []byte(e.View()))
	plainErr := newErrorModal(testCommon(), common.ErrorMsg{Err: errors.New("dial tcp: connection refused")})
	if v := ansi.Strip(plainErr.View()); !strings.Contains(v, "Error") || !strings.Contains(v, "connection refused") {
		t.Fatalf("plain error:\n%s", v)
	}
	if cmd := e.Update(tea.KeyMsg{Type: tea.KeyEsc}); cmd == nil {
		t.Fatal("esc did not close")
	} else if pop, ok := cmd().(common.PopModalMsg); !ok || pop.ID != errorID {
		t.Fatalf("esc → %#v", cmd())
	}
}
