// Package tokens is the Tokens view: the table of personal access tokens,
// its filters and sorting, marking, and the cleanup and create flows that
// run through the shared dialogs.
package tokens

import (
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/pats"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/edit/editflow"
	"github.com/sailtui/sailtui/ui/list"
	"github.com/sailtui/sailtui/ui/widgets/bulkrun"
	"github.com/sailtui/sailtui/ui/widgets/clipboard"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/export"
	"github.com/sailtui/sailtui/ui/widgets/ownerbook"
	"github.com/sailtui/sailtui/ui/widgets/plansummary"
	"github.com/sailtui/sailtui/ui/widgets/resume"
)

// Service is the part of *client.Client this view uses; tests may pass a
// fake, the app passes the real client.
type Service interface {
	ListPATs(ctx context.Context, opts client.ListPATsOptions) ([]client.PersonalAccessToken, error)
	CreatePAT(ctx context.Context, req client.CreatePATRequest) (*client.CreatedPAT, error)
	DeletePATs(ctx context.Context, ids []string, opts client.BulkOptions, onEvent func(client.BulkEvent)) client.BulkSummary
	// PresentPATs reports which of ids the server still lists for an
	// owner scope: it settles deletes whose outcome was unknown and
	// intents a crash left open.
	PresentPATs(ctx context.Context, ownerID string, ids []string) (map[string]bool, error)
	// PatchPATOutcome applies a JSON Patch and returns the new state.
	PatchPATOutcome(ctx context.Context, id string, ops patchdiff.Patch) (*client.PersonalAccessToken, client.Outcome, error)
	// PatchPATs patches many tokens, each its own ops, through the bulk
	// executor (spread over equivalent API versions when configured).
	PatchPATs(ctx context.Context, patches map[string]patchdiff.Patch, ids []string, opts client.BulkOptions,
		onEvent func(client.BulkEvent)) client.BulkSummary
	// BulkUpdatePATs is the admin path for other owners' tokens' expiry.
	BulkUpdatePATs(ctx context.Context, req client.PATBulkUpdate) ([]client.PersonalAccessToken, client.Outcome, error)
}

// Options configure the view.
type Options struct {
	Service    Service
	StaleAfter time.Duration // 0 → stale.DefaultAfter
	ReadOnly   bool
	// ReadOnlyWhy is a read-only session's cause and cure ("" → started
	// with --read-only; see common.ReadOnlyReason).
	ReadOnlyWhy string
	// BaseURL is recorded in audit entries.
	BaseURL string
	// Audit receives one entry per finished delete and per create; nil
	// disables auditing (tests), and the delete summary then says so.
	Audit *audit.Log
	// AuditErr is why Audit cannot be written (audit.Log.Check, run
	// before the program starts), or why there is no log at all. It
	// disables delete and create, since neither could be recorded, and
	// is shown as a warning when the view starts.
	AuditErr error
	// Family decides whether "never expires" can be offered on create.
	Family client.Family
	// IdentityID is the signed-in identity (whose names a new token must
	// not repeat).
	IdentityID string
	// IdentityName is its display name (audit entries record both).
	IdentityName string
	// Clipboard copies a new token's secret (OSC52); the zero value
	// disables copying.
	Clipboard clipboard.Clipboard
	// SessionClientID is the client id sailtui signed in with. A personal
	// access token's id is its client id, so the token with this id is
	// the session's own credential: it is marked in the list and never
	// deleted (that would lock the user out mid-session).
	SessionClientID string
	// Edit configures the edit flow's editor ($EDITOR and how it is run).
	Edit editflow.Options
	// PlanPath is an approved plan to load at start (--plan).
	PlanPath string
	// Owners reads the owners' states (nil: not read, no owner column
	// glyphs); OwnerRuleOff keeps an inactive owner from making a token
	// stale (staleWhenOwnerInactive: false).
	Owners       owners.Service
	OwnerRuleOff bool
	// ReportDir is where X suggests saving a report; Home expands a
	// typed "~/"; Tenant names the tenant in a report's file name.
	ReportDir, Home, Tenant string
	// Keys are the settings file's key overrides (action → keys).
	Keys map[string][]string
	// Logger receives what does not fit on screen (a refused list's full
	// server answer); nil discards it.
	Logger *slog.Logger
}

