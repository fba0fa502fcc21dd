package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// run executes cmd and every batch inside it, returning the messages.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, run(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func TestFlowSavesThenClosesAndIgnoresOthersAnswers(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	var f Flow
	built := 0
	c := commontest.Common(termenv.Ascii, time.Now)
	push := run(f.Start(c, Request{ID: "v.export", Title: "Export 2 rows", Path: filepath.Join(dir, "a.csv"), Home: home,
		N: 2, Noun: "row", Build: func() report.Table {
			built++
			return report.Table{Columns: []string{"x"}, Rows: [][]any{{"1"}, {"2"}}}
		}}))
	if p, ok := push[0].(common.PushModalMsg); !ok || p.ID != "v.export" || !f.Active() {
		t.Fatalf("start: %v", push)
	}
	if _, ok := f.Update(textprompt.AnswerMsg{ID: "app.command", Text: "x", OK: true}); ok {
		t.Fatal("took another prompt's answer")
	}
	cmd, _ := f.Update(textprompt.AnswerMsg{ID: "v.export", Text: "~/r.csv", OK: true})
	saved := run(cmd)[0].(SavedMsg)
	if saved.Err != nil || saved.Path != filepath.Join(home, "r.csv") || built != 1 {
		t.Fatalf("saved %+v, built %d", saved, built)
	}
	if _, err := os.Stat(saved.Path); err != nil {
		t.Fatal(err)
	}
	cmd, _ = f.Update(saved)
	msgs := run(cmd)
	if f.Active() || len(msgs) != 2 || !strings.Contains(msgs[1].(common.ToastMsg).Text, "Exported 2 rows to "+saved.Path) {
		t.Fatalf("after save: active %v, %v", f.Active(), msgs)
	}
}

func TestFlowCancel(t *testing.T) {
	var f Flow
	f.Start(commontest.Common(termenv.Ascii, time.Now), Request{ID: "v.export", Build: func() report.Table { return report.Table{} }})
	cmd, ok := f.Update(textprompt.AnswerMsg{ID: "v.export"})
	if !ok || f.Active() {
		t.Fatal("cancel not handled")
	}
	if p, ok := run(cmd)[0].(common.PopModalMsg); !ok || p.ID != "v.export" {
		t.Fatalf("cancel gave %v", run(cmd))
	}
}
