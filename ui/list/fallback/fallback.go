// Package fallback is the 403 fallback of every list view: a tenant-wide
// list the identity may not read falls back to a narrower one it may,
// and the user is told what they see instead, and which right the wider
// list needs. It runs inside a view's load command (off the event loop).
package fallback

import (
	"context"
	"fmt"
	"log/slog"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
)

// List runs wide; when the server refuses it (403), it runs narrow
// instead, and refused is the 403 the wide list got.
func List[T any](ctx context.Context, wide, narrow func(context.Context) (T, error)) (out T, refused, err error) {
	out, err = wide(ctx)
	if err != nil && client.IsForbidden(err) {
		refused = err
		out, err = narrow(ctx)
	}
	return out, refused, err
}

// Refusal names the two lists and the right the wide one needs, for the
// notice: "all tokens", "your tokens", "idn:all-personal-access-tokens:read".
type Refusal struct {
	Wide, Narrow, Right string
	// Details is the key that shows the server's full answer ("o").
	Details string
}

// Notice logs the refusal with the server's details and returns what
// tells the user: when they asked for the wide list just now, the
// server's full answer; otherwise a toast naming the right.
func (r Refusal) Notice(err error, asked bool, log *slog.Logger) tea.Cmd {
	attrs := []any{"err", err}
	status := "403"
	if e, ok := client.AsAPIError(err); ok {
		status = fmt.Sprint(e.Status)
		attrs = []any{"status", e.Status, "detail_code", e.DetailCode, "tracking_id", e.TrackingID, "message", e.Message()}
	}
	if log != nil {
		log.Warn("listing "+r.Wide+" was refused; showing "+r.Narrow, attrs...)
	}
	if asked {
		return func() tea.Msg {
			return common.ErrorMsg{Title: "Listing " + r.Wide + " was refused: showing " + r.Narrow, Err: err}
		}
	}
	text := "Showing only " + r.Narrow + ": listing " + r.Wide + " needs " + r.Right + " (" + status + ")"
	if r.Details != "" {
		text += " · " + r.Details + ": details"
	}
	return common.Toast(common.ToastWarning, text)
}
