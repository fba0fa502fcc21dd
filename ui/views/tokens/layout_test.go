package tokens

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/ui/common/commontest"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/list/columns"
)

// The glyph columns and the two times that decide staleness are never
// cut: CREATED goes first, then SCOPES, then owner and name shrink.
func TestLayoutKeepsGlyphColumns(t *testing.T) {
	sp := specs()
	for width := 50; width <= 220; width++ {
		w := layout(width)
		if tw := columns.Total(w); tw != width {
			t.Fatalf("width %d: columns take %d", width, tw)
		}
		for _, c := range []pats.Column{pats.ColMark, pats.ColLastUsed, pats.ColExpires, pats.ColManaged, pats.ColStale} {
			if w[c] != sp[c].width {
				t.Fatalf("width %d: %s is %d wide, want %d", width, sp[c].title, w[c], sp[c].width)
			}
		}
		if w[pats.ColScopes] > 0 && w[pats.ColCreated] == 0 && w[pats.ColName] < sp[pats.ColName].width {
			t.Fatalf("width %d: name shrank while scopes are still shown: %v", width, w)
		}
		if w[pats.ColScopes] == 0 && w[pats.ColCreated] > 0 {
			t.Fatalf("width %d: scopes hidden before created: %v", width, w)
		}
	}
	full := layout(120)
	for c := range pats.NumColumns {
		if full[c] < sp[c].width {
			t.Fatalf("120 columns: %s below its base: %v", sp[c].title, full)
		}
	}
	if w := layout(70); w[pats.ColCreated] != 0 || w[pats.ColScopes] == 0 {
		t.Errorf("70 columns: %v, want CREATED hidden and SCOPES shown", w)
	}
	if w := layout(60); w[pats.ColCreated] != 0 || w[pats.ColScopes] != 0 || w[pats.ColName] < sp[pats.ColName].width {
		t.Errorf("60 columns: %v, want CREATED and SCOPES hidden, name at its base", w)
	}
	if w := layout(40); w[pats.ColOwner] != sp[pats.ColOwner].floor || w[pats.ColName] != sp[pats.ColName].floor {
		t.Errorf("40 columns: %v, want owner and name at their floors", w)
	}
}

// TestViewWidths snapshots the table in plain text (Ascii profile) at the
// widths people run it at: every header and row ends with the MGD and
// STALE columns whole (then RISK, where it fits), and the cursor row is
// marked without colour.
func TestViewWidths(t *testing.T) {
	for _, size := range [][2]int{{60, 15}, {70, 20}, {80, 20}, {120, 14}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			svc := &fakeService{toks: fixture()}
			m := New(commontest.Common(termenv.Ascii, clock), Options{Service: svc})
			m.SetSize(size[0], size[1])
			drain(t, m, m.Init())
			press(t, m, "down", "space", "down") // space marks and moves on
			v := m.View()
			lines := strings.Split(v, "\n")
			if !strings.HasSuffix(strings.TrimRight(lines[1], " "), "MGD STALE RISK") && !strings.HasSuffix(strings.TrimRight(lines[1], " "), "MGD STALE") {
				t.Errorf("header cut: %q", lines[1])
			}
			for i, l := range lines {
				if lw := ansi.StringWidth(l); lw > size[0] {
					t.Errorf("line %d is %d wide: %q", i, lw, l)
				}
			}
			if !strings.HasPrefix(lines[5], "›  ") || !strings.HasPrefix(lines[3], " ● ") {
				t.Errorf("cursor or mark gutter missing:\n%s", v)
			}
			golden.RequireEqual(t, []byte(v))
		})
	}
}
