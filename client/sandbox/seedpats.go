package sandbox

import (
	"fmt"
	"time"
)

// patKind is the life story of a seeded token. Every kind appears, in
// rotation, so even a small seed shows each one.
type patKind int

const (
	kindRecent        patKind = iota // used in the last week
	kindStale                        // last used 100–600 days ago
	kindNeverUsedOld                 // never used, created long ago (stale)
	kindNeverUsedNew                 // never used, created days ago (not stale yet)
	kindExpired                      // expirationDate in the past
	kindNeverExpiring                // no expirationDate, userAwareTokenNeverExpires
	kindManaged                      // platform-managed (Workflows), in use
	kindCount
)

// kindManagedOrphan is a managed token whose workflow was deleted: it never
// expires, so it lingers, unused for over a year or never used. Not in the
// rotation: every third managed slot becomes one, so the default seed has a
// few and a stale cleanup meets managed tokens it must leave alone.
const kindManagedOrphan = kindCount

func patBaseNames() []string {
	return []string{"CI pipeline", "Terraform", "Nightly export", "ServiceNow sync", "Backup job",
		"Jenkins", "GitHub Actions", "Postman", "Reporting", "Migration 2023", "Grafana",
		"Audit script", "sail CLI", "PowerShell module", "Data lake loader", "Access review bot"}
}

func scopeSets() [][]string {
	return [][]string{
		{"sp:scopes:all"},
		{"sp:scopes:all"},
		{"sp:scopes:default"},
		{"sp:my-personal-access-tokens:read"},
		{"sp:all-personal-access-tokens:read", "sp:all-personal-access-tokens:manage"},
		{"sp:app-roles:read", "sp:app-roles:manage"},
		{"sp:scopes:default", "sp:app-roles:read", "idn:sources:read", "idn:workflows:manage"},
	}
}

func (sd *seeder) pats(n int) {
	st := sd.st
	names, awk, scopes := patBaseNames(), awkwardNames(), scopeSets()
	for i := range n {
		kind := patKind(i % int(kindCount))
		if kind == kindManaged && (i/int(kindCount))%3 == 1 {
			kind = kindManagedOrphan
		}
		owner := st.identOrd[sd.rng.IntN(len(st.identOrd))]
		switch {
		case i < 4:
			owner = st.userID // the non-admin sees a few tokens of their own
		case i%5 == 0 && i < smallSeed:
			owner = st.adminID // the admin owns a fifth of a small seed
		}
		name := names[(i/int(kindCount)+i)%len(names)]
		if i%4 == 3 && i/4 < len(awk) {
			name = awk[i/4]
		}
		if kind == kindManaged || kind == kindManagedOrphan {
			name = "Workflow: " + name
		}
		name = sd.uniqueName(owner, name)
		p := &patRec{
			ID: sd.hexID(), Name: name, SecretHash: hashSecret(sd.hexID()), OwnerID: owner,
			Scope: append([]string(nil), scopes[sd.rng.IntN(len(scopes))]...), AccessTokenValiditySeconds: 43200,
		}
		switch sd.rng.IntN(8) {
		case 0:
			p.AccessTokenValiditySeconds = 3600
		case 1:
			p.AccessTokenValiditySeconds = 900
		}
		sd.lifecycle(p, kind)
		st.addPAT(p)
	}
}

// lifecycle fills created, lastUsed, expiry and flags for a kind.
func (sd *seeder) lifecycle(p *patRec, kind patKind) {
	future := func() *time.Time {
		t := sd.now.Add(time.Duration(10+sd.rng.IntN(170)) * 24 * time.Hour).Truncate(time.Second)
		return &t
	}
	used := func(lo, hi int, created time.Time) *time.Time {
		t := sd.daysAgo(lo, hi)
		if t.Before(created) {
			t = sd.between(created)
		}
		return &t
	}
	switch kind {
	case kindRecent:
		p.Created = sd.daysAgo(30, 400)
		p.LastUsed = used(0, 6, p.Created)
		p.ExpirationDate = future()
	case kindStale:
		p.Created = sd.daysAgo(200, 1000)
		p.LastUsed = used(100, 600, p.Created)
		p.ExpirationDate = future()
	case kindNeverUsedOld:
		p.Created = sd.daysAgo(100, 900)
		p.ExpirationDate = future()
	case kindNeverUsedNew:
		p.Created = sd.daysAgo(0, 10)
		p.ExpirationDate = future()
	case kindExpired:
		p.Created = sd.daysAgo(200, 800)
		exp := sd.daysAgo(1, 150)
		p.ExpirationDate = &exp
		if sd.chance(0.6) {
			p.LastUsed = used(160, 400, p.Created)
		}
	case kindNeverExpiring:
		p.Created = sd.daysAgo(30, 1200)
		p.UserAwareTokenNeverExpires = true
		if sd.chance(0.7) {
			p.LastUsed = used(0, 300, p.Created)
		}
	case kindManaged:
		p.Managed = true
		p.Created = sd.daysAgo(10, 700)
		p.UserAwareTokenNeverExpires = true
		if sd.chance(0.85) {
			p.LastUsed = used(0, 30, p.Created)
		} else {
			p.Created = sd.daysAgo(0, 20) // a new workflow that has not run yet
		}
	case kindManagedOrphan:
		p.Managed = true
		p.Created = sd.daysAgo(500, 1400)
		p.UserAwareTokenNeverExpires = true
		if sd.chance(0.7) {
			// Last used while the workflow still ran: over a year ago.
			lastRun := sd.now.Add(-380 * 24 * time.Hour)
			t := p.Created.Add(time.Duration(sd.rng.Int64N(int64(lastRun.Sub(p.Created)))))
			p.LastUsed = &t
		}
	}
	p.Created = p.Created.Truncate(time.Millisecond)
	if p.LastUsed != nil {
		t := p.LastUsed.Truncate(time.Millisecond)
		p.LastUsed = &t
	}
}

// uniqueName returns name, or "name (k)" with the smallest free k >= 2,
// unique among owner's seeded tokens; it records the result.
func (sd *seeder) uniqueName(owner, name string) string {
	base := ownedName{owner, name}
	key := base
	if _, taken := sd.names[key]; taken {
		k := max(sd.suffix[base], 2)
		for {
			key.name = fmt.Sprintf("%s (%d)", name, k)
			k++
			if _, taken := sd.names[key]; !taken {
				break
			}
		}
		sd.suffix[base] = k
	}
	sd.names[key] = struct{}{}
	return key.name
}
