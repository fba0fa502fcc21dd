package owners_test

import (
	"strings"
	"testing"

	"github.com/sailtui/sailtui/ui/data/owners"
)

// :owner NAME and the reassign prompt take an id, a whole name in any
// case, or a unique start of one; anything else says why and names no one.
func TestFind(t *testing.T) {
	known := map[string]string{"a1": "Ada Lovelace", "a2": "Ada", "b1": "Bob Stone", "b2": "Bob Stonebridge"}
	for _, tc := range []struct{ arg, id, why string }{
		{"a1", "a1", ""},
		{"ada", "a2", ""}, // a whole name beats a start
		{"ada l", "a1", ""},
		{" BOB STONE ", "b1", ""},
		{"bob", "", "More than one identity matches bob"},
		{"bob stoneb", "b2", ""},
		{"Carol", "", "No identity Carol here"},
	} {
		id, why := owners.Find(known, tc.arg, "here")
		if id != tc.id || !strings.HasPrefix(why, tc.why) || (tc.why == "") != (why == "") {
			t.Errorf("Find(%q) = %q, %q; want %q, %q", tc.arg, id, why, tc.id, tc.why)
		}
	}
}
