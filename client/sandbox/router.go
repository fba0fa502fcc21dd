package sandbox

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	jsonpatch "github.com/evanphx/json-patch/v5"

	"github.com/sailtui/sailtui/client"
)

// family is an API path family: beta, v3, v2024, v2025, v2026 or v1 (the
// per-service paths /personal-access-tokens/v1 and /source-apps/v1).
type family string

const (
	famBeta  family = "beta"
	famV3    family = "v3"
	famV2024 family = "v2024"
	famV2025 family = "v2025"
	famV2026 family = "v2026"
	famV1    family = "v1"
)

// modern reports whether the family has userAwareTokenNeverExpires,
// nullable expirationDate and the "no upper limit" expiry rules.
func (f family) modern() bool { return f == famV2025 || f == famV2026 || f == famV1 }

type resource int

const (
	resPATs resource = iota
	resApps
	resClients
	resIdentities
	resAuthUsers
)

// route is a parsed API path: which family and resource, and the path
// segments after the collection (e.g. ["{id}", "access-profiles"]).
type route struct {
	family   family
	resource resource
	rest     []string
}

func parseRoute(path string) (route, bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	if len(segs) < 2 {
		return route{}, false
	}
	for _, s := range segs[2:] {
		if s == "" {
			return route{}, false
		}
	}
	switch {
	case segs[0] == "personal-access-tokens" && segs[1] == "v1":
		return route{famV1, resPATs, segs[2:]}, true
	case segs[0] == "source-apps" && segs[1] == "v1":
		return route{famV1, resApps, segs[2:]}, true
	case segs[0] == "oauth-clients" && segs[1] == "v1":
		return route{famV1, resClients, segs[2:]}, true
	case segs[0] == "public-identities" && segs[1] == "v1":
		return route{famV1, resIdentities, segs[2:]}, true
	case segs[0] == "auth-users" && segs[1] == "v1":
		return route{famV1, resAuthUsers, segs[2:]}, true
	}
	f := family(segs[0])
	switch f {
	case famBeta, famV3, famV2024, famV2025, famV2026:
	default:
		return route{}, false
	}
	switch segs[1] {
	case "personal-access-tokens":
		return route{f, resPATs, segs[2:]}, true
	case "oauth-clients":
		return route{f, resClients, segs[2:]}, true
	case "public-identities", "auth-users":
		if f == famBeta {
			return route{}, false // beta mounts neither
		}
		res := resIdentities
		if segs[1] == "auth-users" {
			res = resAuthUsers
		}
		return route{f, res, segs[2:]}, true
	case "source-apps":
		if f == famV3 {
			return route{}, false // source apps do not exist in v3
		}
		return route{f, resApps, segs[2:]}, true
	}
	return route{}, false
}

// maxBody bounds request bodies; the largest legitimate one (a 50-app
// bulk update) is a few kilobytes.
const maxBody = 1 << 20

