package main

import (
	"bytes"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// sailEnvNames are the environments of the sail CLI's file at path,
// lower-cased and sorted; none when there is no file or it cannot be
// read (the start already said why, if it mattered).
func sailEnvNames(path string) []string {
	if path == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var f sailFile
	if yaml.Unmarshal(data, &f) != nil {
		return nil
	}
	var names []string
	for n := range f.Environments {
		names = append(names, strings.ToLower(n))
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// switchConfig is the configuration of environment name, resolved as if
// sailtui had been started with --env name and the same other flags: the
// tenant comes from the sail CLI's file and keyring (the SAIL_* variables
// and --base-url/--client-id named the old tenant, so they do not
// apply), the settings file's section for name applies, and prod stays
// read-only without --write. problem is what stops the switch.
func switchConfig(args []string, name string, getenv func(string) (string, bool)) (cfg config, problem string) {
	next := append(withoutFlags(args, "env", "base-url", "client-id"), "--env", name)
	hidden := func(k string) (string, bool) {
		if strings.HasPrefix(k, "SAIL_") {
			return "", false
		}
		return getenv(k)
	}
	var out, errs bytes.Buffer
	cfg, _, ok := parseFlagsKeyring("sailtui", nil, next, hidden, &out, &errs, osKeyring)
	if !ok {
		return cfg, strings.TrimSpace(strings.ReplaceAll(strings.TrimPrefix(errs.String(), "sailtui: "), "\nsailtui: ", "; "))
	}
	return cfg, ""
}

// withoutFlags drops the named flags (--name value and --name=value, one
// or two dashes) from args.
func withoutFlags(args []string, names ...string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		flagName, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || !slices.Contains(names, flagName) {
			out = append(out, a)
			continue
		}
		if !hasValue {
			i++ // its value is the next argument
		}
	}
	return out
}
