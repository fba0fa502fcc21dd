package tokens

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/themes"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

// testNow is the pinned clock of every test.
var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return testNow }

func daysAgo(d int) time.Time { return testNow.Add(-time.Duration(d) * 24 * time.Hour) }

func ptr[T any](v T) *T { return &v }

// testStyles pins the colour profile and background so goldens are stable.
func testStyles(t themes.Theme) *themes.Styles { return commontest.Styles(t, termenv.ANSI256) }

// fixture is a small tenant: fresh, stale, never used, expired, managed,
// and awkward names.
func fixture() []client.PersonalAccessToken {
	owner := func(n string) client.PatOwner { return client.PatOwner{Type: "IDENTITY", ID: "id-" + n, Name: n} }
	return []client.PersonalAccessToken{
		{ID: "t1", Name: "ci-deploy", Owner: owner("alice"), Scope: []string{"sp:scopes:all"}, Created: daysAgo(400), LastUsed: ptr(daysAgo(1))},
		{ID: "t2", Name: "old-report", Owner: owner("bob"), Scope: []string{"sp:scopes:default", "idn:sources:read"}, Created: daysAgo(500), LastUsed: ptr(daysAgo(200))},
		{ID: "t3", Name: "never-touched", Owner: owner("carol"), Created: daysAgo(120)},
		{ID: "t4", Name: "brand-new", Owner: owner("alice"), Created: daysAgo(3)},
		{ID: "t5", Name: "expired-one", Owner: owner("dave"), Created: daysAgo(100), LastUsed: ptr(daysAgo(10)), ExpirationDate: ptr(daysAgo(2))},
		{ID: "t6", Name: "platform-managed", Owner: owner("system"), Managed: true, Created: daysAgo(700), LastUsed: ptr(daysAgo(365))},
		{ID: "t7", Name: "evil\x1b]0;pwned\x07name\x1b[31m", Owner: owner("mallory\x1b[2J"), Created: daysAgo(30), LastUsed: ptr(daysAgo(5)), ExpirationDate: ptr(testNow.Add(40 * 24 * time.Hour))},
		{ID: "t8", Name: "名前 unicode ✓ with a very long name that will not fit in its column at all", Owner: owner("erin"), Created: daysAgo(95), UserAwareTokenNeverExpires: true},
	}
}

// fakeService is an in-memory Service.
type fakeService struct {
	mu        sync.Mutex
	toks      []client.PersonalAccessToken
	forbidAll bool
	calls     []client.ListPATsOptions
	deleted   []string
	createErr error
	created   []client.CreatePATRequest
	listErr   error // every list fails with it
	// listsFailAfterDelete: once a token is deleted, every list fails
	// (a tenant failing mid-run).
	listsFailAfterDelete bool
	patchErr             error // every patch fails with it
	patches              []patchdiff.Patch
	bulks                [][]string // each bulk update's ids
	noBulk               bool       // a tenant without the bulk update
	// lostDeletes are deletes whose answer is lost (outcome unknown): true
	// ones happen on the server, false ones do not; checkErr fails the
	// check after the run.
	lostDeletes map[string]bool
	checkErr    error
}

func (f *fakeService) ListPATs(_ context.Context, o client.ListPATsOptions) ([]client.PersonalAccessToken, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, o)
	if f.listErr != nil {
		return nil, f.listErr
	}
	if o.OwnerID == "" && f.forbidAll {
		return nil, &client.APIError{Status: 403, Method: "GET", Path: "/personal-access-tokens/v1",
			DetailCode: "403 Forbidden", TrackingID: "trk1",
			Messages: []client.ErrorMessage{{Text: "The server understood the request but refuses to authorize it."}}}
	}
	var out []client.PersonalAccessToken
	for _, t := range f.toks {
		if o.OwnerID == "me" && t.Owner.ID != "id-alice" {
			continue
		}
		out = append(out, t)
	}
	return out, nil
}

