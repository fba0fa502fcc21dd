package tokens

import (
	"context"
	"slices"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/fallback"
)

// loadTimeout bounds one list request including its rate-limit waits.
const loadTimeout = 2 * time.Minute

// loadedMsg carries a list response, already turned into rows and sorted
// and filtered for the query that was current when the request started.
type loadedMsg struct {
	seq   int
	toks  []client.PersonalAccessToken
	tbl   table
	res   viewResult
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
	seq, svc, scope, server, query := m.loadSeq, m.opts.Service, m.scope, m.server, m.query
	now, after := m.Now(), m.opts.StaleAfter
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
		msg.tbl = buildRows(toks, now, after)
		msg.res = computeView(msg.tbl, query, nil)
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
		return tea.Batch(append(cmds, func() tea.Msg {
			return common.ErrorMsg{Title: "Could not list tokens", Err: msg.err}
		})...)
	}
	m.loadErr = nil
	m.loaded = true
	m.listed = msg.scope
	m.toks, m.tbl, m.rows = msg.toks, msg.tbl, msg.tbl.rows
	m.byID = make(map[string]int32, len(m.rows))
	m.staleCount = 0
	for i := range m.rows {
		m.byID[m.rows[i].tok.ID] = int32(i)
		if m.rows[i].stale != NotStale {
			m.staleCount++
		}
	}
	if cmd := m.refreshMarks(msg.complete); cmd != nil && !msg.fellBack {
		cmds = append(cmds, cmd) // the fallback's warning matters more
	}
	m.sortFilter.Supersede() // any computation on the old rows is now stale
	if msg.res.query == m.query {
		m.applyResult(msg.res)
	} else {
		m.applyResult(viewResult{query: msg.res.query, order: msg.res.order})
		cmds = append(cmds, m.recompute())
	}
	return tea.Batch(cmds...)
}

// refreshMarks updates the marked records from the new list. A marked
// token the list lacks is kept unless the list is complete (no server
// filter, every owner): a narrower list only says it is not listed, not
// that it is gone. The toast tells the user when marks leave the list.
func (m *Model) refreshMarks(complete bool) tea.Cmd {
	r := m.marks.Reconcile(func(id string) (client.PersonalAccessToken, bool) {
		if i, ok := m.byID[id]; ok {
			return *m.rows[i].tok, true
		}
		return client.PersonalAccessToken{}, false
	}, complete)
	switch {
	case r.Dropped > 0:
		return common.Toast(common.ToastInfo, plural(r.Dropped, "marked token")+" no longer on the server: unmarked")
	case r.NewlyUnlisted:
		return common.Toast(common.ToastInfo, plural(r.Unlisted, "marked token")+" not in this list, still marked (A clears marks)")
	}
	return nil
}

// recompute re-sorts/filters after the query changed: inline for small
// lists, in a Cmd for large ones (the newest request wins).
func (m *Model) recompute() tea.Cmd {
	prev, tbl, q := m.res, m.table(), m.query
	return m.sortFilter.Run(len(m.rows), func() viewResult { return computeView(tbl, q, &prev) },
		func(r viewResult) tea.Cmd { m.applyResult(r); return nil })
}

// applyResult installs a result and keeps the cursor on the same token
// when it is still visible. When a new filter hides it, the cursor goes
// to the first match: the best one to look at, and where a list that
// just changed under the user is read from. When a refresh removed it
// (deleted), the cursor stays where it was, on the next row.
func (m *Model) applyResult(res viewResult) {
	prev := m.res.query
	m.res = res
	found := false
	if i, ok := m.byID[m.selectedID]; ok && m.selectedID != "" {
		for pos, r := range res.entries {
			if r == i {
				m.cursor, found = pos, true
				break
			}
		}
	} else if m.selectedGroup != "" {
		for pos, e := range res.entries {
			if e < 0 && res.groups[-e-1].key == m.selectedGroup {
				m.cursor, found = pos, true
				break
			}
		}
	}
	switch {
	case !slices.Equal(strings.Fields(strings.ToLower(res.query.text)), strings.Fields(strings.ToLower(prev.text))):
		// A new filter ranks the best match first: the cursor goes there,
		// so enter opens the best match, never one left over.
		m.cursor, m.offset = 0, 0
	case !found && res.query.staleOnly != prev.staleOnly:
		m.cursor, m.offset = 0, 0
	}
	m.clampScroll()
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
