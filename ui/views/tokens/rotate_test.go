package tokens

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/edit/editform"
	"github.com/sailtui/sailtui/ui/widgets/secret"
)

// Rotating one's own token: the form is filled from it (golden); the
// create asks for the same scopes, validity and expiry policy; closing the
// secret deletes exactly the old token; the audit names both halves.
func TestRotateFlow(t *testing.T) {
	svc := &fakeService{toks: fixture()}
	m := newTestModel(t, svc, Options{IdentityID: "id-alice"})
	selectID(t, m, "t1") // alice's
	out := press(t, m, "N")
	form := pushedModal(out, createID).(*editform.Model)
	form.SetSize(90, 40)
	golden.RequireEqual(t, []byte(form.View()))

	drain(t, m, func() tea.Msg { return mustSubmit(t, form) })
	if len(svc.created) != 1 || !slices.Equal(svc.created[0].Scope, fixture()[0].Scope) ||
		*svc.created[0].AccessTokenValiditySeconds != pats.DefaultValidity || svc.created[0].Name != "ci-deploy (rotated 2026-06-01)" {
		t.Fatalf("create %+v", svc.created)
	}
	if len(svc.deleted) != 0 {
		t.Fatal("deleted before the secret was dismissed")
	}
	fin, _ := finishedOf(t, m, m.Update(secret.ClosedMsg{ID: secretID, Copied: true}))
	if fin.Summary.Done != 1 || !slices.Equal(svc.deleted, []string{"t1"}) {
		t.Fatalf("deleted %v, summary %+v", svc.deleted, fin.Summary)
	}
}

func TestRotateRefusals(t *testing.T) {
	m := newTestModel(t, nil, Options{IdentityID: "id-alice", SessionClientID: "t4"})
	for id, want := range map[string]string{"t2": "only your own tokens", "t4": "signed in with this token", "t6": "only your own"} {
		selectID(t, m, id)
		if toasts := shellToasts(press(t, m, "N")); len(toasts) != 1 || !strings.Contains(toasts[0], want) {
			t.Errorf("%s: %q, want %q", id, toasts, want)
		}
	}
}

// A failed create deletes nothing, and cancelling says so.
func TestRotateFailedCreateDeletesNothing(t *testing.T) {
	svc := &fakeService{toks: fixture(), createErr: &client.APIError{Status: 400, Messages: []client.ErrorMessage{{Text: "no"}}}}
	m := newTestModel(t, svc, Options{IdentityID: "id-alice"})
	selectID(t, m, "t1")
	form := pushedModal(press(t, m, "N"), createID).(*editform.Model)
	drain(t, m, func() tea.Msg { return mustSubmit(t, form) })
	drain(t, m, m.Update(secret.ClosedMsg{ID: secretID}))
	if len(svc.deleted) != 0 {
		t.Fatalf("deleted %v after a failed create", svc.deleted)
	}
	if toasts := shellToasts(drain(t, m, m.Update(editform.CancelMsg{ID: createID}))); len(toasts) != 1 || !strings.Contains(toasts[0], "nothing created or deleted") {
		t.Fatalf("cancel: %q", toasts)
	}
}

// selectID moves the cursor to the row of id.
func selectID(t *testing.T, m *Model, id string) {
	t.Helper()
	for i, v := range m.Visible() {
		if v == id {
			m.rows.MoveTo(i)
			return
		}
	}
	t.Fatalf("%s not visible", id)
}

// mustSubmit is what the form would submit now.
func mustSubmit(t *testing.T, f *editform.Model) editform.SubmitMsg {
	t.Helper()
	cmd := f.Update(tea.KeyMsg{Type: tea.KeyCtrlS})
	if cmd == nil {
		t.Fatalf("the form did not submit:\n%s", f.View())
	}
	sub, ok := cmd().(editform.SubmitMsg)
	if !ok {
		t.Fatalf("form answered %#v", cmd())
	}
	return sub
}

// createSubmit is the create form's answer for a token named name.
func createSubmit(name string, seq int) editform.SubmitMsg {
	doc := `{"name":"` + name + `","scope":["sp:scopes:default"],"accessTokenValiditySeconds":600,"expirationDate":null,"userAwareTokenNeverExpires":true}`
	return editform.SubmitMsg{ID: createID, Doc: []byte(doc), Seq: seq}
}
