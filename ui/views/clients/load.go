package clients

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/audit"
	"github.com/sailtui/sailtui/ui/data/oauthclients"
	"github.com/sailtui/sailtui/ui/data/table"
	"github.com/sailtui/sailtui/ui/list"
	"github.com/sailtui/sailtui/ui/list/columns"
	"github.com/sailtui/sailtui/ui/widgets/filterprompt"
	"github.com/sailtui/sailtui/ui/widgets/textprompt"
)

// loadTimeout bounds one list request, rate-limit waits included.
const loadTimeout = 2 * time.Minute

// loadedMsg is a list's answer; seq drops a stale one.
type loadedMsg struct {
	seq     int
	clients []client.OAuthClient
	whole   bool // no server filter: a missing client is gone
	err     error
}

// load lists every API client (one request: the list is not paged).
func (m *Model) load() tea.Cmd {
	if m.opts.Service == nil {
		return nil
	}
	m.loadSeq++
	m.loading = true
	seq, svc, expr := m.loadSeq, m.opts.Service, m.server.expr
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
		defer cancel()
		cs, err := svc.ListOAuthClients(ctx, expr)
		return loadedMsg{seq: seq, clients: cs, whole: expr == "", err: err}
	}
}

// onLoaded installs a list; a refusal (403) disables the changes too,
// since every one would be refused as well.
func (m *Model) onLoaded(msg loadedMsg) tea.Cmd {
	if msg.seq != m.loadSeq {
		return nil // an older request
	}
	m.loading = false
	if msg.err != nil {
		m.loadErr = msg.err
		if ae, ok := client.AsAPIError(msg.err); ok && ae.Status == 403 {
			m.refused = msg.err
			m.keys.DisableChanges("listing API clients was refused (" + common.ErrorText(msg.err) + ")")
		}
		if m.loaded {
			m.rows.SetOutdated(common.ErrorText(msg.err))
		}
		err := msg.err
		return func() tea.Msg { return common.ErrorMsg{Title: "Could not list API clients", Err: err} }
	}
	m.loadErr, m.loaded = nil, true
	now := m.Now()
	m.staleCount = 0
	for i := range msg.clients {
		if oauthclients.Judge(&msg.clients[i], now, m.opts.StaleAfter).Stale() {
			m.staleCount++
		}
	}
	cmds := []tea.Cmd{m.rows.SetItems(msg.clients), m.rows.Reconcile(msg.whole)}
	m.rows.SetRead(now)
	cmds = append(cmds, m.resume.Ready())
	cmds = append(cmds, m.bulk.TakeList(func(c client.OAuthClient) (present, known bool) {
		return m.rows.Has(c.ID), msg.whole
	}, now))
	return tea.Batch(cmds...)
}

// specs are the columns' layout. Booleans are glyphs as well as colours.
func specs() []columns.Spec {
	return []columns.Spec{
		oauthclients.ColMark:     {Width: 2},
		oauthclients.ColName:     {Title: "NAME", Width: 24, Floor: 8, Flex: 5},
		oauthclients.ColID:       {Title: "CLIENT ID", Width: 9},
		oauthclients.ColGrants:   {Title: "GRANTS", Width: 12, Floor: 4, Flex: 1},
		oauthclients.ColEnabled:  {Title: "ON", Width: 3},
		oauthclients.ColInternal: {Title: "INT", Width: 3},
		oauthclients.ColScopes:   {Title: "SCOPES", Width: 16, Floor: 6, Flex: 2},
		oauthclients.ColCreated:  {Title: "CREATED", Width: 9},
		oauthclients.ColModified: {Title: "MODIFIED", Width: 9},
		oauthclients.ColLastUsed: {Title: "LAST USED", Width: 10},
		oauthclients.ColStale:    {Title: "STALE", Width: 5},
	}
}

// listDef declares the Clients list: rows judged with the stale rule,
// columns, sorters and match fields (name, id, grants, scopes,
// description).
func (m *Model) listDef() list.Def[client.OAuthClient, oauthclients.Row] {
	after, now := m.opts.StaleAfter, m.Now
	return list.Def[client.OAuthClient, oauthclients.Row]{
		Noun:  "API client",
		ID:    func(c *client.OAuthClient) string { return c.ID },
		Label: func(c *client.OAuthClient) string { return c.Name },
		Item:  func(r *oauthclients.Row) *client.OAuthClient { return r.Client },
		Build: func(cs []client.OAuthClient) table.Table[oauthclients.Row] {
			return oauthclients.BuildRows(cs, now(), after)
		},
		Sorter:  func() func([]oauthclients.Row, table.Sort) []int32 { return oauthclients.SortedOrder },
		Weights: oauthclients.Weights(),
		Only:    (*oauthclients.Row).Stale,
		Columns: specs(),
		// A narrow screen hides the modification and creation dates, the
		// client id, then the internal flag; the scopes, grants and name
		// shrink.
		Hide: []int{int(oauthclients.ColModified), int(oauthclients.ColCreated), int(oauthclients.ColID),
			int(oauthclients.ColInternal)},
		Shrink:      []int{int(oauthclients.ColScopes), int(oauthclients.ColGrants), int(oauthclients.ColName)},
		SortKeys:    oauthclients.SortKeys(),
		Movable:     [2]int{int(oauthclients.ColID), int(oauthclients.NumColumns) - 1},
		Placeholder: "fuzzy filter: name, client id, grants, scopes, description",
		Refresh:     m.load, Open: m.openDetail, Export: m.startExport,
	}
}

// presets are the server filter's ready-made filters (the tokens' own).
func (m *Model) presets() []filterprompt.Preset {
	return filterprompt.LastUsedPresets(m.Now(), m.opts.StaleAfter)
}

func checkServerFilter(text string) (string, error) {
	return filterprompt.Check(text, client.OAuthClientFilters(), "the API client list")
}

func (m *Model) openServerFilter() tea.Cmd {
	return common.PushModal(filterID, filterprompt.New(m.Common, filterprompt.Options{
		ID: filterID, Title: "Server filter · API clients", Value: m.server.expr,
		Schema: client.OAuthClientFilters(), Of: "the API client list", Presets: m.presets(), Check: checkServerFilter,
	}))
}

func (m *Model) onServerFilter(msg textprompt.AnswerMsg) tea.Cmd {
	label, expr, changed, cmd := filterprompt.Answer(msg, m.server.expr, checkServerFilter, m.presets())
	if !changed {
		return cmd
	}
	m.server = serverFilter{label: label, expr: expr}
	return tea.Batch(cmd, m.load())
}

// Settler settles this kind's open intents at start: a delete by
// reading the client (gone: deleted); any other change stays unknown.
func (m *Model) Settler() audit.Settler {
	svc := m.opts.Service
	return audit.Settler{
		Kind: audit.KindAPIClient, Noun: "API client",
		Deletes: func(action string) bool { return action == audit.ActionDeleteClient },
		Present: func(ctx context.Context, intents []audit.Entry) (map[string]bool, string, error) {
			ids := make([]string, len(intents))
			for i, e := range intents {
				ids[i] = e.ResourceID
			}
			out, err := present(ctx, svc, ids)
			if err != nil {
				return nil, common.ErrorText(err), nil
			}
			return out, "", nil
		},
	}
}
