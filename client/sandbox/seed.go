package sandbox

import (
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/sailtui/sailtui/client"
)

// seeder builds deterministic tenant data: the same seed, sizes and clock
// always give the same store.
type seeder struct {
	rng *rand.Rand
	now time.Time
	st  *store
	// names holds every (owner, name) seeded so far, and suffix the next
	// " (k)" to try per (owner, base name): unique names in constant time
	// (a scan of the store per token made big seeds quadratic).
	names  map[ownedName]struct{}
	suffix map[ownedName]int
	named  int // identities with fixed names; the generated workforce follows
}

// ownedName is a token name within one owner's namespace.
type ownedName struct{ owner, name string }

func seed(seedVal int64, nTokens, nApps, nClients int, now time.Time) *store {
	sd := &seeder{rng: rand.New(rand.NewPCG(uint64(seedVal), 0x5eedda7a)), now: now.UTC().Truncate(time.Millisecond), st: newStore(),
		names: map[ownedName]struct{}{}, suffix: map[ownedName]int{}}
	sd.identities(workforce(max(nTokens, 0)))
	sd.sources()
	sd.apps(max(nApps, 0))
	sd.pats(max(nTokens, 0))
	sd.clients(max(nClients, 0))
	sd.people()
	return sd.st
}

func (sd *seeder) hexID() string {
	var b [16]byte
	for i := range b {
		b[i] = byte(sd.rng.UintN(256))
	}
	return hex.EncodeToString(b[:])
}

func (sd *seeder) chance(p float64) bool { return sd.rng.Float64() < p }

// daysAgo is a time between lo and hi days before now, at a random second.
func (sd *seeder) daysAgo(lo, hi int) time.Time {
	d := time.Duration(lo)*24*time.Hour + time.Duration(sd.rng.Int64N(int64(max(hi-lo, 1))*24*3600*1000))*time.Millisecond
	return sd.now.Add(-d)
}

func pick[T any](sd *seeder, xs []T) T { return xs[sd.rng.IntN(len(xs))] }

// Awkward strings: unicode, CJK and emoji, right-to-left, very long, and
// terminal control sequences (clear screen, OSC 52 clipboard write, colours)
// that a renderer must neutralise.
func awkwardNames() []string {
	return []string{
		"日本語のトークン",
		"🚀 deploy bot 🔑",
		"Très long — " + strings.Repeat("a very long name that keeps going ", 6) + "(end)",
		"\x1b[2J\x1b[Hwipe-screen",
		"\x1b]52;c;ZWNobyBwd25lZA==\x07clipboard-hijack",
		"\x1b[31mred\x1b[0m alert",
		"tab\tand\nnewline",
		"family 👩‍👩‍👧‍👦 zwj",
		"مفتاح الوصول",
		"RTL \u202edesrever\u202c override",
		"Ελληνικά · Ünïcødé",
		"  padded name  ",
	}
}

func identityNames() []string {
	return []string{
		"Ada Lovelace", "José Álvarez-Núñez", "Zoë Ørsted", "李小龙", "田中 太郎", "Ngọc Trần",
		"محمد الأحمد", "Workflow Service 🤖", "Søren Kierkegård", "Ёлка Иванова",
		"Mal\x1b[31mlory\x1b[0m \x1b]52;c;aGk=\x07Evil", `O'Brien "Quotes" McGee`,
	}
}

// workforce is how many generated identities join the named ones: none for
// a small seed, and enough for a big one that people own about ten tokens
// each (the UI's cap per user), as in a large real tenant.
func workforce(nTokens int) int { return max(0, (nTokens-smallSeed)/10) }

// smallSeed is the size up to which seeds keep their fixed cast of
// identities and the admin's share of tokens.
const smallSeed = 200

func firstNames() []string {
	return []string{"Amara", "Bjorn", "Chiara", "Dmitri", "Elif", "Farah", "Gustavo", "Hana", "Ikechukwu",
		"Jana", "Kenji", "Léa", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sione", "Tomasz",
		"Ursula", "Vikram", "Wen", "Xochitl", "Yusuf", "Zanele"}
}

func lastNames() []string {
	return []string{"Abara", "Berg", "Costa", "Dubois", "Eriksen", "Fernández", "García", "Hoffmann",
		"Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "O'Neill", "Petrov", "Quispe",
		"Rossi", "Singh", "Tanaka", "Ueda", "Varga", "Wójcik", "Xu", "Yilmaz", "Zhang"}
}

func (sd *seeder) identities(generated int) {
	st := sd.st
	admin := &identityRec{ID: sd.hexID(), Name: "Sandbox Admin", Alias: "sandbox.admin",
		Authorities: []string{authorityOrgAdmin}, Rights: adminRights()}
	user := &identityRec{ID: sd.hexID(), Name: "Uma Nonadmin", Alias: "uma.nonadmin",
		Authorities: []string{"USER"}, Rights: userRights()}
	st.adminID, st.userID = admin.ID, user.ID
	st.addIdentity(admin)
	st.addIdentity(user)
	for _, n := range identityNames() {
		alias := strings.ToLower(strings.Join(strings.Fields(n), "."))
		st.addIdentity(&identityRec{ID: sd.hexID(), Name: n, Alias: alias, Authorities: []string{"USER"}, Rights: userRights()})
	}
	sd.named = len(st.identOrd)
	first, last := firstNames(), lastNames()
	for k := range generated {
		f, l := first[k%len(first)], last[(k/len(first))%len(last)]
		name := f + " " + l
		if round := k / (len(first) * len(last)); round > 0 {
			name = fmt.Sprintf("%s %c. %s", f, 'A'+rune((round-1)%26), l) // a middle initial keeps names apart
		}
		alias := strings.ToLower(fmt.Sprintf("%s.%s%d", f, l, k))
		st.addIdentity(&identityRec{ID: sd.hexID(), Name: name, Alias: alias, Authorities: []string{"USER"}, Rights: userRights()})
	}
}

