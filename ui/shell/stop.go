package shell

import (
	"context"
	"time"

	"github.com/sailtui/sailtui/ui/common"
)

// Stop ends the work every view still runs once the program has exited
// (common.Stopper): queued items are not sent, and requests already sent
// get one shared grace to be answered and recorded. It says what that
// did, for one report after the screen is restored.
func (m Model) Stop(grace time.Duration) []common.Stopped {
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	var out []common.Stopped
	for _, v := range m.views {
		if s, ok := v.(common.Stopper); ok {
			out = append(out, s.Stop(ctx.Done())...)
		}
	}
	return out
}