// ownerScope is whose tokens are listed.
type ownerScope int

const (
	scopeAll ownerScope = iota
	scopeMine
)

func (s ownerScope) ownerID() string {
	if s == scopeMine {
		return "me"
	}
	return ""
}

func (s ownerScope) String() string {
	if s == scopeMine {
		return "mine"
	}
	return "all owners"
}

// serverFilter is the list request's `filters` parameter and its label.
type serverFilter struct {
	label, expr string
}

// Model is the Tokens view. Its methods use a pointer receiver: the shell
// holds it by pointer and it updates in place.
type Model struct {
	common.Common
	opts Options
	keys KeyMap

	// rows are the loaded tokens, the cursor, filter, sort, grouping and
	// marks. A mark outlives its row when a server filter or the owner
	// scope stops listing the token; it goes when unmarked, deleted, or
	// absent from an unfiltered all-owners list (see applyLoaded).
	rows *list.Model[client.PersonalAccessToken, pats.Row]
	// resume offers to mark what a killed run left to do.
	resume     *resume.Offer
	staleCount int

	loadSeq    int // id of the newest list request
	loading    bool
	loaded     bool
	loadErr    error
	cancelLoad context.CancelFunc

	// export is the X export waiting for its path, or being saved.
	export export.Flow
	// plans are the approved plans: the one asked about, the one marked.
	plans plansummary.Flow[client.PersonalAccessToken]

	scope   ownerScope
	server  serverFilter
	pending confirm.Asked[pendingDelete]
	bulk    *bulkrun.Run[client.PersonalAccessToken]
	runSeq  int
	// listed is the owner scope of the list on screen (scope is the one
	// asked for, which differs while a list loads); refused is the 403 a
	// tenant-wide list got, remembered for the session.
	listed  ownerScope
	refused error
	// expiring is the selection the expiry prompt asks about; scheduled
	// holds the expiries sailtui set (from the audit log), by token id.
	expiring  *expiryAsk
	rotating  *rotation
	scheduled map[string]time.Time
	// edits are the edit flows and what u undoes.
	edits editflow.Edits

	// owners are the owners' states, read in the background.
	owners *ownerbook.Book
	// ownerLater is an :owner NAME given before the list was read.
	ownerLater string
	// detailFor is the token whose details wait for its owner's
	// capabilities ("" when none do).
	detailFor string
	// quick is the quick view (a quick; atomic: rows are filtered off
	// the event loop); sweep the owner a sweep shows.
	quick atomic.Int32
	sweep atomic.Pointer[sweepOwner]
	// ownersAgain: the list on its way is a refresh (r): every owner's
	// state is read again after it.
	ownersAgain bool
	// checking is the runSeq of a confirmed delete whose audit log check
	// has not answered yet (0: none); nothing is sent before it does.
	checking int

	createSeq int
	creates   map[int]*createRun // in flight, by createSeq

	// noBulk is set (by a run, off the event loop) once the tenant has
	// answered that it has no PAT bulk update; noBulkSaid once the user
	// was told.
	noBulk     atomic.Bool
	noBulkSaid bool
}