func (sd *seeder) sources() {
	names := []string{"Active Directory", "Workday HR", "ServiceNow", "Okta 日本", "SAP ECC",
		"GitHub 🐙", "Salesforce", "Mainframe RACF"}
	roles := []string{"Read Only", "Administrators", "Developers", "Finance Approvers", "Help Desk", "Auditors"}
	for i, n := range names {
		src := &client.AccountSource{ID: sd.hexID(), Type: "SOURCE", Name: n, UseForPasswordManagement: i%3 == 0}
		if i%2 == 0 {
			src.PasswordPolicies = []client.BaseReference{{Type: "PASSWORD_POLICY", ID: sd.hexID(), Name: n + " password policy"}}
		}
		sd.st.addSource(src)
		srcNum := int64(100000 + i)
		for j := range 2 + sd.rng.IntN(4) {
			created := sd.daysAgo(60, 1500)
			desc := fmt.Sprintf("%s access to %s", roles[j%len(roles)], n)
			ents := make([]string, 1+sd.rng.IntN(4))
			for k := range ents {
				ents[k] = sd.hexID()
			}
			sd.st.addAccessProfile(&client.AccessProfileDetails{
				ID: sd.hexID(), Name: n + " – " + roles[j%len(roles)], Description: &desc,
				Created: created, Modified: sd.between(created), Disabled: sd.chance(0.15),
				Requestable: sd.chance(0.7), Protected: sd.chance(0.1),
				OwnerID: pick(sd, sd.st.identOrd), SourceID: &srcNum, SourceName: n,
				ApplicationID: src.ID, Type: "source", Entitlements: ents, EntitlementCount: len(ents),
				Segments: []string{}, ApprovalSchemes: "manager,sourceOwner", RevokeRequestApprovalSchemes: "manager",
				RequestCommentsRequired: sd.chance(0.3), DeniedCommentsRequired: sd.chance(0.2),
				AccountSelector: []byte(`{"selectors":null}`),
			})
		}
	}
}

// between is a time between t and now.
func (sd *seeder) between(t time.Time) time.Time {
	span := sd.now.Sub(t)
	if span <= 0 {
		return t
	}
	return t.Add(time.Duration(sd.rng.Int64N(int64(span/time.Millisecond)+1)) * time.Millisecond)
}

func (sd *seeder) apps(n int) {
	st := sd.st
	base := []string{"Payroll Portal", "Expense Tracker", "Jira Cloud", "Confluence", "Slack", "Zoom",
		"AWS Console", "Azure Portal", "GitHub Enterprise", "Datadog", "PagerDuty", "Snowflake",
		"Tableau", "HubSpot", "Zendesk", "Figma", "Miro", "Notion", "1Password", "Okta Dashboard"}
	teams := []string{"Finance", "Engineering", "Sales", "HR", "Support", "Security"}
	awk := awkwardNames()
	for i := range n {
		name := base[i%len(base)]
		if i >= len(base) {
			name = fmt.Sprintf("%s (%s %d)", name, teams[i%len(teams)], i/len(base)+1)
		}
		if i%5 == 4 && i/5 < len(awk) {
			name = awk[i/5] + " app"
		}
		created := sd.daysAgo(30, 1500)
		a := &appRec{client.SourceApp{
			ID: sd.hexID(), CloudAppID: fmt.Sprint(9_000_000 + sd.rng.IntN(999_999)), Name: name,
			Description: fmt.Sprintf("Access to %s for the %s team", strings.TrimSpace(name), pick(sd, teams)),
			Created:     created, Modified: sd.between(created),
			Enabled: sd.chance(0.75), ProvisionRequestEnabled: sd.chance(0.6),
			AppCenterEnabled: sd.chance(0.8), MatchAllAccounts: sd.chance(0.2),
			AccessProfiles: []string{},
		}}
		if i%9 == 8 {
			a.Description = "Line one\nline two \x1b[1mbold\x1b[0m ✓"
		}
		if !sd.chance(0.1) {
			srcID := pick(sd, st.srcOrder)
			src := *st.sources[srcID]
			a.AccountSource = &src
			for _, apID := range st.apOrder {
				if st.aps[apID].ApplicationID == srcID && sd.chance(0.5) {
					a.AccessProfiles = append(a.AccessProfiles, apID)
				}
			}
		}
		if !sd.chance(0.05) {
			o := st.idents[pick(sd, st.identOrd)]
			a.Owner = &client.BaseReference{Type: "IDENTITY", ID: o.ID, Name: o.Name}
		}
		st.addApp(a)
		sd.assign(a.ID)
	}
}

// assign gives an app to about a quarter of the named identities and to a
// few people of the workforce, so the work stays linear in apps + people.
func (sd *seeder) assign(appID string) {
	st := sd.st
	for _, id := range st.identOrd[:sd.named] {
		if sd.chance(0.25) {
			st.idents[id].Assigned = append(st.idents[id].Assigned, appID)
		}
	}
	if workforce := st.identOrd[sd.named:]; len(workforce) > 0 {
		for range 1 + sd.rng.IntN(8) {
			id := workforce[sd.rng.IntN(len(workforce))]
			if !slices.Contains(st.idents[id].Assigned, appID) {
				st.idents[id].Assigned = append(st.idents[id].Assigned, appID)
			}
		}
	}
}
