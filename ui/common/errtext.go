package common

import (
	"fmt"

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
