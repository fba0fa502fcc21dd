package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/sailtui/sailtui/client"
)

// stateFormat versions the state file so an incompatible one is refused
// instead of half-loaded.
const stateFormat = 1

// stateFile is the persisted store. PAT secrets are stored only as SHA-256
// hashes.
type stateFile struct {
	Format         int                            `json:"format"`
	AdminID        string                         `json:"adminIdentityId"`
	UserID         string                         `json:"userIdentityId"`
	Identities     []*identityRec                 `json:"identities"`
	PATs           []*patRec                      `json:"personalAccessTokens"`
	Sources        []*client.AccountSource        `json:"accountSources"`
	AccessProfiles []*client.AccessProfileDetails `json:"accessProfiles"`
	Apps           []client.SourceApp             `json:"sourceApps"`
	Clients        []*clientRec                   `json:"oauthClients,omitempty"`
}

// stateCopy copies the store into a stateFile that may be encoded after
// Server.mu is released: records handlers change are copied, the ones they
// never change (account sources, access profiles) are shared. Called with
// Server.mu held; for 100,000 tokens it takes milliseconds, the encoding
// most of a second.
func (st *store) stateCopy() *stateFile {
	sf := &stateFile{Format: stateFormat, AdminID: st.adminID, UserID: st.userID,
		Identities: make([]*identityRec, 0, len(st.identOrd)), PATs: make([]*patRec, 0, len(st.patOrder)),
		Apps: make([]client.SourceApp, 0, len(st.appOrder))}
	for _, id := range st.identOrd {
		i := *st.idents[id]
		i.Assigned = slices.Clone(i.Assigned)
		sf.Identities = append(sf.Identities, &i)
	}
	for _, id := range st.patOrder {
		p := *st.pats[id]
		p.Scope, p.LastUsed, p.ExpirationDate = slices.Clone(p.Scope), cloneTime(p.LastUsed), cloneTime(p.ExpirationDate)
		sf.PATs = append(sf.PATs, &p)
	}
	for _, id := range st.srcOrder {
		sf.Sources = append(sf.Sources, st.sources[id])
	}
	for _, id := range st.apOrder {
		sf.AccessProfiles = append(sf.AccessProfiles, st.aps[id])
	}
	for _, id := range st.appOrder {
		sf.Apps = append(sf.Apps, st.apps[id].clone().SourceApp)
	}
	for _, id := range st.clientOrder {
		c := *st.clients[id]
		c.OAuthClient = c.wire()
		sf.Clients = append(sf.Clients, &c)
	}
	return sf
}

func (sf *stateFile) encode() []byte {
	data, err := json.MarshalIndent(sf, "", " ")
	if err != nil {
		// Only plain data types are encoded; this cannot happen.
		panic(fmt.Sprintf("sandbox: encoding state: %v", err))
	}
	return data
}

func storeFromState(sf *stateFile) (*store, error) {
	if sf.Format != stateFormat {
		return nil, fmt.Errorf("state format %d is not supported (want %d)", sf.Format, stateFormat)
	}
	st := newStore()
	st.adminID, st.userID = sf.AdminID, sf.UserID
	for _, i := range sf.Identities {
		if i == nil || i.ID == "" {
			return nil, errors.New("state has an identity without an id")
		}
		st.addIdentity(i)
	}
	if st.idents[st.adminID] == nil || st.idents[st.userID] == nil {
		return nil, errors.New("state lacks the admin or the user identity")
	}
	for _, p := range sf.PATs {
		if p == nil || p.ID == "" {
			return nil, errors.New("state has a personal access token without an id")
		}
		st.addPAT(p)
	}
	for _, s := range sf.Sources {
		if s != nil && s.ID != "" {
			st.addSource(s)
		}
	}
	for _, ap := range sf.AccessProfiles {
		if ap != nil && ap.ID != "" {
			st.addAccessProfile(ap)
		}
	}
	for _, a := range sf.Apps {
		if a.ID == "" {
			return nil, errors.New("state has a source app without an id")
		}
		if a.AccessProfiles == nil {
			a.AccessProfiles = []string{}
		}
		st.addApp(&appRec{a})
	}
	for _, c := range sf.Clients {
		if c == nil || c.ID == "" {
			return nil, errors.New("state has an API client without an id")
		}
		st.addClient(c)
	}
	return st, nil
}

// persister writes state files atomically (temp file, fsync, rename, fsync
// of the directory) and never lets an older snapshot overwrite a newer one.
type persister struct {
	path string
	log  *slog.Logger

	mu      sync.Mutex
	written uint64

	// One writer goroutine at a time saves the newest state; mutations
	// that arrive while it writes are saved by its next round, so a burst
	// of deletes costs a few snapshots, not one each under the store lock.
	runMu   sync.Mutex
	running bool
	done    chan struct{} // closed when the running writer exits
}

// load reads the state file; a missing file is (nil, nil).
func (p *persister) load() (*store, error) {
	data, err := os.ReadFile(p.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read state %s: %w", p.path, err)
	}
	var sf stateFile
	if err := json.Unmarshal(data, &sf); err != nil {
		return nil, fmt.Errorf("parse state %s: %w", p.path, err)
	}
	st, err := storeFromState(&sf)
	if err != nil {
		return nil, fmt.Errorf("load state %s: %w", p.path, err)
	}
	return st, nil
}

// write stores the snapshot of store version ver, unless a newer one has
// been written already (mutations persist after releasing the store lock,
// so they can arrive out of order).
func (p *persister) write(ver uint64, data []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if ver < p.written {
		return nil
	}
	if err := writeAtomic(p.path, data); err != nil {
		return fmt.Errorf("write state %s: %w", p.path, err)
	}
	p.written = ver
	return nil
}

func (p *persister) writtenVersion() uint64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.written
}

// schedulePersist makes sure a writer will save the store's current
// version. Call it after a mutation, without holding Server.mu.
func (s *Server) schedulePersist() {
	p := s.persist
	p.runMu.Lock()
	defer p.runMu.Unlock()
	if p.running {
		return // the running writer checks the version again before it stops
	}
	p.running, p.done = true, make(chan struct{})
	go s.persistLoop()
}

// persistLoop writes snapshots until the file holds the newest version.
func (s *Server) persistLoop() {
	p := s.persist
	for {
		p.runMu.Lock()
		s.mu.Lock()
		ver := s.st.version
		if ver <= p.writtenVersion() {
			s.mu.Unlock()
			p.running = false
			close(p.done)
			p.runMu.Unlock()
			return
		}
		sf := s.st.stateCopy()
		s.mu.Unlock()
		p.runMu.Unlock()
		if err := p.write(ver, sf.encode()); err != nil {
			s.log.Error("sandbox: persisting state failed", "err", err)
			p.mu.Lock()
			p.written = ver // do not spin on a failing disk; the next mutation tries again
			p.mu.Unlock()
		}
	}
}

// flushState waits until every mutation so far is on disk (or its write
// failed and was logged).
func (s *Server) flushState() {
	if s.persist == nil {
		return
	}
	s.schedulePersist()
	p := s.persist
	p.runMu.Lock()
	done := p.done
	p.runMu.Unlock()
	<-done
}

func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			_ = tmp.Close()
			_ = os.Remove(tmpName)
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmpName, path); err != nil {
		return err
	}
	ok = true
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // make the rename durable; not all filesystems support it
		_ = d.Close()
	}
	return nil
}
