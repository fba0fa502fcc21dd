package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/sandbox"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/sourceapps"
	"github.com/sailtui/sailtui/ui/data/stale"
)

// reportTenant is a standalone sandbox and the environment that reaches it
// as the admin (or, user, as an identity without the "all tokens" right).
func reportTenant(t *testing.T, user bool) (env func(string) (string, bool), admin *client.Client) {
	t.Helper()
	srv, err := sandbox.New(sandbox.Options{Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	base, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	a, u := srv.Credentials()
	who := a
	if user {
		who = u
	}
	if admin, err = client.New(client.Config{BaseURL: base, ClientID: a.ClientID, ClientSecret: a.ClientSecret}); err != nil {
		t.Fatal(err)
	}
	return envOf("SAIL_BASE_URL", base, "SAIL_CLIENT_ID", who.ClientID, "SAIL_CLIENT_SECRET", who.ClientSecret,
		"XDG_STATE_HOME", t.TempDir()), admin
}

func TestReportTokensToStdoutWithoutATerminal(t *testing.T) {
	env, admin := reportTenant(t, false)
	code, out, errs := runT(t, []string{"report", "tokens", "--stale", "--filter", "job"}, env)
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("stdout is not CSV: %v\n%s", err, out)
	}
	all, err := admin.ListPATs(context.Background(), client.ListPATsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := pats.Select(all, time.Now(), stale.DefaultAfter, true, "job")
	if len(want) == 0 || len(recs) != len(want)+1 || strings.Join(recs[0], ",") != strings.Join(pats.ReportColumns(), ",") {
		t.Fatalf("%d records for %d tokens; header %v", len(recs), len(want), recs[0])
	}
	for i, tok := range want {
		if recs[i+1][0] != tok.ID || recs[i+1][15] != "true" {
			t.Errorf("row %d: %v, want %s (stale)", i, recs[i+1][:2], tok.ID)
		}
	}
}

func TestReportTokensToAFile(t *testing.T) {
	env, _ := reportTenant(t, false)
	path := filepath.Join(t.TempDir(), "r.json")
	code, out, errs := runT(t, []string{"report", "tokens", "-o", path}, env)
	if code != exitOK || out != "" || !strings.Contains(errs, "written to "+path) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(data, &rows); err != nil || len(rows) == 0 {
		t.Fatalf("json %v (%d rows)", err, len(rows))
	}
	// Never replaced: the second run fails and the file is as it was.
	code, _, errs = runT(t, []string{"report", "tokens", "-o", path}, env)
	if code != exitFailure || !strings.Contains(errs, "already exists") {
		t.Fatalf("second run: exit %d, %q", code, errs)
	}
	if again, _ := os.ReadFile(path); string(again) != string(data) {
		t.Fatal("report replaced")
	}
}

// Without the "all tokens" right the error says what to do; --mine works.
func TestReportForbiddenSuggestsMine(t *testing.T) {
	env, _ := reportTenant(t, true)
	code, out, errs := runT(t, []string{"report", "tokens", "--format", "json"}, env)
	if code != exitFailure || out != "" || !strings.Contains(errs, "403") || !strings.Contains(errs, "--mine") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, errs = runT(t, []string{"report", "tokens", "--mine", "--format", "json"}, env)
	var rows []map[string]any
	if code != exitOK || json.Unmarshal([]byte(out), &rows) != nil {
		t.Fatalf("--mine: exit %d, stderr %q", code, errs)
	}
}

func TestReportUsageErrors(t *testing.T) {
	env := envOf("XDG_STATE_HOME", t.TempDir())
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report"}, "say what to report"},
		{[]string{"report", "identities"}, "unknown report"},
		{[]string{"report", "apps", "--demo", "--list", "mine"}, "use all, assigned or available"},
		{[]string{"report", "apps", "--demo", "--server-filter", `accountSource.id eq "x"`}, "list of available for request takes it (--list available)"},
		{[]string{"report", "apps", "--demo", "--stale"}, "sailtui report apps --help"},
		{[]string{"report", "tokens", "--demo", "--format", "xml"}, "csv or json"},
		{[]string{"report", "tokens", "--demo", "--format", "json", "-o", "/tmp/x.csv"}, "names csv"},
		{[]string{"report", "tokens", "--demo", "-o", "/tmp/x"}, ".csv or .json"},
		{[]string{"report", "tokens", "--demo", "-o", "/nonexistent-folder/x.csv"}, "the folder /nonexistent-folder does not exist"},
		{[]string{"report", "tokens", "--bogus"}, "sailtui report tokens --help"},
		{[]string{"report", "tokens"}, "SAIL_BASE_URL"},
	} {
		code, out, errs := runT(t, c.args, env)
		if code != exitUsage || out != "" || !strings.Contains(errs, c.want) || strings.Contains(errs, "switches lists") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q (want %q)", c.args, code, out, errs, c.want)
		}
	}
}

