package apps

import (
	"encoding/json"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/timefmt"
	"github.com/sailtui/sailtui/ui/widgets/progress"
)

// Undo of a bulk change: u in the run's summary puts back each app's
// previous values. The apps as the run found them are its items; what
// the run set is their documents with its patch applied. Each app's undo
// patch is the difference back, so apps that had different values get
// different patches (sent in separate requests); an app still holding
// what the run set is the only one sent to (stillAsSet).

// restoreChange is the change that undoes pc on done (the apps as they
// were before pc, as the run found them). Apps the run did not change
// are left out.
func restoreChange(pc *pendingChange, done []client.SourceApp) pendingChange {
	r := pendingChange{patches: map[string]patchdiff.Patch{}, after: map[string][]byte{},
		what: "undo of " + pc.what}
	rules := bulkRules()
	for _, a := range done {
		before, err := json.Marshal(a)
		if err != nil {
			continue
		}
		after, err := patchdiff.Apply(before, pc.patchOf(a.ID))
		if err != nil {
			continue
		}
		res, err := patchdiff.Diff(after, before, rules)
		if err != nil || len(res.Patch) == 0 {
			continue
		}
		r.apps = append(r.apps, a)
		r.patches[a.ID], r.after[a.ID] = res.Patch, after
	}
	return r
}

// onUndoRun answers the panel's u: the apps the run changed, their old
// values, through the same confirm and run.
func (m *Model) onUndoRun(msg progress.UndoMsg) tea.Cmd {
	run, last := m.bulk, m.lastRun
	m.bulk = nil
	pop := common.PopModal(progressID)
	if run == nil || last == nil || last.del || last.after != nil {
		return pop
	}
	r := restoreChange(last, run.Pick(msg.IDs))
	if len(r.apps) == 0 {
		return tea.Batch(pop, common.Toast(common.ToastInfo, "Nothing to undo: no app was changed"))
	}
	r.what = "undo of " + last.what + " on " + timefmt.Plural(len(r.apps), "app")
	return tea.Batch(pop, m.confirmChange(r))
}
