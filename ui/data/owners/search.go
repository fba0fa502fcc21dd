package owners

import (
	"context"
	"fmt"
	"strings"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/filter"
)

// Search finds identities by what an admin types when the identity owns
// nothing sailtui has loaded: an email address, an alias, a first or a
// last name, or "First Last". The public identity list filters on those
// fields only (not on the display name), so "Ada Lovelace" is asked as
// firstname and lastname. At most 50 are returned, by name.
func Search(ctx context.Context, svc Service, text string) ([]client.PublicIdentity, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	var expr filter.Expr
	words := strings.Fields(text)
	switch {
	case strings.Contains(text, "@"):
		expr = filter.Eq("email", text)
	case len(words) == 1:
		expr = filter.Or(filter.Eq("alias", text), filter.Eq("firstname", text), filter.Eq("lastname", text))
	default:
		expr = filter.And(filter.Eq("firstname", words[0]), filter.Eq("lastname", words[len(words)-1]))
	}
	page, err := svc.ListPublicIdentities(ctx, client.ListIdentitiesOptions{Filters: expr.String(), Limit: 50, Sorters: "name"})
	if err != nil {
		return nil, fmt.Errorf("search identities for %q: %w", text, err)
	}
	return page.Items, nil
}
