package shell

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/sailtui/sailtui/ui/common"
	"github.com/sailtui/sailtui/ui/shell/help"
	"github.com/sailtui/sailtui/ui/shell/statusbar"
)

// View draws status bar, view (with modals over it), toast line, help bar.
func (m Model) View() string {
	if m.Width <= 0 || m.Height <= 0 {
		return ""
	}
	if m.tooSmall() {
		return m.tooSmallView()
	}
	s := m.Styles
	v := m.view()
	st := common.Status{}
	body := ""
	var km common.KeyMap = common.HelpKeys{}
	if v != nil {
		st, body, km = v.Status(), v.View(), v.Keys()
	}
	body = common.Fit(body, m.Width, m.viewHeight())
	for _, e := range m.modals {
		body = common.Overlay(body, e.m.View(), m.Width, m.viewHeight())
	}
	if top := m.top(); top != nil {
		km = top.Keys()
	}
	bar := statusbar.View(s, m.Width, statusbar.Info{
		Host: m.opts.Host, Identity: m.opts.Identity, ReadOnly: m.opts.ReadOnly, Demo: m.opts.Demo, View: m.viewLabel(),
		Status: st, Wait: m.wait, Now: m.Now(), Spinner: m.spinner.View(),
	})
	global := m.keys.global()
	if len(m.views) > 1 {
		global = append(m.keys.viewKeys(), global...)
	}
	if m.top() != nil || (v != nil && v.CapturesKeys()) {
		global = nil // q and ? are not commands there
	}
	return s.Chrome(strings.Join([]string{
		bar,
		body,
		common.Fit(m.toast.View(m.Width), m.Width, 1),
		common.Fit(help.Bar(s, km, global, m.Width), m.Width, 1),
	}, "\n"))
}

func (m Model) tooSmallView() string {
	s := m.Styles
	msg := lipgloss.JoinVertical(lipgloss.Center,
		s.Status.Warning.Render("Terminal too small"),
		s.Text.Secondary.Render(fmt.Sprintf("%d×%d, need at least %d×%d", m.Width, m.Height, MinWidth, MinHeight)),
		s.Text.Faint.Render(m.tooSmallHint()),
	)
	return s.Chrome(lipgloss.Place(m.Width, m.Height, lipgloss.Center, lipgloss.Center, msg))
}

// tooSmallHint says how to get out; q does not quit while work runs.
func (m Model) tooSmallHint() string {
	st := m.runState()
	label := m.runLabel(st)
	switch {
	case st == common.RunActive && label != "":
		return label + " · ctrl+c twice quits"
	case st == common.RunStopping && label != "":
		return label + " · ctrl+c quits now"
	case st == common.RunActive:
		return "a delete is running · ctrl+c cancels it"
	case st == common.RunStopping:
		return "a delete is stopping · ctrl+c quits now"
	}
	return "resize, or press q to quit"
}

// viewLabel names the active view on the status bar when there are
// several ("Tokens 1/2").
func (m Model) viewLabel() string {
	v := m.view()
	if len(m.views) < 2 || v == nil {
		return ""
	}
	return fmt.Sprintf("%s %d/%d", v.Title(), m.active+1, len(m.views))
}