// The real binary against `sailtui sandbox` in its own process, with no
// terminal anywhere (as from cron): exit codes, stdout, stderr.
func TestReportBinaryAgainstStandaloneSandbox(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped in -short mode")
	}
	dir := t.TempDir()
	bin, base, id, secret, _ := binaryAndSandbox(t, dir)
	run := func(env []string, args ...string) (int, string, string) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "XDG_STATE_HOME=" + dir}, env...)
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, out.String(), errb.String()
	}
	creds := []string{"SAIL_BASE_URL=" + base, "SAIL_CLIENT_ID=" + id, "SAIL_CLIENT_SECRET=" + secret}
	code, out, errs := run(creds, "report", "tokens", "--stale", "--format", "json")
	var rows []map[string]any
	if code != 0 || errs != "" || json.Unmarshal([]byte(out), &rows) != nil || len(rows) == 0 {
		t.Fatalf("exit %d, stderr %q, stdout %.200q", code, errs, out)
	}
	for _, r := range rows {
		if r["stale"] != true {
			t.Fatalf("--stale reported %v", r)
		}
	}
	code, out, errs = run([]string{"SAIL_BASE_URL=" + base, "SAIL_CLIENT_ID=" + id, "SAIL_CLIENT_SECRET=wrong"}, "report", "tokens")
	if code != exitFailure || out != "" || !strings.Contains(errs, "sign-in failed") {
		t.Fatalf("bad secret: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if strings.Contains(errs, "wrong") {
		t.Fatal("the secret reached stderr")
	}
}

// report apps lists every page of the chosen list, applies the server and
// fuzzy filters, and writes the view's columns; a non-admin's /all is
// refused with a hint at the lists that need less.
func TestReportApps(t *testing.T) {
	env, admin := reportTenant(t, false)
	code, out, errs := runT(t, []string{"report", "apps", "--server-filter", "enabled eq true", "--format", "json"}, env)
	if code != exitOK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, out)
	}
	all, err := admin.SourceApps(client.ListAppsOptions{List: client.AppsAll}).All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	enabled := 0
	for _, a := range all {
		if a.Enabled {
			enabled++
		}
	}
	if len(rows) != enabled || enabled == 0 {
		t.Fatalf("%d rows, %d enabled apps", len(rows), enabled)
	}
	for _, r := range rows {
		if r["enabled"] != true {
			t.Fatalf("row %v", r)
		}
	}
	userEnv, _ := reportTenant(t, true)
	code, _, errs = runT(t, []string{"report", "apps"}, userEnv)
	if code != exitFailure || !strings.Contains(errs, "--list available") {
		t.Fatalf("non-admin /all: exit %d, stderr %q", code, errs)
	}
	code, out, errs = runT(t, []string{"report", "apps", "--list", "available"}, userEnv)
	if code != exitOK || !strings.HasPrefix(out, strings.Join(sourceapps.ReportColumns(), ",")) {
		t.Fatalf("available: exit %d, stderr %q\n%s", code, errs, out)
	}
}
