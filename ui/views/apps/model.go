// Package apps is the Apps view: source apps listed from /all, /assigned
// or the plain collection, loaded page by page in the background, with
// the shared fuzzy filter, marks, the edit loop (form, $EDITOR, preview,
// conflict, undo), quick toggles, bulk-update in chunks, create, delete,
// and the access profiles of one app in its details.
package apps

import (
	"context"
	"log/slog"
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/sourceapps"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/edit/editflow"
	"github.com/sailtui/sailtui/ui/list"
	"github.com/sailtui/sailtui/ui/widgets/bulkrun"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/export"
	"github.com/sailtui/sailtui/ui/widgets/ownerbook"
	"github.com/sailtui/sailtui/ui/widgets/resume"
)

// Service is the part of *client.Client this view uses.
type Service interface {
	ListSourceApps(ctx context.Context, opts client.ListAppsOptions) (client.Page[client.SourceApp], error)
	GetSourceApp(ctx context.Context, id string) (*client.SourceApp, error)
	CreateSourceAppOutcome(ctx context.Context, req client.SourceAppCreate) (*client.SourceApp, client.Outcome, error)
	PatchSourceAppOutcome(ctx context.Context, id string, ops patchdiff.Patch) (*client.SourceApp, client.Outcome, error)
	DeleteSourceAppOutcome(ctx context.Context, id string) (*client.SourceApp, client.Outcome, error)
	BulkUpdateSourceAppsOutcome(ctx context.Context, req client.BulkUpdateRequest) (client.Outcome, error)
	ListAccessProfiles(ctx context.Context, appID string, opts client.ListAccessProfilesOptions) ([]client.AccessProfileDetails, error)
	RemoveAccessProfilesOutcome(ctx context.Context, appID string, ids []string) ([]client.AccessProfileDetails, client.Outcome, error)
}

// Options configure the view.
type Options struct {
	Service  Service
	ReadOnly bool
	// ReadOnlyWhy is a read-only session's cause and cure ("" → started
	// with --read-only; see common.ReadOnlyReason).
	ReadOnlyWhy string
	// BaseURL is recorded in audit entries.
	BaseURL string
	// Audit records every change; AuditErr is why it cannot be written,
	// which disables changes (nothing is sent that cannot be recorded).
	Audit    *audit.Log
	AuditErr error
	// IdentityID and IdentityName are the signed-in identity.
	IdentityID, IdentityName string
	// Edit configures the edit flow's editor.
	Edit editflow.Options
	// KnownIdentities returns identities other views know (the Tokens
	// view's owners), id → name, for the owner field's completion.
	KnownIdentities func() map[string]string
	// Keys are the settings file's key overrides (action → keys).
	Keys map[string][]string
	// Owners reads the owners' states (nil: not read).
	Owners owners.Service
	// PageWorkers is how many pages load at once (0 → 8).
	PageWorkers int
	// ReportDir, Home and Tenant are for X (see the Tokens view).
	ReportDir, Home, Tenant string
	Logger                  *slog.Logger
}

// serverFilter is the list request's `filters` and its label.
type serverFilter struct{ label, expr string }

// Model is the Apps view, held by pointer.
type Model struct {
	common.Common
	opts Options
	keys KeyMap

	list    client.AppList // asked for
	listed  client.AppList // on screen
	refused error          // the 403 /all got, for the session
	server  serverFilter

	// rows are the loaded apps, the cursor, filter, sort and marks.
	rows *list.Model[client.SourceApp, sourceapps.Row]
	// resume offers to mark what a killed run left to do.
	resume   *resume.Offer
	total    int // X-Total-Count; -1 unknown
	loaded   bool
	complete bool // every page arrived
	loadErr  error
	loadSeq  int
	loading  *loadRun

	// profiles are the access-profile counts known so far (details,
	// edits), replaced on change so a background sort reads a snapshot.
	profiles map[string]int

	bulk   *bulkrun.Run[client.SourceApp]
	runSeq int
	// runDone are the apps the open run has done, for the list after it.
	runDone []string
	// pending is what the open confirm dialog asks about; lastRun is
	// what the last run did, for its retry.
	pending     confirm.Asked[pendingChange]
	lastRun     *pendingChange
	edits       editflow.Edits // the edit flows, and what u undoes
	reqSeq      int            // numbers one-off requests (toggle, create, fetch for edit)
	creating    bool           // the create form is open
	sending     int            // creates sent and not yet answered
	bulkEditing *bulkEdit      // the bulk edit form is open
	export      export.Flow
	// owners are the apps' owners' states, read in the background;
	// ownersAgain: the load on its way is a refresh (r), after which
	// every owner is read again.
	owners      *ownerbook.Book
	ownersAgain bool
	// sweep is the owner a sweep shows (atomic: rows are filtered off
	// the event loop).
	sweep atomic.Pointer[sweepOwner]
	// ownerLater is an :owner NAME given before the list was read.
	ownerLater string
}

// New returns the view; Init starts the first load.
func New(c common.Common, opts Options) *Model {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	m := &Model{Common: c, opts: opts, keys: NewKeyMap(opts.ReadOnly, opts.ReadOnlyWhy, opts.Keys), list: client.AppsAll, listed: client.AppsAll,
		total: -1, profiles: map[string]int{}, edits: editflow.Edits{ID: editID, Options: opts.Edit},
		owners: &ownerbook.Book{ID: "apps", Service: opts.Owners}}
	m.rows = list.New(c, m.listDef(), table.Sort{Col: int(sourceapps.ColName)})
	m.resume = resume.New(c, "apps.resume", string(audit.KindApp), "app", m.rows)
	if opts.AuditErr != nil {
		m.keys.DisableChanges("the audit log cannot be written (" + opts.AuditErr.Error() + "): nothing may change that is not recorded")
	}
	return m
}

// Init starts the first load (when the view is first shown).
func (m *Model) Init() tea.Cmd { return m.load() }

// Title names the view in the tab bar and the command line (:apps).
func (m *Model) Title() string { return "Apps" }

// SetSize sets the view's size.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.rows.SetSize(w, h)
}

// Keys are the view's bindings (the filter's while it has focus).
func (m *Model) Keys() common.KeyMap { return m.rows.KeysOr(m.keys) }

// CapturesKeys is true while the filter input has focus.
func (m *Model) CapturesKeys() bool { return m.rows.Filtering() }

// Status is the status bar's part.
func (m *Model) Status() common.Status {
	st := common.Status{Loading: m.loading != nil || m.rows.Busy(),
		Counts: []common.Count{{Label: "apps", N: m.rows.Len()}, {Label: "marked", N: m.rows.Marks().Len(), Emphasis: true}},
		Note:   m.listed.String()}
	if m.opts.AuditErr != nil {
		st.Badge = "AUDIT OFF"
	}
	return st
}

// selected is the row under the cursor, or nil.
func (m *Model) selected() *sourceapps.Row { return m.rows.Selected() }

// Visible returns the visible app ids in order (tests).
func (m *Model) Visible() []string { return m.rows.Visible() }

// Marked returns the marked ids, listed ones in list order.
func (m *Model) Marked() []string { return m.rows.Marked() }

// Loaded reports whether every page of the list has arrived (tests).
func (m *Model) Loaded() bool { return m.complete && m.loading == nil && !m.rows.Busy() }

// reconcileMarks refreshes marked records from a complete list; a mark
// the list lacks goes only when the list is unfiltered and /all.
func (m *Model) reconcileMarks() tea.Cmd {
	return m.rows.Reconcile(m.server.expr == "" && m.listed == client.AppsAll)
}
