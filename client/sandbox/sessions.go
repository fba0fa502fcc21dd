package sandbox

import (
	"container/heap"
	"time"
)

// sessionExpiry orders issued sessions by the expiry they were issued
// with, so issuing a token prunes only sessions that have expired:
// O(log n) per token instead of a scan of every live session. An early
// expiry (a fault) leaves its entry in place; the session is dropped from
// the map when its original expiry comes round.
type sessionExpiry []expiryEntry

type expiryEntry struct {
	at    time.Time
	token string
}

func (h sessionExpiry) Len() int           { return len(h) }
func (h sessionExpiry) Less(i, j int) bool { return h[i].at.Before(h[j].at) }
func (h sessionExpiry) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *sessionExpiry) Push(x any)        { *h = append(*h, x.(expiryEntry)) }
func (h *sessionExpiry) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}

// addSession records sess and prunes the sessions expired by now. Called
// with s.mu held.
func (s *Server) addSession(sess *session, now time.Time) {
	for s.expiry.Len() > 0 && !s.expiry[0].at.After(now) {
		e := heap.Pop(&s.expiry).(expiryEntry)
		if cur, ok := s.sessions[e.token]; ok && !cur.expires.After(now) {
			delete(s.sessions, e.token)
		}
	}
	s.sessions[sess.token] = sess
	heap.Push(&s.expiry, expiryEntry{at: sess.expires, token: sess.token})
}