func (f *fakeService) CreatePAT(_ context.Context, r client.CreatePATRequest) (*client.CreatedPAT, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.created = append(f.created, r)
	if f.createErr != nil {
		return nil, f.createErr
	}
	return &client.CreatedPAT{ID: "new1", Secret: "s3cr3t", Name: r.Name, Created: testNow}, nil
}

// DeletePATs runs the real executor, one item at a time (a stable order),
// over deleteOne: intents (opts.Before) and settling run as in production.
func (f *fakeService) DeletePATs(ctx context.Context, ids []string, opts client.BulkOptions, on func(client.BulkEvent)) client.BulkSummary {
	return runSerially(ctx, ids, f.deleteOne, opts, on)
}

// runSerially is client.RunBulk with one worker and the test clock.
func runSerially(ctx context.Context, ids []string, op client.BulkOp, opts client.BulkOptions, on func(client.BulkEvent)) client.BulkSummary {
	opts.Concurrency, opts.Now = 1, func() time.Time { return testNow }
	return client.RunBulk(ctx, ids, op, opts, on)
}

func (f *fakeService) deleteOne(_ context.Context, id string) (client.Outcome, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if happened, lost := f.lostDeletes[id]; lost {
		unknown := fmt.Errorf("DELETE %s: 502: %w", id, client.ErrOutcomeUnknown)
		if !happened {
			return client.Outcome{}, unknown
		}
		defer func() { f.deleted = append(f.deleted, id) }()
		f.toks = slices.DeleteFunc(f.toks, func(t client.PersonalAccessToken) bool { return t.ID == id })
		return client.Outcome{}, unknown
	}
	f.deleted = append(f.deleted, id)
	if f.listsFailAfterDelete {
		f.listErr = &client.APIError{Status: 503}
	}
	kept := f.toks[:0]
	for _, t := range f.toks {
		if t.ID != id {
			kept = append(kept, t)
		}
	}
	f.toks = kept
	return client.Outcome{Status: 204, TrackingID: "trk-" + id}, nil
}

func (f *fakeService) PresentPATs(_ context.Context, _ string, ids []string) (map[string]bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.checkErr != nil {
		return nil, f.checkErr
	}
	present := map[string]bool{}
	for _, t := range f.toks {
		if slices.Contains(ids, t.ID) {
			present[t.ID] = true
		}
	}
	return present, nil
}

// newTestModel returns a loaded view at 120×30 over the fixture.
func newTestModel(t *testing.T, svc *fakeService, opts Options) *Model {
	t.Helper()
	if svc == nil {
		svc = &fakeService{toks: fixture()}
	}
	opts.Service = svc
	c := common.New(testStyles(themes.Default()), clock)
	m := New(c, opts)
	m.SetSize(120, 30)
	drain(t, m, m.Init())
	return m
}

// drain runs cmd and feeds the view every message it produces that the
// view handles itself (loads, computations, bulk events), recursively.
// Shell messages (toasts, modals) are collected and returned.
func drain(t *testing.T, m *Model, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	return drainObserving(t, m, cmd, nil)
}

// drainObserving is drain that also shows observe every message it handles
// (shell messages excluded) before the view gets it.
func drainObserving(t *testing.T, m *Model, cmd tea.Cmd, observe func(tea.Msg)) []tea.Msg {
	t.Helper()
	return commontest.Drain(cmd, m.Update, observe)
}

func keyMsg(s string) tea.KeyMsg { return commontest.Key(s) }

// press sends keys (one message each) and drains their commands.
func press(t *testing.T, m *Model, keys ...string) []tea.Msg {
	t.Helper()
	var shell []tea.Msg
	for _, k := range keys {
		shell = append(shell, drain(t, m, m.Update(keyMsg(k)))...)
	}
	return shell
}

// typeText sends each rune as its own key message.
func typeText(t *testing.T, m *Model, s string) {
	t.Helper()
	for _, r := range s {
		drain(t, m, m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}))
	}
}

