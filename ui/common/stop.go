package common

import "strings"

// Stopped is what ending one piece of work at quit found.
type Stopped struct {
	// Work names it with its article ("a delete", "an update"); Queued
	// says what became of its queued items ("tokens were not sent").
	Work, Queued string
	// Clean: every request already sent was answered and recorded in time.
	Clean bool
	// Create: a create, whose secret was never shown.
	Create bool
}

// Stopper is a view whose work must end cleanly after the program has
// exited: queued items are never sent, and requests already sent are
// waited for until deadline, so each is recorded. It is called after the
// program returns, never from Update; it reports only work that was
// still running.
type Stopper interface {
	Stop(deadline <-chan struct{}) []Stopped
}

// Article puts "a" or "an" before a noun.
func Article(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}
