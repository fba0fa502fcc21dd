package sandbox

import (
	"fmt"
	"strings"
	"time"

	"github.com/sailtui/sailtui/client"
)

// API clients of a seed: integrations as a tenant collects them over the
// years. In rotation: in daily use, stale, never used (old and new),
// disabled, internal (the product's own), and a browser app with the
// authorization code grant and its redirect URIs; legacy ids (16 letters
// and digits) on the oldest, OAuth 2.0 ids (with dashes) on the rest.

func clientBaseNames() []string {
	return []string{"ServiceNow connector", "Terraform pipeline", "Okta sync", "Power BI reports", "Jenkins deploy",
		"SIEM export (Splunk)", "HR feed (Workday)", "Legacy SOAP bridge", "Access review portal", "Slack approvals bot",
		"Data lake nightly", "Audit evidence collector"}
}

type clientKind int

const (
	clientDaily clientKind = iota
	clientStale
	clientNeverOld
	clientNeverNew
	clientDisabled
	clientInternal
	clientBrowser
	clientKinds
)

func (sd *seeder) clients(n int) {
	owners := sd.st.identOrd
	names, awkward := clientBaseNames(), awkwardNames()
	for i := range n {
		kind := clientKind(i % int(clientKinds))
		name := names[i%len(names)]
		if i >= len(names) {
			name = fmt.Sprintf("%s %d", name, i/len(names)+1)
		}
		if i%17 == 16 {
			name = awkward[(i/17)%len(awkward)]
		}
		desc := "Integration: " + strings.ToLower(names[i%len(names)])
		c := &clientRec{OwnerID: owners[sd.rng.IntN(min(len(owners), 8))], SecretHash: hashSecret(sd.hexID()),
			OAuthClient: client.OAuthClient{Name: name, Description: &desc, AccessTokenValiditySeconds: pick(sd, []int{750, 3600, 43200}),
				RefreshTokenValiditySeconds: 86400, GrantTypes: []string{client.GrantClientCredentials}, AccessType: client.AccessOffline,
				Type: client.ClientConfidential, Enabled: true, Scope: pick(sd, clientScopeSets())}}
		if i%3 == 0 {
			c.OwnerID = sd.st.adminID
		}
		sd.clientLifecycle(c, kind)
		c.ID = sd.clientID(c.Created)
		c.Modified = c.Created
		if sd.chance(0.3) {
			c.Modified = c.Created.Add(time.Duration(sd.rng.Int64N(int64(sd.now.Sub(c.Created)) + 1)))
		}
		sd.st.addClient(c)
	}
}

// clientLifecycle sets what a kind of client looks like.
func (sd *seeder) clientLifecycle(c *clientRec, kind clientKind) {
	switch kind {
	case clientDaily:
		c.Created, c.LastUsed = sd.daysAgo(30, 900), ptr(sd.daysAgo(0, 1))
	case clientStale:
		c.Created = sd.daysAgo(400, 1500)
		c.LastUsed = ptr(sd.daysAgo(120, 390))
	case clientNeverOld:
		c.Created = sd.daysAgo(200, 1400)
	case clientNeverNew:
		c.Created = sd.daysAgo(0, 10)
	case clientDisabled:
		c.Created, c.LastUsed, c.Enabled = sd.daysAgo(300, 1200), ptr(sd.daysAgo(150, 290)), false
	case clientInternal:
		c.Created, c.LastUsed, c.Internal = sd.daysAgo(700, 1600), ptr(sd.daysAgo(0, 1)), true
		c.Scope = []string{"sp:scopes:all"}
	case clientBrowser:
		c.Created, c.LastUsed = sd.daysAgo(60, 600), ptr(sd.daysAgo(2, 40))
		c.GrantTypes = []string{client.GrantAuthorizationCode, client.GrantRefreshToken}
		c.AccessType, c.Type = client.AccessOnline, client.ClientPublic
		c.RedirectURIs = []string{"https://portal.example.com/oauth/callback", "http://localhost:8080/callback"}
		c.StrongAuthSupported, c.ClaimsSupported = true, sd.chance(0.5)
	}
}

// clientID is the shape of the era: legacy before 2023, OAuth 2.0 after.
func (sd *seeder) clientID(created time.Time) string {
	if created.Before(sd.now.AddDate(-3, 0, 0)) {
		const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		b := make([]byte, 16)
		for i := range b {
			b[i] = alnum[sd.rng.IntN(len(alnum))]
		}
		return string(b)
	}
	h := sd.hexID()
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func clientScopeSets() [][]string {
	return [][]string{
		{"sp:scopes:all"},
		{"idn:sources:read", "idn:identities:read"},
		{"idn:access-requests:manage"},
		{"sp:oauth-client:read"},
		{"idn:workflows:manage", "idn:identities:read", "idn:sources:manage"},
	}
}

func ptr[T any](v T) *T { return &v }
