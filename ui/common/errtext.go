package common

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/sanitize"
)

// ErrorText is one line for an error: the server's status and message for
// an API error, else err's text; sanitized, as it may quote the tenant.
func ErrorText(err error) string {
	if e, ok := client.AsAPIError(err); ok {
		s := e.Message()
		if e.Status != 0 {
			s = fmt.Sprintf("%d %s", e.Status, s)
		}
		return sanitize.Line(s)
	}
	return sanitize.Line(err.Error())
}

// ErrorLines is a failed request's answer to show whole (a preview's, a
// form's): the server's messages, then its status, detail code and
// trackingId; err's text when it is not an API error. Sanitized.
func ErrorLines(err error) []string {
	ae, ok := client.AsAPIError(err)
	if !ok {
		return []string{sanitize.Line(err.Error())}
	}
	var lines []string
	for _, msg := range append(append([]client.ErrorMessage(nil), ae.Messages...), ae.Causes...) {
		if t := strings.TrimSpace(msg.Text); t != "" && !slices.Contains(lines, sanitize.Line(t)) {
			lines = append(lines, sanitize.Line(t))
		}
	}
	if len(lines) == 0 {
		lines = append(lines, sanitize.Line(ae.Message()))
	}
	meta := fmt.Sprintf("HTTP %d", ae.Status)
	if ae.DetailCode != "" {
		meta += " · " + sanitize.Line(ae.DetailCode)
	}
	if ae.TrackingID != "" {
		meta += " · tracking id " + sanitize.Line(ae.TrackingID)
	}
	if client.IsOutcomeUnknown(err) {
		meta += " · the change may have been applied: refresh to see"
	}
	return append(lines, meta)
}
