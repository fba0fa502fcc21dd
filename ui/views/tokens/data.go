package tokens

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/list/fallback"
)

// loadTimeout bounds one list request including its rate-limit waits.
const loadTimeout = 2 * time.Minute

// loadedMsg carries a list response.
type loadedMsg struct {
	seq   int
	toks  []client.PersonalAccessToken
	scope ownerScope
	// fellBack is set when the tenant-wide list was refused (403) and the
	// view fell back to the caller's own tokens; refused is that 403.
	fellBack bool
	refused  error
	// asked is set when the user asked for every owner (o), so a refusal
	// is answered with the server's full message, not just a toast.
	asked bool
	// complete is set for an unfiltered list of every owner's tokens: a
	// token missing from it no longer exists.
	complete bool
	err      error
}

// load starts a list request; any older one is cancelled and its result
// will be dropped by seq.
func (m *Model) load() tea.Cmd { return m.loadAsked(false) }

// loadAsked is load; asked says the user just asked for this owner scope.
func (m *Model) loadAsked(asked bool) tea.Cmd {
	if m.opts.Service == nil {
		return nil
	}
	if m.cancelLoad != nil {
		m.cancelLoad()
	}
	m.loadSeq++
	m.loading = true
	ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
	m.cancelLoad = cancel
	seq, svc, scope, server := m.loadSeq, m.opts.Service, m.scope, m.server
	return func() tea.Msg {
		defer cancel()
		msg := loadedMsg{seq: seq, scope: scope, asked: asked}
		toks, refused, err := listFallingBack(ctx, svc, scope, server.expr)
		if refused != nil {
			msg.fellBack, msg.refused, msg.scope = true, refused, scopeMine
		}
		if err != nil { // the client's error already says "list tokens: GET …"
			msg.err = err
			return msg
		}
		msg.toks = toks
		msg.complete = msg.scope == scopeAll && server.expr == ""
		return msg
	}
}

// listFallingBack lists scope's tokens; a tenant-wide list the identity
// may not see falls back to its own tokens, and refused is why.
func listFallingBack(ctx context.Context, svc Service, scope ownerScope, filters string) (
	toks []client.PersonalAccessToken, refused, err error) {
	list := func(owner string) func(context.Context) ([]client.PersonalAccessToken, error) {
		return func(ctx context.Context) ([]client.PersonalAccessToken, error) {
			return svc.ListPATs(ctx, client.ListPATsOptions{OwnerID: owner, Filters: filters})
		}
	}
	if scope != scopeAll {
		toks, err = list(scope.ownerID())(ctx)
		return toks, nil, err
	}
	return fallback.List(ctx, list(""), list("me"))
}

func (m *Model) applyLoaded(msg loadedMsg) tea.Cmd {
	if msg.seq != m.loadSeq {
		return nil // an older request
	}
	m.loading = false
	m.cancelLoad = nil
	var cmds []tea.Cmd
	if msg.fellBack {
		m.scope = scopeMine
		m.refused = msg.refused
		cmds = append(cmds, m.onRefused(msg.refused, msg.asked))
	}
	if msg.err != nil {
		m.loadErr = msg.err
		if m.loaded { // what is on screen is an older answer
			m.rows.SetOutdated(common.ErrorText(msg.err))
		}
		return tea.Batch(append(cmds, func() tea.Msg {
			return common.ErrorMsg{Title: "Could not list tokens", Err: msg.err}
		})...)
	}
	m.loadErr = nil
	m.loaded = true
	m.listed = msg.scope
	m.countStale(msg.toks)
	cmds = append(cmds, m.rows.SetItems(msg.toks))
	m.rows.SetRead(m.Now())
	cmds = append(cmds, m.resume.Ready(), m.ownerPending())
	again := m.ownersAgain
	m.ownersAgain = false
	cmds = append(cmds, m.readOwners(again)) // in the background, after the list
	if cmd := m.rows.Reconcile(msg.complete); cmd != nil && !msg.fellBack {
		cmds = append(cmds, cmd) // the fallback's warning matters more
	}
	// A delete run's unknown outcomes take what this list says, where it
	// can say it: complete, unfiltered, and covering the token's owner.
	cmds = append(cmds, m.bulk.TakeList(func(t client.PersonalAccessToken) (present, known bool) {
		known = msg.complete && m.server.label == "" && (msg.scope == scopeAll || t.Owner.ID == m.opts.IdentityID)
		return m.rows.Has(t.ID), known
	}, m.Now()))
	return tea.Batch(cmds...)
}

// countStale counts the stale tokens of a list for the status bar.
func (m *Model) countStale(toks []client.PersonalAccessToken) {
	m.staleCount = 0
	for i := range toks {
		if m.explain(&toks[i]).Reason != stale.NotStale {
			m.staleCount++
		}
	}
}

// allTokensRight is the right a tenant-wide list needs (isc-api.md: no
// owner-id, or another identity's, needs it).
const allTokensRight = "idn:all-personal-access-tokens:read"

// onRefused reports a refused tenant-wide list. The toast leads with the
// missing right, because the server's sentence would be cut off before
// the reason; the full answer (message, detail code, trackingId) goes to
// the log, and to the error modal when the user asked for every owner.
func (m *Model) onRefused(err error, asked bool) tea.Cmd {
	r := fallback.Refusal{Wide: "all tokens", Narrow: "your tokens", Right: allTokensRight, Details: "o"}
	return r.Notice(err, asked, m.opts.Logger)
}