// ServeHTTP answers one request: token endpoint, or an API call through
// authentication, fault injection, rate limiting and the handlers.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	// Every answer carries its tracking id, as ISC's gateway sends it; an
	// error body repeats the same id.
	w.Header().Set(client.TrackingHeader, newTrackingID())
	if s.log.Enabled(r.Context(), slog.LevelDebug) {
		lw := &loggingWriter{ResponseWriter: w}
		start := time.Now()
		defer func() { s.logRequest(r, lw.status, time.Since(start)) }()
		w = lw
	}
	if d := s.faults.latency(); d > 0 {
		if !sleepCtx(r.Context(), d) {
			return
		}
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	switch r.URL.Path {
	case "/oauth/token":
		s.handleToken(w, r)
		return
	case "/oauth/info":
		s.handleInfo(w, r)
		return
	}
	rt, ok := parseRoute(r.URL.Path)
	if !ok {
		writeAPIError(w, notFound("The requested resource %s was not found.", r.URL.Path))
		return
	}
	sess, msg := s.authenticate(r)
	if sess == nil {
		write401(w, msg)
		return
	}
	if s.faults.expireEarly() {
		s.expireSession(sess)
		s.injected.Add(1)
		s.expired.Add(1)
		write401(w, "JWT validation failed: JWT is expired")
		return
	}
	if wait, ok := s.limiter.allow(sess.clientID+"|"+string(rt.family), s.now()); !ok {
		s.limited.Add(1)
		write429(w, wait)
		return
	}
	fault := s.faults.next()
	switch fault.kind {
	case faultBurst429:
		s.limited.Add(1)
		write429(w, fault.retryAfter)
		return
	case faultStatus:
		s.injected.Add(1)
		if fault.status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", "1") // as a gateway would when overloaded
		}
		writeAPIError(w, &apiError{status: fault.status, msgs: []string{"Injected fault: the sandbox was asked to fail this request."}})
		return
	case faultDropBefore:
		if s.drop(w) {
			return
		}
	case faultDropAfter:
		buf := newBufferedWriter()
		s.dispatch(buf, r, rt, sess)
		if s.drop(w) {
			return
		}
		buf.flushTo(w)
		return
	}
	s.dispatch(w, r, rt, sess)
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// dispatch picks the handler for a route and method.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request, rt route, sess *session) {
	if rt.resource == resApps && rt.family != famBeta && !strings.EqualFold(strings.TrimSpace(r.Header.Get("X-SailPoint-Experimental")), "true") {
		writeExperimental400(w)
		return
	}
	var h func(http.ResponseWriter, *http.Request, route, *session)
	var allow string
	switch rt.resource {
	case resPATs:
		h, allow = s.patHandler(r.Method, rt.family, rt.rest)
	case resClients:
		h, allow = s.clientHandler(r.Method, rt.rest)
	case resIdentities:
		h, allow = s.identityHandler(r.Method, rt.rest)
	case resAuthUsers:
		h, allow = s.authUserHandler(r.Method, rt.rest)
	default:
		h, allow = s.appHandler(r.Method, rt.rest)
	}
	switch {
	case h != nil:
		h(w, r, rt, sess)
	case allow != "":
		w.Header().Set("Allow", allow)
		writeAPIError(w, &apiError{status: http.StatusMethodNotAllowed, msgs: []string{"Request method '" + r.Method + "' is not supported for " + r.URL.Path}})
	default:
		writeAPIError(w, notFound("The requested resource %s was not found.", r.URL.Path))
	}
}

func (s *Server) patHandler(method string, fam family, rest []string) (func(http.ResponseWriter, *http.Request, route, *session), string) {
	switch len(rest) {
	case 0:
		switch method {
		case http.MethodGet:
			return s.listPATs, ""
		case http.MethodPost:
			return s.createPAT, ""
		}
		return nil, "GET, POST"
	case 1:
		if rest[0] == "bulk-update" && fam == famV1 {
			switch {
			case s.opts.NoPATBulkUpdate: // a tenant from before it
				return nil, ""
			case method == http.MethodPatch || method == http.MethodPost:
				return s.bulkUpdatePATs, ""
			}
			return nil, "PATCH, POST"
		}
		switch method {
		case http.MethodPatch:
			return s.patchPAT, ""
		case http.MethodDelete:
			return s.deletePAT, ""
		}
		return nil, "PATCH, DELETE"
	}
	return nil, ""
}

