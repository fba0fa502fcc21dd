package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sailtui/sailtui/ui/tokens"
)

// After quitting mid-delete the user learns what happened, on stderr once
// the screen is restored; a normal quit prints nothing.
func TestReportStop(t *testing.T) {
	var b bytes.Buffer
	reportStop(tokens.StopResult{Clean: true}, &b)
	if b.Len() != 0 {
		t.Fatalf("normal quit printed %q", b.String())
	}
	reportStop(tokens.StopResult{Running: true, Clean: true, AuditPath: "/s/audit.jsonl"}, &b)
	if out := b.String(); !strings.Contains(out, "queued tokens were not deleted") || !strings.Contains(out, "/s/audit.jsonl") {
		t.Fatalf("clean stop: %q", out)
	}
	b.Reset()
	reportStop(tokens.StopResult{Running: true}, &b)
	if out := b.String(); !strings.Contains(out, "without an audit entry") || !strings.Contains(out, "the audit log") {
		t.Fatalf("unclean stop: %q", out)
	}
}
