package main

import (
	"bytes"
	"os"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sailtui/sailtui/ui/shell"
)

// sailEnvNames are the environments of the sail CLI's file at path,
// lower-cased and sorted; none when there is no file or it cannot be
// read (the start already said why, if it mattered).
func sailEnvNames(path string) []string {
	f, ok := readSailFile(path)
	if !ok {
		return nil
	}
	var names []string
	for n := range f.Environments {
		names = append(names, strings.ToLower(n))
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// readSailFile reads the sail CLI's file at path; false when there is
// none or it cannot be read.
func readSailFile(path string) (sailFile, bool) {
	var f sailFile
	if path == "" {
		return f, false
	}
	data, err := os.ReadFile(path)
	if err != nil || yaml.Unmarshal(data, &f) != nil {
		return f, false
	}
	return f, true
}

// sailEnvChoices are names as the :env picker shows them: each
// environment's base URL and whether a session there would start
// read-only, and why (by the same rules as a start with --env NAME).
func sailEnvChoices(names []string, cfg config, getenv func(string) (string, bool)) []shell.EnvChoice {
	f, _ := readSailFile(sailConfigPath(getenv))
	st, err := loadSettings(settingsPath(getenv), themeDir(getenv))
	if err != nil {
		st = &settings{}
	}
	base := map[string]string{}
	for n, e := range f.Environments {
		base[strings.ToLower(n)] = e.BaseURL
	}
	out := make([]shell.EnvChoice, 0, len(names))
	for _, n := range names {
		ch := shell.EnvChoice{Name: n, BaseURL: base[n]}
		switch {
		case cfg.readOnlyFlag:
			ch.ReadOnly, ch.Why = true, "--read-only (or readOnly: true in the settings) holds for every environment"
		case isTrue(st.envs[n]["read-only"]):
			ch.ReadOnly, ch.Why = true, "the settings make "+n+" read-only"
		default:
			if why := productionReadOnly(n, cfg.write); why != "" {
				ch.ReadOnly, ch.Why = true, why
			}
		}
		out = append(out, ch)
	}
	return out
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

func isTrue(v string) bool {
	b, err := strconv.ParseBool(v)
	return err == nil && b
}
