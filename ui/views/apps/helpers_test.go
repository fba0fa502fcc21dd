package apps

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common/commontest"
)

var testNow = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return testNow }

// fakeService is an in-memory tenant: lists page through apps, and every
// change is recorded.
type fakeService struct {
	mu        sync.Mutex
	apps      []client.SourceApp
	profiles  map[string][]client.AccessProfileDetails
	listErr   error          // for /all
	lists     []string       // "list offset" of each list call
	bulk      [][]string     // app ids of each bulk-update
	patches   map[string]int // PATCHes per app
	createErr error          // the answer to every create
	lostAfter int            // > 0: the first bulk-update applies to this many apps, then its answer is lost
	lost      bool           // that has happened
}

func (f *fakeService) ListSourceApps(_ context.Context, o client.ListAppsOptions) (client.Page[client.SourceApp], error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lists = append(f.lists, fmt.Sprintf("%s %d", o.List, o.Offset))
	if o.List == client.AppsAll && f.listErr != nil {
		return client.Page[client.SourceApp]{}, f.listErr
	}
	limit := o.Limit
	if limit == 0 {
		limit = 250
	}
	lo, hi := min(o.Offset, len(f.apps)), min(o.Offset+limit, len(f.apps))
	total := -1
	if o.Count {
		total = len(f.apps)
	}
	return client.Page[client.SourceApp]{Items: slices.Clone(f.apps[lo:hi]), Offset: o.Offset, Total: total}, nil
}

func (f *fakeService) find(id string) (int, error) {
	for i := range f.apps {
		if f.apps[i].ID == id {
			return i, nil
		}
	}
	return -1, &client.APIError{Status: 404}
}

func (f *fakeService) GetSourceApp(_ context.Context, id string) (*client.SourceApp, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	i, err := f.find(id)
	if err != nil {
		return nil, err
	}
	a := f.apps[i]
	return &a, nil
}

func (f *fakeService) CreateSourceAppOutcome(_ context.Context, r client.SourceAppCreate) (*client.SourceApp, client.Outcome, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.createErr != nil {
		return nil, client.Outcome{Status: 400}, f.createErr
	}
	a := client.SourceApp{ID: fmt.Sprintf("new%d", len(f.apps)), Name: r.Name, Description: r.Description,
		AccountSource: &client.AccountSource{ID: r.AccountSource.ID}, Created: testNow, Modified: testNow, AppCenterEnabled: true}
	f.apps = append(f.apps, a)
	return &a, client.Outcome{Status: 200, TrackingID: "tc"}, nil
}

func (f *fakeService) PatchSourceAppOutcome(_ context.Context, id string, ops patchdiff.Patch) (*client.SourceApp, client.Outcome, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	i, err := f.find(id)
	if err != nil {
		return nil, client.Outcome{}, err
	}
	if f.patches == nil {
		f.patches = map[string]int{}
	}
	f.patches[id]++
	for _, op := range ops {
		if op.Path == "/enabled" {
			f.apps[i].Enabled = string(op.Value) == "true"
		}
	}
	a := f.apps[i]
	return &a, client.Outcome{Status: 200, TrackingID: "tp"}, nil
}

func (f *fakeService) DeleteSourceAppOutcome(_ context.Context, id string) (*client.SourceApp, client.Outcome, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	i, err := f.find(id)
	if err != nil {
		return nil, client.Outcome{}, err
	}
	a := f.apps[i]
	f.apps = slices.Delete(f.apps, i, i+1)
	return &a, client.Outcome{Status: 200, TrackingID: "td"}, nil
}

func (f *fakeService) BulkUpdateSourceAppsOutcome(_ context.Context, r client.BulkUpdateRequest) (out client.Outcome, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.bulk = append(f.bulk, slices.Clone(r.AppIDs))
	ids := r.AppIDs
	// The first request of more than lostAfter apps (two are in flight:
	// either may come first): applied to some, then the answer is lost.
	lost := f.lostAfter > 0 && !f.lost && len(ids) > f.lostAfter
	if lost {
		f.lost, ids = true, ids[:f.lostAfter]
	}
	defer func() {
		if lost {
			err = fmt.Errorf("POST /bulk-update: 503 and no retry left: %w", client.ErrOutcomeUnknown)
		}
	}()
	for _, id := range ids {
		i, err := f.find(id)
		if err != nil {
			return client.Outcome{}, err
		}
		for _, op := range r.JSONPatch {
			if op.Path == "/enabled" {
				f.apps[i].Enabled = string(op.Value) == "true"
			}
		}
	}
	return client.Outcome{Status: 204, TrackingID: "tb"}, nil
}

