package offloop

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestSmallInlineLargeInACommandNewestWins(t *testing.T) {
	var j Job[int]
	got := 0
	if cmd := j.Run(10, func() int { return 1 }, func(v int) tea.Cmd { got = v; return nil }); cmd != nil || got != 1 || j.Running() {
		t.Fatalf("small: cmd %v got %d", cmd, got)
	}
	old := j.Run(Threshold+1, func() int { return 2 }, func(int) tea.Cmd { t.Fatal("applied inline"); return nil })
	newer := j.Run(Threshold+1, func() int { return 3 }, func(int) tea.Cmd { t.Fatal("applied inline"); return nil })
	if !j.Running() {
		t.Fatal("not running")
	}
	if j.Accept(old().(ResultMsg[int])) {
		t.Fatal("a superseded result was accepted")
	}
	msg := newer().(ResultMsg[int])
	if !j.Accept(msg) || msg.Result != 3 || j.Running() {
		t.Fatal("the newest result was not accepted")
	}
	var other Job[int]
	other.Run(Threshold+1, func() int { return 4 }, nil)
	late := j.Run(Threshold+1, func() int { return 5 }, nil)
	j.Supersede()
	if j.Accept(late().(ResultMsg[int])) {
		t.Fatal("accepted after Supersede")
	}
}
