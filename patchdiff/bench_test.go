package patchdiff

import "testing"

// Benchmarks: go test -run '^$' -bench . -benchmem -count 5 ./patchdiff/
// Goal: Diff (generation plus verification) under 20 µs for a PAT.

func benchmarkDiff(b *testing.B, before, after string, rules Rules) {
	bb, ab := []byte(before), []byte(after)
	if r, err := Diff(bb, ab, rules); err != nil || len(r.Patch) == 0 {
		b.Fatalf("setup: %v (%d ops)", err, len(r.Patch))
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(bb) + len(ab)))
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := Diff(bb, ab, rules); err != nil {
			b.Fatal(err)
		}
	}
}

// reportCPU adds a cpu-ns/op metric (process CPU time per op) when the
// returned func runs after the loop.
func reportCPU(b *testing.B) func() {
	start, ok := processCPU()
	return func() {
		if end, ok2 := processCPU(); ok && ok2 && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
		}
	}
}

// A PAT made never-expiring and renamed: three guarded replaces.
func BenchmarkDiffPAT(b *testing.B) {
	after := edit(b, patDoc, map[string]string{"name": `"Nightly export"`, "expirationDate": `null`, "userAwareTokenNeverExpires": `true`})
	benchmarkDiff(b, patDoc, after, PATRules(true))
}

// A source app with a new owner, a flag flipped and new access profiles.
func BenchmarkDiffSourceApp(b *testing.B) {
	after := edit(b, appDoc, map[string]string{"owner": `{"id":"u2"}`, "enabled": `false`, "accessProfiles": `["ap1","ap3"]`, "description": `"Payroll (EU)"`})
	benchmarkDiff(b, appDoc, after, SourceAppRules())
}

func BenchmarkPreviewSourceApp(b *testing.B) {
	after := edit(b, appDoc, map[string]string{"owner": `{"id":"u2"}`, "enabled": `false`, "accessProfiles": `["ap1","ap3"]`})
	r, err := Diff([]byte(appDoc), []byte(after), SourceAppRules())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		_ = Preview([]byte(appDoc), r)
	}
}

// Apply of the patch BenchmarkDiffPAT makes: parsing, the wire round trip
// (encode, DecodePatch) and one strict evanphx apply to the whole document.
// Diff's verification skips the round trip (see evanphxOps) and applies to
// the allow-listed members it touches (see applyProjected).
func BenchmarkApplyPAT(b *testing.B) {
	after := edit(b, patDoc, map[string]string{"name": `"Nightly export"`, "expirationDate": `null`, "userAwareTokenNeverExpires": `true`})
	r, err := Diff([]byte(patDoc), []byte(after), PATRules(true))
	if err != nil {
		b.Fatal(err)
	}
	doc := []byte(patDoc)
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := Apply(doc, r.Patch); err != nil {
			b.Fatal(err)
		}
	}
}

// evanphx/json-patch's strict apply of BenchmarkDiffPAT's ops to the whole
// document: what Diff's verification would cost without the projection.
// The ratio BenchmarkDiffPAT / BenchmarkEvanphxApplyPAT changes little with
// the machine's load.
func BenchmarkEvanphxApplyPAT(b *testing.B) {
	after := edit(b, patDoc, map[string]string{"name": `"Nightly export"`, "expirationDate": `null`, "userAwareTokenNeverExpires": `true`})
	r, err := Diff([]byte(patDoc), []byte(after), PATRules(true))
	if err != nil {
		b.Fatal(err)
	}
	doc, err := parseDocument([]byte(patDoc))
	if err != nil {
		b.Fatal(err)
	}
	ops := evanphxOps(r.Patch)
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := applyOps(doc.compact, ops); err != nil {
			b.Fatal(err)
		}
	}
}

// Diff's verification apply alone: evanphx on the allow-listed members the
// patch touches, spliced back into the document (applyProjected).
func BenchmarkProjectedApplyPAT(b *testing.B) {
	after := edit(b, patDoc, map[string]string{"name": `"Nightly export"`, "expirationDate": `null`, "userAwareTokenNeverExpires": `true`})
	rules := PATRules(true)
	r, err := Diff([]byte(patDoc), []byte(after), rules)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := parseDocument([]byte(patDoc))
	if err != nil {
		b.Fatal(err)
	}
	fields, err := rules.compile()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := applyProjected(doc, fields, r.Patch); err != nil {
			b.Fatal(err)
		}
	}
}
