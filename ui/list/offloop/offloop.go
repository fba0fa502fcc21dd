// Package offloop runs a list view's sort and filter off the event loop
// when the list is large: inline below a threshold (microseconds, and the
// frame shows the result at once), as a tea.Cmd above it, with only the
// newest request's result accepted.
package offloop

import tea "github.com/charmbracelet/bubbletea"

// Threshold is the row count above which work runs in a tea.Cmd.
const Threshold = 5000

// Job is one kind of computation of one view (its sort and filter). It
// must not be copied after use: results find their job by address.
type Job[R any] struct {
	seq     int
	running bool
}

// ResultMsg carries a background result to the view.
type ResultMsg[R any] struct {
	job    *Job[R]
	seq    int
	Result R
}

// Run computes f for a list of rows rows: inline when small (apply is
// called at once and Run returns what it returns), else in the returned
// command, whose ResultMsg the view hands to Accept. Any earlier request
// is superseded either way.
func (j *Job[R]) Run(rows int, f func() R, apply func(R) tea.Cmd) tea.Cmd {
	j.seq++
	if rows <= Threshold {
		j.running = false
		return apply(f())
	}
	j.running = true
	seq := j.seq
	return func() tea.Msg { return ResultMsg[R]{job: j, seq: seq, Result: f()} }
}

// Accept reports whether msg is this job's newest result.
func (j *Job[R]) Accept(msg ResultMsg[R]) bool {
	if msg.job != j || msg.seq != j.seq {
		return false
	}
	j.running = false
	return true
}

// Supersede drops any result still being computed (the rows changed).
func (j *Job[R]) Supersede() {
	j.seq++
	j.running = false
}

// Running reports whether a result is being computed.
func (j *Job[R]) Running() bool { return j.running }
