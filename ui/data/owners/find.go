package owners

import (
	"strings"

	"github.com/sailtui/sailtui/ui/data/sanitize"
)

// Find is the one identity of known (id → name) that arg names: its id,
// its whole name in any case, or else a unique start of a name. Where
// none or several match, why says so, naming where sailtui looked
// ("among the loaded tokens").
func Find(known map[string]string, arg, where string) (id, why string) {
	arg = strings.TrimSpace(arg)
	if _, ok := known[arg]; ok {
		return arg, ""
	}
	want := strings.ToLower(arg)
	var exact, prefix []string
	for id, n := range known {
		switch name := strings.ToLower(sanitize.Line(n)); {
		case name == want:
			exact = append(exact, id)
		case strings.HasPrefix(name, want):
			prefix = append(prefix, id)
		}
	}
	switch {
	case len(exact) == 1:
		return exact[0], ""
	case len(exact) == 0 && len(prefix) == 1:
		return prefix[0], ""
	case len(exact)+len(prefix) == 0:
		return "", "No identity " + arg + " " + where
	}
	return "", "More than one identity matches " + arg + ": type more of the name, or the id"
}

// Describe names an identity and, when read, who they are: "Ada Lovelace
// · left (Terminated) · manager Grace Hopper".
func Describe(name string, i Info, read bool) string {
	text := sanitize.Line(name)
	if !read {
		return text
	}
	text += " · " + i.Label()
	if i.Manager != "" {
		text += " · manager " + sanitize.Line(i.Manager)
	}
	return text
}