// commonForTest is the Common the view tests build on: pinned styles and
// the test clock.
func commonForTest() common.Common { return common.New(testStyles(themes.Default()), clock) }

// PatchPATOutcome applies ops to the stored token as the server does:
// strict JSON Patch, a failed test is a 400 naming it.
func (f *fakeService) PatchPATOutcome(_ context.Context, id string, ops patchdiff.Patch) (*client.PersonalAccessToken, client.Outcome, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.patches = append(f.patches, ops)
	if f.patchErr != nil {
		return nil, client.Outcome{}, f.patchErr
	}
	for i := range f.toks {
		if f.toks[i].ID != id {
			continue
		}
		doc, _ := json.Marshal(f.toks[i])
		p := make(patchdiff.Patch, len(ops))
		for j, op := range ops {
			p[j] = patchdiff.Op{Op: op.Op, Path: op.Path, Value: op.Value}
		}
		out, err := patchdiff.Apply(doc, p)
		if err != nil {
			return nil, client.Outcome{}, &client.APIError{Status: 400, DetailCode: "400.1 Bad Request Content", TrackingID: "trk-test",
				Messages: []client.ErrorMessage{{Text: "Test operation failed: " + err.Error()}}}
		}
		var tok client.PersonalAccessToken
		if err := json.Unmarshal(out, &tok); err != nil {
			return nil, client.Outcome{}, err
		}
		f.toks[i] = tok
		return &tok, client.Outcome{Status: 200, TrackingID: "trk-patch"}, nil
	}
	return nil, client.Outcome{}, &client.APIError{Status: 404, Messages: []client.ErrorMessage{{Text: "not found"}}}
}

// PatchPATs runs the real executor over PatchPATOutcome, one at a time.
func (f *fakeService) PatchPATs(ctx context.Context, patches map[string]patchdiff.Patch, ids []string,
	opts client.BulkOptions, on func(client.BulkEvent)) client.BulkSummary {
	return runSerially(ctx, ids, func(ctx context.Context, id string) (client.Outcome, error) {
		_, out, err := f.PatchPATOutcome(ctx, id, patches[id])
		return out, err
	}, opts, on)
}

// BulkUpdatePATs applies one expiry patch to every token, all or none, as
// the admin bulk update does; bulks records each request's ids.
func (f *fakeService) BulkUpdatePATs(_ context.Context, req client.PATBulkUpdate) ([]client.PersonalAccessToken, client.Outcome, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.bulks = append(f.bulks, slices.Clone(req.IDs))
	if f.noBulk {
		return nil, client.Outcome{}, &client.APIError{Status: 404, Messages: []client.ErrorMessage{{Text: "not found"}}}
	}
	next := slices.Clone(f.toks)
	var out []client.PersonalAccessToken
	for _, id := range req.IDs {
		i := slices.IndexFunc(next, func(t client.PersonalAccessToken) bool { return t.ID == id })
		if i < 0 {
			return nil, client.Outcome{}, &client.APIError{Status: 400, Messages: []client.ErrorMessage{{Text: "token " + id + " does not exist"}}}
		}
		tok := next[i]
		for _, op := range req.Patch {
			switch {
			case op.Path == "/expirationDate" && op.Op == "remove":
				tok.ExpirationDate = nil
			case op.Path == "/expirationDate":
				var at *time.Time
				if err := json.Unmarshal(op.Value, &at); err != nil {
					return nil, client.Outcome{}, err
				}
				tok.ExpirationDate = at
			case op.Path == "/userAwareTokenNeverExpires":
				tok.UserAwareTokenNeverExpires = op.Op == "replace" && string(op.Value) == "true"
			default:
				return nil, client.Outcome{}, &client.APIError{Status: 400, Messages: []client.ErrorMessage{{Text: op.Path + " cannot be bulk updated"}}}
			}
		}
		next[i] = tok
		out = append(out, tok)
	}
	f.toks = next
	return out, client.Outcome{Status: 200, TrackingID: "trk-bulk"}, nil
}
