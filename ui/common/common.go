// Package common holds what every view and component shares: the size it
// may draw in, the styles, the clock. It is embedded by value, soft-serve
// style, and passed down by the router; nothing here is global.
package common

import (
	"time"

	"github.com/sailtui/sailtui/themes"
)

// Common is embedded by every view and component.
type Common struct {
	Width, Height int
	Styles        *themes.Styles
	// Now is the injected clock; tests pin it so relative times are stable.
	Now func() time.Time
}

// New returns a Common with the given styles and clock (nil → time.Now).
func New(styles *themes.Styles, now func() time.Time) Common {
	if now == nil {
		now = time.Now
	}
	return Common{Styles: styles, Now: now}
}

// SetSize records the area the component may draw in.
func (c *Common) SetSize(w, h int) { c.Width, c.Height = w, h }
