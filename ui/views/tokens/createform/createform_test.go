package createform

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

var now = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func newForm(profile termenv.Profile, opts Options) Model {
	m := New(commontest.Common(profile, func() time.Time { return now }), opts)
	m.SetSize(100, 40)
	return m
}

func kmsg(t tea.KeyType) tea.KeyMsg { return tea.KeyMsg{Type: t} }

func typeText(m Model, s string) Model {
	for _, r := range s {
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return m
}

func press(m Model, keys ...tea.KeyMsg) (Model, []tea.Msg) {
	var msgs []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		if cmd != nil {
			msgs = append(msgs, cmd())
		}
	}
	return m, msgs
}

// withScope fills the scopes field, which a create needs.
func withScope(m Model) Model {
	m.inputs[fieldScopes].SetValue("sp:scopes:default")
	return m
}

func clearField(m Model) Model {
	m, _ = m.Update(kmsg(tea.KeyCtrlU))
	return m
}

func TestValidateName(t *testing.T) {
	if n, err := ValidateName("  ci  ", nil); err != nil || n != "ci" {
		t.Fatalf("%q %v", n, err)
	}
	for _, bad := range []string{"", "   ", "a\x1b[2Jb"} {
		if _, err := ValidateName(bad, nil); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := ValidateName("ci", []string{"ci"}); err == nil || !strings.Contains(err.Error(), "already") {
		t.Errorf("duplicate: %v", err)
	}
}

func TestParseScopes(t *testing.T) {
	got, err := ParseScopes(" sp:scopes:all, ,idn:x:read,sp:scopes:all,")
	if err != nil || !reflect.DeepEqual(got, []string{"sp:scopes:all", "idn:x:read"}) {
		t.Fatalf("%v %v", got, err)
	}
	// None would mean the broadest: it must be typed, not defaulted.
	if got, err := ParseScopes(" , "); err == nil || got != nil || !strings.Contains(err.Error(), "sp:scopes:all") {
		t.Fatalf("empty: %v %v", got, err)
	}
	if got := UnknownScopes("sp:scopes:all, idn:custom:x ,idn:custom:x", DefaultScopes()); !reflect.DeepEqual(got, []string{"idn:custom:x"}) {
		t.Fatalf("unknown: %v", got)
	}
	if _, err := ParseScopes("sp:scopes:all idn:x:read"); err == nil {
		t.Fatal("space-separated scopes accepted")
	}
}

func TestParseValidity(t *testing.T) {
	for in, ok := range map[string]bool{"15": true, "43200": true, " 600 ": true, "14": false, "43201": false, "1e3": false, "": false, "-5": false} {
		_, err := ParseValidity(in)
		if (err == nil) != ok {
			t.Errorf("%q: err=%v", in, err)
		}
	}
}

func TestParseExpiry(t *testing.T) {
	e, err := ParseExpiry("2027-01-31", now, false)
	if err != nil || e.Never || e.Date == nil || !e.Date.Equal(time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("%+v %v", e, err)
	}
	if e, err := ParseExpiry("Never", now, true); err != nil || !e.Never || e.Date != nil {
		t.Fatalf("never: %+v %v", e, err)
	}
	if _, err := ParseExpiry("never", now, false); err == nil || !strings.Contains(err.Error(), "no never-expiring") {
		t.Fatalf("never on an old family: %v", err)
	}
	if _, err := ParseExpiry("", now, true); err == nil {
		t.Fatal("empty must be explicit where empty means never")
	}
	if e, err := ParseExpiry("", now, false); err != nil || e.Date != nil || e.Never {
		t.Fatalf("empty on old family = server default: %+v %v", e, err)
	}
	for _, bad := range []string{"2026-11-22", "2020-01-01", "31/01/2027", "2027-02-30"} {
		if _, err := ParseExpiry(bad, now, true); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestTypingGoesToTheInput(t *testing.T) {
	m := newForm(termenv.Ascii, Options{})
	m = typeText(m, "q jk") // letters that are shortcuts elsewhere
	if name, _, _, _ := m.Values(); name != "q jk" {
		t.Fatalf("name = %q", name)
	}
	if !m.InputFocused() {
		t.Fatal("input should have focus")
	}
}

func TestEmptyNameBlocksSubmit(t *testing.T) {
	m := newForm(termenv.Ascii, Options{})
	m, _ = press(m, kmsg(tea.KeyTab), kmsg(tea.KeyTab))
	m, msgs := press(m, kmsg(tea.KeyCtrlS))
	if len(msgs) != 0 {
		t.Fatalf("submitted with an empty name: %#v", msgs)
	}
	if m.focus != fieldName || m.errs[fieldName] == "" {
		t.Fatalf("focus=%v errs=%q", m.focus, m.errs)
	}
	// Typing clears the field's error.
	m = typeText(m, "x")
	if m.errs[fieldName] != "" {
		t.Fatal("error not cleared on edit")
	}
}

func TestSubmitBuildsRequest(t *testing.T) {
	m := newForm(termenv.Ascii, Options{NeverExpiring: true})
	m = typeText(m, "  ci-pipeline ")
	m, _ = press(m, kmsg(tea.KeyEnter))
	m = typeText(m, "sp:scopes:all, idn:all-personal-access-tokens:read")
	m, _ = press(m, kmsg(tea.KeyEnter))
	m = typeText(clearField(m), "900")
	m, _ = press(m, kmsg(tea.KeyEnter))
	m = typeText(clearField(m), "2027-03-01")
	m, msgs := press(m, kmsg(tea.KeyEnter)) // enter on the last field creates
	if len(msgs) != 1 {
		t.Fatalf("msgs = %#v", msgs)
	}
	sub, ok := msgs[0].(SubmitMsg)
	if !ok {
		t.Fatalf("got %#v", msgs[0])
	}
	v := 900
	d := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	want := client.CreatePATRequest{Name: "ci-pipeline", Scope: []string{"sp:scopes:all", "idn:all-personal-access-tokens:read"},
		AccessTokenValiditySeconds: &v, ExpirationDate: &d}
	if !reflect.DeepEqual(sub.Request, want) {
		t.Fatalf("got %+v\nwant %+v", sub.Request, want)
	}
	if !m.Submitting() {
		t.Fatal("not marked submitting")
	}
	if _, again := press(m, kmsg(tea.KeyCtrlS)); len(again) != 0 {
		t.Fatal("second submit while the first is in flight")
	}
}

func TestNeverSetsUserAwareFlag(t *testing.T) {
	m := withScope(newForm(termenv.Ascii, Options{NeverExpiring: true}))
	m = typeText(m, "forever")
	m, _ = press(m, kmsg(tea.KeyShiftTab)) // wraps to Create
	m, _ = press(m, kmsg(tea.KeyShiftTab)) // expiry
	m = typeText(clearField(m), "never")
	_, msgs := press(m, kmsg(tea.KeyCtrlS))
	if len(msgs) != 1 {
		t.Fatalf("msgs = %#v", msgs)
	}
	req := msgs[0].(SubmitMsg).Request
	if req.UserAwareTokenNeverExpires == nil || !*req.UserAwareTokenNeverExpires || req.ExpirationDate != nil {
		t.Fatalf("never: %+v", req)
	}
	if !reflect.DeepEqual(req.Scope, []string{"sp:scopes:default"}) {
		t.Fatalf("scopes: %v", req.Scope)
	}
	if req.AccessTokenValiditySeconds == nil || *req.AccessTokenValiditySeconds != DefaultValidity {
		t.Fatal("default validity not sent")
	}
}

func TestNeverNotOfferedWithoutSupport(t *testing.T) {
	m := newForm(termenv.Ascii, Options{NeverExpiring: false})
	m = typeText(m, "x")
	m, _ = press(m, kmsg(tea.KeyShiftTab), kmsg(tea.KeyShiftTab))
	m = typeText(clearField(m), "never")
	m, msgs := press(m, kmsg(tea.KeyCtrlS))
	if len(msgs) != 0 || m.errs[fieldExpiry] == "" {
		t.Fatalf("never accepted on a family without it: %#v", msgs)
	}
	if strings.Contains(m.View(), `or "never"`) {
		t.Fatal(`"never" offered in the label`)
	}
}

func TestServerErrorKeepsInput(t *testing.T) {
	m := newForm(termenv.Ascii, Options{})
	m = typeText(m, "ci")
	m, _ = press(m, kmsg(tea.KeyTab))
	m = typeText(m, "sp:scopes:all")
	before := [4]string{}
	before[0], before[1], before[2], before[3] = m.Values()
	m, msgs := press(m, kmsg(tea.KeyCtrlS))
	if len(msgs) != 1 {
		t.Fatal("no submit")
	}
	m, _ = m.Update(ServerErrorMsg{Err: &client.APIError{Status: 400, DetailCode: "400.1 Bad Request Content",
		TrackingID: "d8e2f1", Messages: []client.ErrorMessage{{Text: "The request was syntactically correct but its content is semantically invalid."}},
		Causes: []client.ErrorMessage{{Text: "name: must be unique"}}}})
	after := [4]string{}
	after[0], after[1], after[2], after[3] = m.Values()
	if before != after {
		t.Fatalf("input changed: %q → %q", before, after)
	}
	if m.Submitting() {
		t.Fatal("still submitting")
	}
	v := m.View()
	for _, want := range []string{"HTTP 400", "semantically invalid", "must be unique", "tracking id d8e2f1"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q", want)
		}
	}
	// The user can fix and resubmit.
	if _, msgs := press(m, kmsg(tea.KeyCtrlS)); len(msgs) != 1 {
		t.Fatal("cannot resubmit after a server error")
	}
}

func TestNonAPIServerError(t *testing.T) {
	m := newForm(termenv.Ascii, Options{})
	m, _ = m.Update(ServerErrorMsg{Err: errors.New("dial tcp: \x1b[31mrefused")})
	if v := m.View(); !strings.Contains(v, "Could not create the token: dial tcp:") || strings.Contains(v, "\x1b[31m") {
		t.Fatalf("view:\n%s", v)
	}
}

func TestEscCancels(t *testing.T) {
	m := newForm(termenv.Ascii, Options{})
	_, msgs := press(m, kmsg(tea.KeyEsc))
	if len(msgs) != 1 {
		t.Fatal("no message")
	}
	if _, ok := msgs[0].(CancelMsg); !ok {
		t.Fatalf("got %#v", msgs[0])
	}
}

func TestScopeCompletion(t *testing.T) {
	m := newForm(termenv.Ascii, Options{})
	m, _ = press(m, kmsg(tea.KeyTab)) // to scopes (name empty: no complaint yet)
	if m.errs[fieldName] != "" {
		t.Fatal("empty field flagged on leave")
	}
	m = typeText(m, "idn:a")
	m, _ = press(m, kmsg(tea.KeyTab))
	if _, sc, _, _ := m.Values(); sc != "idn:all-personal-access-tokens:read, " {
		t.Fatalf("completed to %q", sc)
	}
	// With nothing typed, tab moves on unless a suggestion was picked.
	m, _ = press(m, kmsg(tea.KeyCtrlN), kmsg(tea.KeyTab))
	if _, sc, _, _ := m.Values(); sc != "idn:all-personal-access-tokens:read, sp:scopes:default, " {
		t.Fatalf("picked completion gave %q", sc)
	}
	if m.focus != fieldScopes {
		t.Fatal("completion moved focus")
	}
	m, _ = press(m, kmsg(tea.KeyTab))
	if m.focus != fieldValidity {
		t.Fatalf("tab with nothing typed should move on, focus=%v", m.focus)
	}
}

func TestInvalidFieldFlaggedOnLeave(t *testing.T) {
	m := newForm(termenv.Ascii, Options{})
	m, _ = press(m, kmsg(tea.KeyTab), kmsg(tea.KeyTab))
	m = typeText(clearField(m), "10")
	m, _ = press(m, kmsg(tea.KeyTab))
	if !strings.Contains(m.errs[fieldValidity], "15") {
		t.Fatalf("errs = %q", m.errs)
	}
}

func TestViewEmpty(t *testing.T) {
	m := newForm(termenv.ANSI256, Options{NeverExpiring: true})
	golden.RequireEqual(t, m.View())
}

func TestViewValidationErrors(t *testing.T) {
	m := newForm(termenv.Ascii, Options{NeverExpiring: true, ExistingNames: []string{"ci"}})
	m = typeText(m, "ci")
	m, _ = press(m, kmsg(tea.KeyTab))
	m = typeText(m, "sp:scopes:all idn:x")
	m, _ = press(m, kmsg(tea.KeyTab))
	m = typeText(clearField(m), "99999")
	m, _ = press(m, kmsg(tea.KeyTab))
	m = typeText(clearField(m), "2026-02-30")
	m, _ = press(m, kmsg(tea.KeyCtrlS))
	golden.RequireEqual(t, m.View())
}

func TestViewServerError(t *testing.T) {
	m := newForm(termenv.Ascii, Options{})
	m = typeText(m, "ci-pipeline")
	m, _ = press(m, kmsg(tea.KeyCtrlS))
	m, _ = m.Update(ServerErrorMsg{Err: &client.APIError{Status: 400, DetailCode: "400.1 Bad Request Content",
		TrackingID: "d8e2f1a0c3", Messages: []client.ErrorMessage{{Text: "expirationDate must be within 6 months of the creation date"}}}})
	golden.RequireEqual(t, m.View())
}

func TestStaleServerErrorDropped(t *testing.T) {
	m := withScope(newForm(termenv.Ascii, Options{}))
	m = typeText(m, "ci")
	m, msgs := press(m, kmsg(tea.KeyCtrlS))
	first := msgs[0].(SubmitMsg)
	m, _ = m.Update(ServerErrorMsg{Err: errors.New("boom"), Seq: first.Seq})
	m, msgs = press(m, kmsg(tea.KeyCtrlS))
	second := msgs[0].(SubmitMsg)
	if second.Seq == first.Seq {
		t.Fatal("submits share a sequence number")
	}
	m, _ = m.Update(ServerErrorMsg{Err: errors.New("late answer"), Seq: first.Seq})
	if !m.Submitting() || strings.Contains(m.View(), "late answer") {
		t.Fatal("a stale answer was applied")
	}
}

func TestViewScopeSuggestions(t *testing.T) {
	m := newForm(termenv.Ascii, Options{})
	m = typeText(m, "ci")
	m, _ = press(m, kmsg(tea.KeyTab))
	m = typeText(m, "sp:scopes:all, idn:")
	m, _ = press(m, kmsg(tea.KeyCtrlN))
	golden.RequireEqual(t, m.View())
}

// Focus shows in plain text too: a pointer before the focused field, the
// Create button bracketed.
func TestViewCreateFocusedAscii(t *testing.T) {
	m := newForm(termenv.Ascii, Options{NeverExpiring: true})
	if v := m.View(); strings.Contains(v, "[ Create ]") || !strings.Contains(v, "  Create  ") ||
		strings.Count(v, "› ") != 1 || !strings.Contains(v, "› e.g. ci-pipeline") {
		t.Fatalf("focus not shown on the name field alone:\n%s", v)
	}
	m.setFocus(fieldCreate)
	if v := m.View(); !strings.Contains(v, "[ Create ]") || strings.Contains(v, "› ") {
		t.Fatalf("focused Create not marked:\n%s", v)
	}
}

// A scope outside the known ones is kept, with a warning, not refused.
func TestUnknownScopeWarnsButSubmits(t *testing.T) {
	m := newForm(termenv.Ascii, Options{})
	m = typeText(m, "ci")
	m.inputs[fieldScopes].SetValue("sp:scopes:default, idn:tenant-specific:read")
	if !strings.Contains(flat(m.View()), "not a known scope (kept): idn:tenant-specific:read") {
		t.Fatalf("no warning:\n%s", m.View())
	}
	_, msgs := press(m, kmsg(tea.KeyCtrlS))
	if len(msgs) != 1 || !reflect.DeepEqual(msgs[0].(SubmitMsg).Request.Scope, []string{"sp:scopes:default", "idn:tenant-specific:read"}) {
		t.Fatalf("msgs %#v", msgs)
	}
}
