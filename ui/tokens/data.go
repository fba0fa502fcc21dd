package tokens

import (
	"context"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/sanitize"
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
	// view fell back to the caller's own tokens; why holds the server's words.
	fellBack bool
	why      string
	err      error
}

// viewMsg is the result of a background sort/filter.
type viewMsg struct {
	seq int
	res viewResult
}

// load starts a list request; any older one is cancelled and its result
// will be dropped by seq.
func (m *Model) load() tea.Cmd {
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
		msg := loadedMsg{seq: seq, scope: scope}
		toks, err := svc.ListPATs(ctx, client.ListPATsOptions{OwnerID: scope.ownerID(), Filters: server.expr})
		if err != nil && scope == scopeAll && client.IsForbidden(err) {
			msg.fellBack, msg.why, msg.scope = true, errorText(err), scopeMine
			toks, err = svc.ListPATs(ctx, client.ListPATsOptions{OwnerID: "me", Filters: server.expr})
		}
		if err != nil {
			msg.err = fmt.Errorf("list tokens: %w", err)
			return msg
		}
		msg.toks = toks
		msg.tbl = buildRows(toks, now, after)
		msg.res = computeView(msg.tbl, query, nil)
		return msg
	}
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
		cmds = append(cmds, common.Toast(common.ToastWarning,
			"Showing only your tokens: listing every token in the tenant was refused ("+msg.why+")"))
	}
	if msg.err != nil {
		m.loadErr = msg.err
		return tea.Batch(append(cmds, func() tea.Msg {
			return common.ErrorMsg{Title: "Could not list tokens", Err: msg.err}
		})...)
	}
	m.loadErr = nil
	m.loaded = true
	m.toks, m.tbl, m.rows = msg.toks, msg.tbl, msg.tbl.rows
	m.byID = make(map[string]int32, len(m.rows))
	m.staleCount = 0
	for i := range m.rows {
		m.byID[m.rows[i].tok.ID] = int32(i)
		if m.rows[i].stale != NotStale {
			m.staleCount++
		}
	}
	for id := range m.marks { // marks survive a refresh where the id does
		if _, ok := m.byID[id]; !ok {
			delete(m.marks, id)
		}
	}
	m.viewSeq++ // any computation on the old rows is now stale
	m.computing = false
	if msg.res.query == m.query {
		m.applyResult(msg.res)
	} else {
		m.applyResult(viewResult{query: msg.res.query, order: msg.res.order})
		cmds = append(cmds, m.recompute())
	}
	return tea.Batch(cmds...)
}

// recompute re-sorts/filters after the query changed: inline for small
// lists, in a Cmd for large ones (the newest request wins).
func (m *Model) recompute() tea.Cmd {
	prev := m.res
	if len(m.rows) <= asyncThreshold {
		m.applyResult(computeView(m.table(), m.query, &prev))
		return nil
	}
	m.viewSeq++
	m.computing = true
	seq, tbl, q := m.viewSeq, m.table(), m.query
	return func() tea.Msg { return viewMsg{seq: seq, res: computeView(tbl, q, &prev)} }
}

func (m *Model) applyView(msg viewMsg) {
	if msg.seq != m.viewSeq {
		return
	}
	m.computing = false
	m.applyResult(msg.res)
}

// applyResult installs a result and keeps the cursor on the same token
// when it is still visible.
func (m *Model) applyResult(res viewResult) {
	m.res = res
	if m.selectedID != "" {
		if i, ok := m.byID[m.selectedID]; ok {
			for pos, r := range res.visible {
				if r == i {
					m.cursor = pos
					break
				}
			}
		}
	}
	m.clampScroll()
}

// errorText is the server's message for an API error, else err's text.
func errorText(err error) string {
	if e, ok := client.AsAPIError(err); ok {
		s := e.Message()
		if e.Status != 0 {
			s = fmt.Sprintf("%d %s", e.Status, s)
		}
		return sanitize.Line(s)
	}
	return sanitize.Line(err.Error())
}
