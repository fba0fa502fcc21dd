package apps

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/data/sourceapps"
	"github.com/sailtui/sailtui/ui/list/fallback"
)

// Loading: the first page (250 apps, count=true) draws at once; the rest
// are fetched concurrently in the background, within the client's rate
// budget (its pacer spaces the requests), while the user already scrolls
// and filters. Each page is a message; the title counts what has arrived
// until every page is in.

// pageSize is the API's maximum (and default) page.
const pageSize = 250

// defaultPageWorkers is how many pages load at once: 40 pages take six
// round trips instead of forty, and stay well inside the budget (100 per
// 10 s), so nothing else the user does is held up.
const defaultPageWorkers = 8

// loadTimeout bounds a whole load, rate-limit waits included.
const loadTimeout = 5 * time.Minute

// pageMsg is one page of a load.
type pageMsg struct {
	seq    int
	offset int
	apps   []client.SourceApp
	total  int // X-Total-Count of the first page; -1 unknown
	first  bool
	// list is the list served (AppsAvailable after a refused /all);
	// refused is that 403.
	list    client.AppList
	refused error
}

// loadDoneMsg ends a load; err is the first failure (pages after it were
// not all fetched).
type loadDoneMsg struct {
	seq int
	err error
}

// loadBatch is the load's messages that were waiting at once; its own
// type (not progress.BatchMsg), since every view sees every message.
type loadBatch []tea.Msg

// listenLoad delivers the load's next messages.
func listenLoad(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		if msgs := common.Receive(ch, 64); msgs != nil {
			return loadBatch(msgs)
		}
		return nil
	}
}

// loadRun is a load in progress.
type loadRun struct {
	seq    int
	ch     chan tea.Msg
	cancel context.CancelFunc
	asked  bool // the user just asked for this list (o)
}

// load starts loading the current list; an older load is cancelled and
// its pages dropped by seq.
func (m *Model) load() tea.Cmd { return m.loadAsked(false) }

func (m *Model) loadAsked(asked bool) tea.Cmd {
	if m.opts.Service == nil {
		return nil
	}
	if m.loading != nil {
		m.loading.cancel()
	}
	m.loadSeq++
	ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
	run := &loadRun{seq: m.loadSeq, ch: make(chan tea.Msg, 64), cancel: cancel, asked: asked}
	m.loading = run
	opts := client.ListAppsOptions{List: m.list, Limit: pageSize, Count: true, Filters: m.server.expr}
	sort := m.rows.Query().Sort
	if s := sourceapps.ServerSorter(sourceapps.Column(sort.Col)); s != "" && slices.Contains(client.SourceAppSorters(m.list), s) {
		if sort.Desc {
			s = "-" + s
		}
		opts.Sorters = s
	}
	workers := m.opts.PageWorkers
	if workers <= 0 {
		workers = defaultPageWorkers
	}
	svc := m.opts.Service
	fetch := func() tea.Msg { fetchPages(ctx, svc, opts, workers, run); return nil }
	return tea.Batch(fetch, listenLoad(run.ch))
}

// send hands a message to the view, unless the load was cancelled (a
// newer one replaced it and nobody reads this channel any more).
func (r *loadRun) send(ctx context.Context, msg tea.Msg) {
	select {
	case r.ch <- msg:
	case <-ctx.Done():
	}
}

// fetchPages loads every page of opts into run.ch: the first, then the
// rest with workers in flight; it always ends with a loadDoneMsg.
func fetchPages(ctx context.Context, svc Service, opts client.ListAppsOptions, workers int, run *loadRun) {
	defer run.cancel()
	done := func(err error) {
		run.send(ctx, loadDoneMsg{seq: run.seq, err: err})
		close(run.ch) // the listener ends
	}
	list := func(l client.AppList) func(context.Context) (client.Page[client.SourceApp], error) {
		return func(ctx context.Context) (client.Page[client.SourceApp], error) {
			o := opts
			o.List = l
			return svc.ListSourceApps(ctx, o)
		}
	}
	var first client.Page[client.SourceApp]
	var refused, err error
	served := opts.List
	if opts.List == client.AppsAll {
		first, refused, err = fallback.List(ctx, list(client.AppsAll), list(client.AppsAvailable))
		if refused != nil {
			served = client.AppsAvailable
		}
	} else {
		first, err = list(opts.List)(ctx)
	}
	if err != nil {
		run.send(ctx, pageMsg{seq: run.seq, first: true, total: -1, list: served, refused: refused})
		done(err)
		return
	}
	run.send(ctx, pageMsg{seq: run.seq, first: true, apps: first.Items, total: first.Total, list: served, refused: refused})
	if len(first.Items) < pageSize {
		done(nil)
		return
	}
	opts.List, opts.Count = served, false
	if first.Total < 0 { // no count: page until a short page
		for off := pageSize; ; off += pageSize {
			o := opts
			o.Offset = off
			p, err := svc.ListSourceApps(ctx, o)
			if err != nil {
				done(err)
				return
			}
			run.send(ctx, pageMsg{seq: run.seq, offset: off, apps: p.Items, total: -1})
			if len(p.Items) < pageSize {
				done(nil)
				return
			}
		}
	}
	done(fetchRest(ctx, svc, opts, first.Total, workers, run))
}

