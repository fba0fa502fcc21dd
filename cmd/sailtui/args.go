package main

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// flagNames answers whether a name is a long flag or a shorthand.
type flagNames struct{ long, short map[string]bool }

// namesOf are fs's flag names, with help's.
func namesOf(fs ...*pflag.FlagSet) flagNames {
	n := flagNames{long: map[string]bool{"help": true}, short: map[string]bool{"h": true}}
	for _, f := range fs {
		f.VisitAll(func(fl *pflag.Flag) {
			n.long[fl.Name] = true
			if fl.Shorthand != "" {
				n.short[fl.Shorthand] = true
			}
		})
	}
	return n
}

// treeNames are the flag names of every command under root.
func treeNames(root *cobra.Command) flagNames {
	var sets []*pflag.FlagSet
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		sets = append(sets, c.Flags(), c.PersistentFlags())
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return namesOf(sets...)
}

// normalizeArgs keeps the spellings Go's flag package took, which
// scripts and habits use: one dash before a long name (-demo,
// -stale-after=30d, -help) and two before a one-letter one (--h, --o).
// pflag would read -demo as -d -e -m -o. Only known names are touched,
// and nothing after "--".
func normalizeArgs(args []string, fs *pflag.FlagSet) []string {
	return normalizeWith(args, namesOf(fs))
}

func normalizeWith(args []string, n flagNames) []string {
	out := make([]string, len(args))
	copy(out, args)
	for i, a := range out {
		if a == "--" {
			break
		}
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch {
		case strings.HasPrefix(a, "--") && len(name) == 1 && n.short[name] && !n.long[name]:
			out[i] = a[1:]
		case !strings.HasPrefix(a, "--") && strings.HasPrefix(a, "-") && len(name) > 1 && n.long[name]:
			out[i] = "-" + a
		}
	}
	return out
}
