package list

import (
	"testing"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

// y and Y ask for the selected row's id and name, as shown: a control
// character from the server never reaches the clipboard. SelectID finds
// a row by id.
func TestCopyAndSelectID(t *testing.T) {
	l := newList(t, item{"1", "apple", 1}, item{"2\x1b]52;c;evil\x07", "ban\x1b[2Jana", 3})
	keys := NewKeys("first", "last", 2)
	copyOf := func(k string) common.CopyMsg {
		cmd, ok := l.HandleKey(commontest.Key(k), keys)
		if !ok || cmd == nil {
			t.Fatalf("%s: not handled", k)
		}
		msg, ok := cmd().(common.CopyMsg)
		if !ok {
			t.Fatalf("%s: %T", k, cmd())
		}
		return msg
	}
	if got := copyOf("y"); got.Text != "1" || got.What != `the id of "apple"` {
		t.Errorf("y: %+v", got)
	}
	if !l.SelectID("2\x1b]52;c;evil\x07") {
		t.Fatal("SelectID found no row")
	}
	for _, k := range []string{"y", "Y"} {
		got := copyOf(k)
		for _, r := range got.Text + got.What {
			if r < 0x20 || r == 0x7f {
				t.Errorf("%s: a control character in %q / %q", k, got.Text, got.What)
			}
		}
	}
	if l.SelectID("nope") {
		t.Error("SelectID found a row for an unknown id")
	}
}
