// Package clients is the API clients view: every OAuth client of the
// tenant on the shared list, with the stale rule of tokens, the soft
// cleanup (x disables, u in the summary enables them again), delete,
// the edit loop on the patchable fields, create with the secret shown
// once, details and export. It declares what differs from the other
// views; the list, the runs, the dialogs and the edit flow are shared.
package clients

import (
	"context"
	"log/slog"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/patchdiff"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/oauthclients"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/edit/editflow"
	"github.com/sailtui/sailtui/ui/list"
	"github.com/sailtui/sailtui/ui/widgets/bulkrun"
	"github.com/sailtui/sailtui/ui/widgets/clipboard"
	"github.com/sailtui/sailtui/ui/widgets/confirm"
	"github.com/sailtui/sailtui/ui/widgets/export"
	"github.com/sailtui/sailtui/ui/widgets/plansummary"
	"github.com/sailtui/sailtui/ui/widgets/resume"
)

// Service is the part of *client.Client this view uses.
type Service interface {
	ListOAuthClients(ctx context.Context, filters string) ([]client.OAuthClient, error)
	GetOAuthClient(ctx context.Context, id string) (*client.OAuthClient, error)
	CreateOAuthClientOutcome(ctx context.Context, req client.CreateOAuthClientRequest) (*client.CreatedOAuthClient, client.Outcome, error)
	PatchOAuthClientOutcome(ctx context.Context, id string, ops patchdiff.Patch) (*client.OAuthClient, client.Outcome, error)
	DeleteOAuthClientOutcome(ctx context.Context, id string) (client.Outcome, error)
}

// Options configure the view.
type Options struct {
	Service    Service
	StaleAfter time.Duration // 0 → stale.DefaultAfter
	ReadOnly   bool
	// ReadOnlyWhy is a read-only session's cause and cure (see
	// common.ReadOnlyReason).
	ReadOnlyWhy string
	BaseURL     string
	// Audit records every change; AuditErr disables changes.
	Audit    *audit.Log
	AuditErr error
	// IdentityID and IdentityName are the signed-in identity;
	// SessionClientID the client id sailtui signed in with, which is
	// never disabled or deleted.
	IdentityID, IdentityName, SessionClientID string
	Edit                                      editflow.Options
	Clipboard                                 clipboard.Clipboard
	Keys                                      map[string][]string
	// PlanPath is an approved plan of API clients to load at start.
	PlanPath                string
	ReportDir, Home, Tenant string
	Logger                  *slog.Logger
}

// IDs of this view's modals on the shell's stack.
const (
	confirmID  = "clients.confirm"
	progressID = "clients.progress"
	editID     = "clients.edit"
	createID   = "clients.create"
	secretID   = "clients.secret"
	filterID   = "clients.filter"
	exportID   = "clients.export"
)

// Model is the Clients view, held by pointer.
type Model struct {
	common.Common
	opts Options
	keys KeyMap

	rows *list.Model[client.OAuthClient, oauthclients.Row]
	// resume offers to mark what a killed run left to do.
	resume  *resume.Offer
	server  serverFilter
	loaded  bool
	loading bool
	loadErr error
	loadSeq int
	refused error // the list's 403: changes are pointless too

	staleCount int
	bulk       *bulkrun.Run[client.OAuthClient]
	runSeq     int
	pending    confirm.Asked[pendingRun]
	edits      editflow.Edits // the edit flows, and what u undoes
	creating   bool
	// plans are the approved plans: the one asked about, the one marked.
	plans  plansummary.Flow[client.OAuthClient]
	reqSeq int
	export export.Flow
}

// serverFilter is the list request's filters and its label.
type serverFilter struct{ label, expr string }

// New returns the view; Init starts the first load.
func New(c common.Common, opts Options) *Model {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.StaleAfter <= 0 {
		opts.StaleAfter = stale.DefaultAfter
	}
	m := &Model{Common: c, opts: opts, keys: NewKeyMap(opts.ReadOnly, opts.ReadOnlyWhy, opts.Keys),
		edits: editflow.Edits{ID: editID, Options: opts.Edit}}
	m.rows = list.New(c, m.listDef(), table.Sort{Col: int(oauthclients.ColLastUsed)})
	m.resume = resume.New(c, "clients.resume", string(audit.KindAPIClient), "API client", m.rows)
	m.plans = m.planFlow()
	if opts.AuditErr != nil {
		m.keys.DisableChanges("the audit log cannot be written (" + opts.AuditErr.Error() + "): nothing may change that is not recorded")
	}
	return m
}

// Init starts the first load (when the view is first shown).
func (m *Model) Init() tea.Cmd {
	if m.opts.PlanPath != "" {
		return tea.Batch(m.load(), m.plans.Load(m.opts.PlanPath))
	}
	return m.load()
}

// Title names the view in the tab bar and the command line (:clients).
func (m *Model) Title() string { return "Clients" }

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
	st := common.Status{Loading: m.loading || m.rows.Busy(), Counts: []common.Count{
		{Label: "clients", N: m.rows.Len()}, {Label: "stale", N: m.staleCount, Emphasis: true},
		{Label: "marked", N: m.rows.Marks().Len(), Emphasis: true}}}
	if m.opts.AuditErr != nil {
		st.Badge = "AUDIT OFF"
	}
	return st
}

// Stop ends a run still going when the program exits.
func (m *Model) Stop(deadline <-chan struct{}) []common.Stopped {
	if st, ok := m.bulk.Stop(deadline, "API clients"); ok {
		return []common.Stopped{st}
	}
	return nil
}

// isSession reports whether c is the client sailtui signed in with.
func (m *Model) isSession(c *client.OAuthClient) bool {
	return m.opts.SessionClientID != "" && strings.EqualFold(c.ID, m.opts.SessionClientID)
}

// Visible returns the visible client ids in order (tests).
func (m *Model) Visible() []string { return m.rows.Visible() }

// Marked returns the marked ids (tests).
func (m *Model) Marked() []string { return m.rows.Marked() }

// entry is an audit entry's template for an action on c.
func (m *Model) entry(action string, c client.OAuthClient) audit.Entry {
	return audit.Entry{Action: action, BaseURL: m.opts.BaseURL, Kind: audit.KindAPIClient, ResourceID: c.ID, Name: c.Name,
		ActorID: m.opts.IdentityID, ActorName: m.opts.IdentityName}
}
