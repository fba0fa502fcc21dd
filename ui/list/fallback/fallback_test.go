package fallback

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
)

func forbidden() error {
	return &client.APIError{Status: 403, DetailCode: "403 Forbidden", TrackingID: "t1"}
}

func TestListFallsBackOnlyOn403(t *testing.T) {
	narrowCalls := 0
	narrow := func(context.Context) (string, error) { narrowCalls++; return "narrow", nil }
	out, refused, err := List(context.Background(), func(context.Context) (string, error) { return "", forbidden() }, narrow)
	if out != "narrow" || refused == nil || err != nil {
		t.Fatalf("403: %q %v %v", out, refused, err)
	}
	boom := errors.New("boom")
	out, refused, err = List(context.Background(), func(context.Context) (string, error) { return "", boom }, narrow)
	if !errors.Is(err, boom) || refused != nil || narrowCalls != 1 {
		t.Fatalf("other error fell back: %q %v %v", out, refused, err)
	}
}

func TestNoticeToastNamesTheRightOrShowsTheAnswer(t *testing.T) {
	r := Refusal{Wide: "all apps", Narrow: "apps available for request", Right: "ORG_ADMIN", Details: "L"}
	msg := r.Notice(forbidden(), false, nil)()
	toast, ok := msg.(common.ToastMsg)
	if !ok || !strings.Contains(toast.Text, "needs ORG_ADMIN (403)") || !strings.Contains(toast.Text, "L: details") {
		t.Fatalf("toast %#v", msg)
	}
	var m tea.Msg = r.Notice(forbidden(), true, nil)()
	if e, ok := m.(common.ErrorMsg); !ok || !strings.Contains(e.Title, "Listing all apps was refused") {
		t.Fatalf("asked: %#v", m)
	}
}
