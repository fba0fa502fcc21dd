package sourceapps

import (
	"fmt"
	"strings"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/filter"
)

// ServerFilter parses text as list l's server filter, checked against
// exactly what that list supports (isc-api.md §2), and writes it in the
// API's syntax ("" for none). An expression another list would take is a
// *WrongListError that names that list.
func ServerFilter(text string, l client.AppList) (string, error) {
	if strings.TrimSpace(text) == "" {
		return "", nil
	}
	expr, err := filter.Parse(text)
	if err != nil {
		return "", err
	}
	if err := client.SourceAppFilters(l).Validate(expr); err != nil {
		for _, other := range []client.AppList{client.AppsAll, client.AppsAvailable, client.AppsAssigned} {
			if other != l && client.SourceAppFilters(other).Validate(expr) == nil {
				return "", &WrongListError{Err: err, Other: other}
			}
		}
		return "", fmt.Errorf("%w (for %s)", err, ListLabel(l))
	}
	return expr.String(), nil
}

// WrongListError is a server filter that list Other takes, not the one
// asked for; how to switch lists is the caller's to say.
type WrongListError struct {
	Err   error
	Other client.AppList
}

func (e *WrongListError) Error() string {
	return fmt.Sprintf("%v; the list of %s takes it", e.Err, ListLabel(e.Other))
}

func (e *WrongListError) Unwrap() error { return e.Err }

// ListLabel names a list for people.
func ListLabel(l client.AppList) string {
	switch l {
	case client.AppsAll:
		return "all apps"
	case client.AppsAssigned:
		return "assigned to me"
	}
	return "available for request"
}