// New returns the view; Init starts the first load.
func New(c common.Common, opts Options) *Model {
	if opts.StaleAfter <= 0 {
		opts.StaleAfter = stale.DefaultAfter
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	keys := NewKeyMap(opts.ReadOnly, opts.ReadOnlyWhy, opts.Keys)
	if opts.AuditErr != nil {
		keys.DisableChanges(auditReason(opts.AuditErr))
	}
	if why := expiryRefusal(opts.Family); why != "" && keys.DisabledReason(keys.Expire) == "" {
		keys.Disable(keys.Expire, why)
	}
	m := &Model{
		Common:  c,
		opts:    opts,
		keys:    keys,
		creates: map[int]*createRun{},
		edits:   editflow.Edits{ID: editID, Options: opts.Edit},
		owners:  &ownerbook.Book{ID: "tokens", Service: opts.Owners},
	}
	m.rows = list.New(c, m.listDef(), pats.DefaultSort())
	m.resume = resume.New(c, "tokens.resume", string(audit.KindPAT), "token", m.rows)
	m.plans = m.planFlow()
	return m
}

// Init loads the first page of tokens and warns when nothing can be
// changed because the audit log cannot be written.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.load(), m.readSchedule()}
	if m.opts.AuditErr != nil && !m.opts.ReadOnly {
		cmds = []tea.Cmd{m.load(), common.Toast(common.ToastWarning, "Delete/create disabled: "+auditReason(m.opts.AuditErr))}
	}
	if m.opts.PlanPath != "" {
		cmds = append(cmds, m.plans.Load(m.opts.PlanPath))
	}
	return tea.Batch(cmds...)
}

// Title names the view in the tab bar.
func (m *Model) Title() string { return "Tokens" }

// SetSize sets the drawing area.
func (m *Model) SetSize(w, h int) {
	m.Common.SetSize(w, h)
	m.rows.SetSize(w, h)
}

// Keys is the view's key map for the help bar.
func (m *Model) Keys() common.KeyMap { return m.rows.KeysOr(m.keys) }

// CapturesKeys reports whether a text input has focus, so the shell must
// not treat letters (q, ?) as commands.
func (m *Model) CapturesKeys() bool { return m.rows.Filtering() }

// Status feeds the status bar.
func (m *Model) Status() common.Status {
	st := common.Status{Loading: m.loading || m.rows.Busy()}
	if !m.opts.ReadOnly && strings.HasPrefix(m.keys.DisabledReason(m.keys.Delete), "audit log") {
		st.Badge = "AUDIT OFF" // changes are disabled until it can be written; ? says why
	}
	if !m.loaded {
		return st // no counts before the first list arrives
	}
	stale := m.staleCount
	st = common.Status{
		Loading: st.Loading,
		Badge:   st.Badge,
		Counts: []common.Count{
			{Label: "tokens", N: m.rows.Len()},
			{Label: "stale", N: stale, Emphasis: true},
			{Label: "marked", N: m.rows.Marks().Len(), Emphasis: true},
		},
	}
	return st
}

// Marked returns the marked ids (for tests and the shell): the listed ones
// in load order, then those the current list does not show.
func (m *Model) Marked() []string { return m.rows.Marked() }

// labels are a token's display name and owner: its row's when listed,
// else derived the same way from the marked record.
func (m *Model) labels(t *client.PersonalAccessToken) (name, owner string) {
	if cur, ok := m.rows.Get(t.ID); ok {
		t = &cur
	}
	return sanitize.Line(t.Name), sanitize.Line(pats.OwnerLabel(t.Owner))
}

// Visible returns the ids of the rows in view, in order.
func (m *Model) Visible() []string { return m.rows.Visible() }

// isSession reports whether t is the token sailtui is signed in with.
func (m *Model) isSession(t *client.PersonalAccessToken) bool {
	return m.opts.SessionClientID != "" && strings.EqualFold(t.ID, m.opts.SessionClientID)
}

// selected returns the row under the cursor, or nil.
func (m *Model) selected() *pats.Row { return m.rows.Selected() }

// KnownIdentities are the owners of the loaded tokens, id → name: the
// Apps view offers them for an app's owner.
func (m *Model) KnownIdentities() map[string]string {
	out := map[string]string{}
	for _, t := range m.rows.Items() {
		if o := t.Owner; o.ID != "" {
			out[o.ID] = o.Name
		}
	}
	if id := m.opts.IdentityID; id != "" {
		out[id] = m.opts.IdentityName
	}
	return out
}