// fetchRest fetches pages 2..n of total concurrently; the first error
// stops the rest.
func fetchRest(ctx context.Context, svc Service, opts client.ListAppsOptions, total, workers int, run *loadRun) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	offsets := make(chan int)
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
	)
	for range workers {
		wg.Go(func() {
			for off := range offsets {
				o := opts
				o.Offset = off
				p, err := svc.ListSourceApps(ctx, o)
				if err != nil {
					once.Do(func() { firstErr = err; cancel() })
					continue
				}
				run.send(ctx, pageMsg{seq: run.seq, offset: off, apps: p.Items, total: total})
			}
		})
	}
feed:
	for off := pageSize; off < total; off += pageSize {
		select {
		case offsets <- off:
		case <-ctx.Done():
			break feed
		}
	}
	close(offsets)
	wg.Wait()
	if firstErr == nil && ctx.Err() != nil && !errors.Is(ctx.Err(), context.Canceled) {
		firstErr = ctx.Err()
	}
	return firstErr
}

// onLoadMsgs handles a batch of a load's messages with one rebuild.
func (m *Model) onLoadMsgs(msgs []tea.Msg) tea.Cmd {
	run := m.loading
	var cmds []tea.Cmd
	changed, finished := false, false
	for _, msg := range msgs {
		switch msg := msg.(type) {
		case pageMsg:
			if run == nil || msg.seq != run.seq {
				continue
			}
			if msg.first {
				cmds = append(cmds, m.startList(msg, run.asked))
			}
			if m.addPage(msg) {
				changed = true
			}
		case loadDoneMsg:
			if run == nil || msg.seq != run.seq {
				continue
			}
			finished = true
			m.loading = nil
			m.complete = msg.err == nil
			m.loadErr = msg.err
			if msg.err != nil && !errors.Is(msg.err, context.Canceled) {
				err := msg.err
				title := "Could not load every app"
				if m.rows.Len() == 0 {
					title = "Could not list apps"
				}
				cmds = append(cmds, func() tea.Msg { return common.ErrorMsg{Title: title, Err: err} })
			}
			if m.complete {
				m.rows.SetRead(m.Now())
				cmds = append(cmds, m.reconcileMarks(), m.resume.Ready(), m.ownerPending())
			} else if m.rows.Len() > 0 && msg.err != nil && !errors.Is(msg.err, context.Canceled) {
				m.rows.SetOutdated(common.ErrorText(msg.err))
			}
			cmds = append(cmds, m.readOwners()) // in the background, once the pages are in
		}
	}
	if changed {
		cmds = append(cmds, m.rows.Rebuild())
	}
	if !finished && run != nil && m.loading == run {
		cmds = append(cmds, listenLoad(run.ch))
	}
	return tea.Batch(cmds...)
}

// startList resets the view's data for the first page of a new load.
func (m *Model) startList(msg pageMsg, asked bool) tea.Cmd {
	m.rows.Reset()
	m.total = msg.total
	m.listed = msg.list
	m.loaded = true
	m.complete = false
	if msg.refused != nil {
		m.list = msg.list
		m.refused = msg.refused
		if !m.opts.ReadOnly && m.opts.AuditErr == nil { // their reasons come first
			// Changing an app takes the right the wide list was refused
			// for: the keys say so before the server would.
			m.keys.DisableChanges("not permitted: this identity was refused the list of all apps (" +
				common.ErrorText(msg.refused) + "); changing apps needs the same right, the ORG_ADMIN role")
		}
		r := fallback.Refusal{Wide: "all apps", Narrow: "the apps available for request", Right: "the ORG_ADMIN role",
			Details: ""}
		return r.Notice(msg.refused, asked, m.opts.Logger)
	}
	return nil
}

// addPage adds a page's apps that are not loaded yet and reports whether
// anything was added.
func (m *Model) addPage(msg pageMsg) bool {
	if msg.total >= 0 {
		m.total = msg.total
	}
	return m.rows.Append(msg.apps)
}