func (f *fakeService) ListAccessProfiles(_ context.Context, id string, o client.ListAccessProfilesOptions) ([]client.AccessProfileDetails, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	ps := f.profiles[id]
	lo := min(o.Offset, len(ps))
	return slices.Clone(ps[lo:]), nil
}

func (f *fakeService) RemoveAccessProfilesOutcome(_ context.Context, id string, ids []string) ([]client.AccessProfileDetails, client.Outcome, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	left := slices.DeleteFunc(slices.Clone(f.profiles[id]), func(p client.AccessProfileDetails) bool { return slices.Contains(ids, p.ID) })
	f.profiles[id] = left
	return left, client.Outcome{Status: 200}, nil
}

// fixture is a small tenant with awkward names.
func fixture() []client.SourceApp {
	ref := func(id, name string) *client.BaseReference {
		return &client.BaseReference{Type: "IDENTITY", ID: id, Name: name}
	}
	src := func(id, name string) *client.AccountSource {
		return &client.AccountSource{ID: id, Name: name, Type: "SOURCE"}
	}
	at := func(days int) time.Time { return testNow.AddDate(0, 0, -days) }
	return []client.SourceApp{
		{ID: "a1", Name: "Payroll Portal", Description: "Pay slips", Enabled: true, AppCenterEnabled: true,
			Owner: ref("o1", "Ada Lovelace"), AccountSource: src("s1", "Workday HR"), Created: at(400), Modified: at(3)},
		{ID: "a2", Name: "GitHub Enterprise", Description: "Code", Enabled: true, ProvisionRequestEnabled: true, AppCenterEnabled: true,
			Owner: ref("o2", "Grace Hopper"), AccountSource: src("s2", "GitHub"), Created: at(90), Modified: at(30)},
		{ID: "a3", Name: "evil\x1b[2Jname\x07", Description: "line one\nline two", Enabled: false,
			Owner: ref("o3", "Mallory"), AccountSource: src("s3", "Active Directory"), Created: at(800), Modified: at(700)},
		{ID: "a4", Name: "Zoom", Description: "Video", Enabled: true, AppCenterEnabled: false,
			Owner: nil, AccountSource: nil, Created: at(10), Modified: at(1)},
		{ID: "a5", Name: "Très long — a very long name that will not fit in any column at all", Enabled: false, AppCenterEnabled: true,
			Owner: ref("o1", "Ada Lovelace"), AccountSource: src("s1", "Workday HR"), Created: at(20), Modified: at(2)},
	}
}

// many is n plain apps, half enabled.
func many(n int) []client.SourceApp {
	out := make([]client.SourceApp, n)
	for i := range out {
		out[i] = client.SourceApp{ID: fmt.Sprintf("id%06d", i), Name: fmt.Sprintf("app %06d", i), Enabled: i%2 == 0,
			Owner:         &client.BaseReference{ID: fmt.Sprintf("o%d", i%7), Name: fmt.Sprintf("Owner %d", i%7)},
			AccountSource: &client.AccountSource{ID: fmt.Sprintf("s%d", i%5), Name: fmt.Sprintf("Source %d", i%5)},
			Created:       testNow.AddDate(0, 0, -i%900), Modified: testNow.AddDate(0, 0, -i%30)}
	}
	return out
}

func newTestModel(t *testing.T, svc *fakeService, opts Options) *Model {
	t.Helper()
	if svc == nil {
		svc = &fakeService{apps: fixture()}
	}
	opts.Service = svc
	m := New(commontest.Common(termenv.Ascii, clock), opts)
	m.SetSize(120, 14)
	drain(t, m, m.Init())
	return m
}

func drain(t *testing.T, m *Model, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	return commontest.Drain(cmd, m.Update, nil)
}

func press(t *testing.T, m *Model, keys ...string) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	for _, k := range keys {
		out = append(out, drain(t, m, m.Update(commontest.Key(k)))...)
	}
	return out
}

func typeText(t *testing.T, m *Model, s string) {
	t.Helper()
	for _, r := range s {
		drain(t, m, m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}))
	}
}

type clientApp = client.SourceApp

var errTest = fmt.Errorf("boom")