func (s *Server) appHandler(method string, rest []string) (func(http.ResponseWriter, *http.Request, route, *session), string) {
	switch {
	case len(rest) == 0:
		switch method {
		case http.MethodGet:
			return s.listAvailableApps, ""
		case http.MethodPost:
			return s.createApp, ""
		}
		return nil, "GET, POST"
	case len(rest) == 1 && rest[0] == "all" && method == http.MethodGet:
		return s.listAllApps, ""
	case len(rest) == 1 && rest[0] == "assigned" && method == http.MethodGet:
		return s.listAssignedApps, ""
	case len(rest) == 1 && rest[0] == "bulk-update" && method == http.MethodPost:
		return s.bulkUpdateApps, ""
	case len(rest) == 1:
		switch method {
		case http.MethodGet:
			return s.getApp, ""
		case http.MethodPatch:
			return s.patchApp, ""
		case http.MethodDelete:
			return s.deleteApp, ""
		}
		return nil, "GET, PATCH, DELETE"
	case len(rest) == 2 && rest[1] == "access-profiles":
		if method == http.MethodGet {
			return s.listAccessProfiles, ""
		}
		return nil, "GET"
	case len(rest) == 3 && rest[1] == "access-profiles" && rest[2] == "bulk-remove":
		if method == http.MethodPost {
			return s.bulkRemoveAccessProfiles, ""
		}
		return nil, "POST"
	}
	return nil, ""
}

// readBody reads a request body, turning an oversized one into a 400.
func readBody(r *http.Request) ([]byte, *apiError) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, badRequest("Could not read the request body: %v", err)
	}
	return b, nil
}

// jsonBody checks the Content-Type and reads an application/json body.
func jsonBody(r *http.Request) ([]byte, *apiError) {
	if aerr := requireContentType(r, "application/json"); aerr != nil {
		return nil, aerr
	}
	return readBody(r)
}

// patchBody reads a PATCH request: an application/json-patch+json body
// whose operations touch only the allowed fields of what is patched.
func patchBody(r *http.Request, allowed []string, what string) (jsonpatch.Patch, []patchOp, *apiError) {
	if aerr := requireContentType(r, "application/json-patch+json"); aerr != nil {
		return nil, nil, aerr
	}
	body, aerr := readBody(r)
	if aerr != nil {
		return nil, nil, aerr
	}
	return decodePatch(body, allowed, what)
}

// requireContentType checks the media type of a body-carrying request.
func requireContentType(r *http.Request, want string) *apiError {
	ct := r.Header.Get("Content-Type")
	mt, _, _ := strings.Cut(ct, ";")
	if !strings.EqualFold(strings.TrimSpace(mt), want) {
		if ct == "" {
			ct = "none"
		}
		return badRequest("Content-Type must be %s (got %s).", want, ct)
	}
	return nil
}

// mutate runs fn with the store locked and, when it succeeds and a state
// file is configured, has the new state saved in the background.
func (s *Server) mutate(fn func(st *store) *apiError) *apiError {
	err := func() *apiError {
		s.mu.Lock()
		defer s.mu.Unlock() // released even if fn panics
		if err := fn(s.st); err != nil {
			return err
		}
		s.st.version++
		return nil
	}()
	if err == nil && s.persist != nil {
		s.schedulePersist()
	}
	return err
}

// logRequest logs one exchange at debug level. The query string is left
// out for /oauth/token, where it may carry the client secret.
func (s *Server) logRequest(r *http.Request, status int, d time.Duration) {
	target := r.URL.Path
	if r.URL.Path != "/oauth/token" && r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	if status == 0 {
		status = http.StatusOK
	}
	s.log.Debug("sandbox request", "method", r.Method, "target", target, "status", status, "duration", d)
}

// loggingWriter records the status for the request log and keeps the
// connection hijackable for the drop fault.
type loggingWriter struct {
	http.ResponseWriter
	status int
}

func (l *loggingWriter) WriteHeader(code int) {
	if l.status == 0 {
		l.status = code
	}
	l.ResponseWriter.WriteHeader(code)
}

func (l *loggingWriter) Write(b []byte) (int, error) {
	if l.status == 0 {
		l.status = http.StatusOK
	}
	return l.ResponseWriter.Write(b)
}

func (l *loggingWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := l.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, http.ErrNotSupported
	}
	l.status = -1 // dropped
	return hj.Hijack()
}
