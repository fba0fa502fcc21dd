package tokens

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
)

// The sorted column's arrow is never cut off: in a column too narrow for
// title and arrow the title gives way (MGD is 3 cells, STALE 5, at any
// width). Goldens: the header and first rows.
func TestHeaderKeepsTheSortArrow(t *testing.T) {
	cases := []struct {
		name  string
		width int
		keys  []string
		want  string // the sorted column's header cell
	}{
		{"managed_asc", 120, []string{"7"}, "MGD▲"},
		{"managed_desc", 120, []string{"7", "7"}, "MGD▼"},
		{"stale_asc", 120, []string{"8"}, "STALE▲"},
		{"stale_desc_narrow", 60, []string{"8", "8"}, "STALE▼"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newTestModel(t, nil, Options{})
			m.SetSize(c.width, 6)
			press(t, m, c.keys...)
			head := ansi.Strip(strings.Split(m.View(), "\n")[1])
			if !strings.Contains(head, " "+c.want) {
				t.Fatalf("header %q lacks %q", head, c.want)
			}
			golden.RequireEqual(t, []byte(m.View()))
		})
	}
}

// In ASCII glyphs the arrow is one cell too, and the title stays whole.
func TestHeaderKeepsTheSortArrowAscii(t *testing.T) {
	m := New(common.New(testStyles(themes.Mono()), clock), Options{Service: &fakeService{toks: fixture()}})
	m.SetSize(120, 6)
	drain(t, m, m.Init())
	press(t, m, "9", "9")
	head := ansi.Strip(strings.Split(m.View(), "\n")[1])
	dsc := m.Styles.Glyphs.SortDsc
	if !strings.HasSuffix(strings.TrimRight(head, " "), "RISK"+dsc) {
		t.Fatalf("header %q: want RISK%s at the end", head, dsc)
	}
}

// An 80-column footer has room for three of a view's keys: find, mark
// and delete, the same in every list.
func TestFooterLeadsWithFilterMarkDelete(t *testing.T) {
	k := NewKeyMap(false, "", nil)
	var got []string
	for _, b := range k.ShortHelp()[:3] {
		got = append(got, b.Help().Key+" "+b.Help().Desc)
	}
	if strings.Join(got, " · ") != "/ filter · space mark · d delete" {
		t.Fatalf("footer starts %q", got)
	}
}
