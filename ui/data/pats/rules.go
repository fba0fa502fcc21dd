package pats

import (
	"cmp"
	"strings"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/ui/data/match"
	"github.com/sailtui/sailtui/ui/data/owners"
	"github.com/sailtui/sailtui/ui/data/sanitize"
	"github.com/sailtui/sailtui/ui/data/stale"
	"github.com/sailtui/sailtui/ui/data/table"
)

// Column identifies a column of the token list; the number keys 1..9 sort
// by the sortable ones (SortKeys).
type Column int

const (
	ColMark Column = iota
	ColName
	ColOwner
	ColScopes
	ColCreated
	ColLastUsed
	ColExpires
	ColManaged
	ColStale
	ColRisk
	NumColumns
)

// SortKeys lists the sortable columns in key order: key "1" sorts by the
// first, "2" by the second ...
func SortKeys() []int {
	return []int{int(ColName), int(ColOwner), int(ColScopes), int(ColCreated), int(ColLastUsed), int(ColExpires),
		int(ColManaged), int(ColStale), int(ColRisk)}
}

// Weights rank a filter match: name over owner over a scope.
func Weights() match.Weights { return match.Weights{3, 2, 1} }

// Rules are the token list's sort, stale-only filter, ranking and grouping
// by owner.
func Rules() table.Rules[Row] {
	return table.Rules[Row]{
		Order:   SortedOrder,
		Only:    func(r *Row) bool { return r.Stale != stale.NotStale },
		Weights: Weights(),
		Group:   OwnerGrouping(),
	}
}

// Compute applies a query to the rows as the Tokens view does.
func Compute(t table.Table[Row], q table.Query, prev *table.Result) table.Result {
	return table.Compute(t, q, prev, Rules())
}

// Select is what the Tokens view would show of toks with stale-only and
// the filter text applied, in its default order: `sailtui report` uses it,
// so a headless report and an X export of the same view agree.
func Select(toks []client.PersonalAccessToken, now time.Time, after time.Duration, staleOnly bool, text string) []client.PersonalAccessToken {
	return SelectWith(toks, now, after, staleOnly, text, nil, false)
}

// SelectWith is Select knowing the owners: with ownerRule, a token of an
// inactive owner is stale.
func SelectWith(toks []client.PersonalAccessToken, now time.Time, after time.Duration, staleOnly bool, text string,
	owner func(string) owners.Info, ownerRule bool) []client.PersonalAccessToken {
	if after <= 0 {
		after = stale.DefaultAfter
	}
	t := BuildRowsWith(toks, now, after, owner, ownerRule)
	res := Compute(t, table.Query{Sort: DefaultSort(), Only: staleOnly, Text: text}, nil)
	out := make([]client.PersonalAccessToken, len(res.Visible))
	for i, r := range res.Visible {
		out[i] = *t.Rows[r].Tok
	}
	return out
}

// Tallies of an owner's group (table.Group.N).
const (
	NTokens = iota
	NStale
	NManaged
)

// OwnerGrouping groups rows by owner id (by name when there is none).
// Groups are ordered by stale count, then size, then name.
func OwnerGrouping() *table.Grouping[Row] {
	return &table.Grouping[Row]{
		By: func(r *Row) (key, label string) { return OwnerKey(r.Tok.Owner), r.Owner },
		Tally: func(r *Row, n *[3]int) {
			n[NTokens]++
			if r.Stale != stale.NotStale {
				n[NStale]++
			}
			if r.Tok.Managed {
				n[NManaged]++
			}
		},
		Order: func(a, b *table.Group) int {
			return cmp.Or(cmp.Compare(b.N[NStale], a.N[NStale]), cmp.Compare(b.N[NTokens], a.N[NTokens]),
				cmp.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)))
		},
	}
}

// OwnerKey is the key of an owner's group.
func OwnerKey(o client.PatOwner) string {
	if o.ID == "" {
		return "name:" + sanitize.Line(OwnerLabel(o))
	}
	return o.ID
}

// Facts are what the stale rule reads of a token: a never-expiring token
// has no expiry, whatever date it carries.
func Facts(t *client.PersonalAccessToken) stale.Facts {
	f := stale.Facts{Created: t.Created, LastUsed: t.LastUsed}
	if !t.UserAwareTokenNeverExpires {
		f.Expires = t.ExpirationDate
	}
	return f
}

// Stale applies the stale rule to a token.
func Stale(t *client.PersonalAccessToken, now time.Time, after time.Duration) stale.Reason {
	return Explain(t, now, after).Reason
}

// Explain is Stale with its reasons.
func Explain(t *client.PersonalAccessToken, now time.Time, after time.Duration) stale.Verdict {
	return stale.Judge(Facts(t), now, after)
}

// ExplainWith is Explain knowing the owner: an inactive one is a reason
// of its own.
func ExplainWith(t *client.PersonalAccessToken, now time.Time, after time.Duration, o owners.Info) stale.Verdict {
	f := Facts(t)
	if o.Inactive() {
		f.OwnerInactive = o.Label()
	}
	return stale.Judge(f, now, after)
}
