// Package oauthclients is the API client list's rules, apart from any
// view: the rows derived from the loaded clients with the stale verdict,
// their sorting, and the report table. The Clients view and `sailtui
// report clients` select with the same rules.
package oauthclients

import (
	"strconv"
	"strings"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/match"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/table"
)

// Column identifies a table column; keys 1..9 sort by the column with
// that position.
type Column int

const (
	ColMark Column = iota
	ColName
	ColID
	ColGrants
	ColEnabled
	ColInternal
	ColScopes
	ColCreated
	ColModified
	ColLastUsed
	ColStale
	NumColumns
)

// SortKeys are the sortable columns in key order ("1" the first).
func SortKeys() []int {
	return []int{int(ColName), int(ColGrants), int(ColEnabled), int(ColInternal), int(ColScopes), int(ColCreated),
		int(ColModified), int(ColLastUsed), int(ColStale)}
}

// Row is one loaded client plus what is derived from it once per load.
type Row struct {
	Client *client.OAuthClient
	// Display text, sanitized once.
	Name, ShortID, Grants, Scopes string
	NameKey                       string
	NameRank                      uint32
	Verdict                       stale.Verdict
}

// Stale reports whether the row's client is stale.
func (r *Row) Stale() bool { return r.Verdict.Stale() }

// Weights rank a filter match: name over the id, then grants, scopes and
// the description.
func Weights() match.Weights { return match.Weights{3, 2, 1, 1, 1} }

// Judge is the stale rule for an API client: the tokens' rule, with no
// expiry (clients do not expire).
func Judge(c *client.OAuthClient, now time.Time, after time.Duration) stale.Verdict {
	return stale.Judge(stale.Facts{Created: c.Created, LastUsed: c.LastUsed}, now, after)
}

// ShortID shortens an id to what tells clients apart on screen: the
// first block of an OAuth 2.0 id, the first 8 of a legacy one.
func ShortID(id string) string {
	if i := strings.IndexByte(id, '-'); i > 0 {
		return id[:i]
	}
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// GrantsText is the grant types in short: "cc", "code+refresh".
func GrantsText(gs []string) string {
	short := map[string]string{client.GrantClientCredentials: "cc", client.GrantAuthorizationCode: "code", client.GrantRefreshToken: "refresh"}
	out := make([]string, 0, len(gs))
	for _, g := range gs {
		if s, ok := short[g]; ok {
			out = append(out, s)
		} else {
			out = append(out, strings.ToLower(g))
		}
	}
	return strings.Join(out, "+")
}

// ScopesText is the count and the first scopes: "2 idn:sources:read, …".
func ScopesText(scope []string) string {
	if len(scope) == 0 {
		return "all (no scope)"
	}
	return strconv.Itoa(len(scope)) + " " + strings.Join(scope, ", ")
}

// BuildRows derives rows from the loaded clients, judged at now against
// after. Searchable fields: name, id, grants, scopes, description.
func BuildRows(cs []client.OAuthClient, now time.Time, after time.Duration) table.Table[Row] {
	rows := make([]Row, len(cs))
	b := match.NewBuilder(len(cs), 5, 96)
	for i := range cs {
		c := &cs[i]
		r := &rows[i]
		r.Client = c
		r.Name = sanitize.Line(c.Name)
		r.ShortID = sanitize.Line(ShortID(c.ID))
		r.Grants = GrantsText(c.GrantTypes)
		r.Scopes = sanitize.Line(ScopesText(c.Scope))
		r.Verdict = Judge(c, now, after)
		desc := ""
		if c.Description != nil {
			desc = sanitize.Line(*c.Description)
		}
		b.Add(r.Name)
		b.Add(sanitize.Line(c.ID))
		b.Add(r.Grants)
		b.Add(r.Scopes)
		b.Add(desc)
		b.EndRow()
	}
	t := table.Table[Row]{Rows: rows, Index: b.Index()}
	names := match.DenseRanks(len(rows), func(i int) string { return t.Index.Field(int32(i), 0) })
	for i := range rows {
		rows[i].NameKey, rows[i].NameRank = t.Index.Field(int32(i), 0), names[i]
	}
	return t
}

// SortedOrder returns row indices ordered by spec; ties break on name,
// then id, so a refresh never shuffles equal rows.
func SortedOrder(rows []Row, spec table.Sort) []int32 {
	return table.KeyedOrder(len(rows), spec.Desc,
		func(i int) (int64, uint32) { return sortKey(&rows[i], Column(spec.Col)), rows[i].NameRank },
		func(i int) string { return rows[i].Client.ID })
}

func sortKey(r *Row, c Column) int64 {
	b := func(v bool) int64 {
		if v {
			return 1
		}
		return 0
	}
	cl := r.Client
	switch c {
	case ColGrants:
		return int64(len(cl.GrantTypes))<<8 | int64(len(r.Grants))
	case ColEnabled:
		return b(cl.Enabled)
	case ColInternal:
		return b(cl.Internal)
	case ColScopes:
		return int64(len(cl.Scope))
	case ColCreated:
		return cl.Created.UnixNano()
	case ColModified:
		return cl.Modified.UnixNano()
	case ColLastUsed:
		if cl.LastUsed == nil {
			return -1 << 62 // never used: the least recently used of all
		}
		return cl.LastUsed.UnixNano()
	case ColStale:
		// Stale first when descending; within, the oldest use first.
		return b(r.Stale())<<62 - r.Verdict.At.Unix()
	}
	return int64(r.NameRank)
}
