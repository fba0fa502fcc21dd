package apps

import (
	"context"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
)

// Settler is the Apps view's part in settling what a crash left open
// (audit.Settle): an app delete is settled by reading the app (404: it
// was deleted); one that cannot be read stays open, with why.
func (m *Model) Settler() audit.Settler {
	svc := m.opts.Service
	return audit.Settler{
		Kind: audit.KindApp, Noun: "app",
		Deletes: func(action string) bool { return action == audit.ActionDeleteApp },
		Present: func(ctx context.Context, intents []audit.Entry) (map[string]bool, string, error) {
			out := make(map[string]bool, len(intents))
			why := ""
			for _, e := range intents {
				_, err := svc.GetSourceApp(ctx, e.ResourceID)
				switch {
				case client.IsNotFound(err):
					out[e.ResourceID] = false
				case err == nil:
					out[e.ResourceID] = true
				default:
					why = common.ErrorText(err)
				}
			}
			return out, why, nil
		},
	}
}
