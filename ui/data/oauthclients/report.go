package oauthclients

import (
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/report"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/table"
)

// ReportColumns are an API client report's columns. The secret is never
// one of them: no list or get returns it.
func ReportColumns() []string {
	return []string{
		"id", "name", "description", "enabled", "internal", "grant_types", "redirect_uris", "access_type", "type",
		"scopes", "access_token_validity_seconds", "refresh_token_validity_seconds",
		"created", "created_ago", "modified", "last_used", "last_used_ago", "stale", "stale_reason",
	}
}

// ReportTable is cs as a report, judged stale against after at now.
func ReportTable(cs []client.OAuthClient, now time.Time, after time.Duration) report.Table {
	if after <= 0 {
		after = stale.DefaultAfter
	}
	rows := make([][]any, len(cs))
	for i := range cs {
		c := &cs[i]
		v := Judge(c, now, after)
		desc, lastAgo := "", "never"
		if c.Description != nil {
			desc = *c.Description
		}
		if c.LastUsed != nil {
			lastAgo = stale.Ago(now, *c.LastUsed)
		}
		rows[i] = []any{
			c.ID, c.Name, desc, c.Enabled, c.Internal, c.GrantTypes, c.RedirectURIs, c.AccessType, c.Type,
			c.Scope, c.AccessTokenValiditySeconds, c.RefreshTokenValiditySeconds,
			c.Created, stale.Ago(now, c.Created), c.Modified, c.LastUsed, lastAgo, v.Stale(), v.String(),
		}
	}
	return report.Table{Columns: ReportColumns(), Rows: rows}
}

// Select is what the view would show of cs with the filter text applied
// (and only the stale ones, with staleOnly), least recently used first:
// `sailtui report clients` uses it.
func Select(cs []client.OAuthClient, text string, staleOnly bool, now time.Time, after time.Duration) []client.OAuthClient {
	t := BuildRows(cs, now, after)
	res := table.Compute(t, table.Query{Text: text, Sort: table.Sort{Col: int(ColLastUsed)}, Only: staleOnly}, nil,
		table.Rules[Row]{Order: SortedOrder, Only: (*Row).Stale, Weights: Weights()})
	out := make([]client.OAuthClient, len(res.Visible))
	for i, r := range res.Visible {
		out[i] = *t.Rows[r].Client
	}
	return out
}
