package client

import (
	"bytes"
	"encoding/json"
	"time"
)

// A token edited in sailtui is patched with `test` guards of its current
// values, which the server compares with what it stores. Go would spell a
// decoded expirationDate "2026-12-01T10:00:00.1Z" where the server wrote
// "...00.100Z", and drop a userAwareTokenNeverExpires=false the server
// sent, so a document rebuilt from the struct would fail its own guard.
// The struct keeps those two as the server sent them; MarshalJSON writes
// them back that way.

// patWire is the wire form without the methods (no recursion).
type patWire PersonalAccessToken

// UnmarshalJSON decodes the token and remembers how the server wrote
// expirationDate and whether it sent userAwareTokenNeverExpires.
func (p *PersonalAccessToken) UnmarshalJSON(data []byte) error {
	var aux struct {
		patWire
		ExpirationDate json.RawMessage `json:"expirationDate"`
		UserAware      json.RawMessage `json:"userAwareTokenNeverExpires"`
	}
	if err := json.Unmarshal(data, &aux); err != nil {
		return err
	}
	*p = PersonalAccessToken(aux.patWire)
	p.ExpirationDate, p.expirationText = nil, ""
	if raw := bytes.TrimSpace(aux.ExpirationDate); len(raw) > 0 && !bytes.Equal(raw, []byte("null")) {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return err
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return err
		}
		p.ExpirationDate, p.expirationText = &t, s
	}
	p.userAwareSent = len(aux.UserAware) > 0
	if p.userAwareSent {
		if err := json.Unmarshal(aux.UserAware, &p.UserAwareTokenNeverExpires); err != nil {
			return err
		}
	}
	return nil
}

// MarshalJSON writes the token as the server sent it where that matters
// for a guard (see above); a token built in Go marshals as before.
func (p PersonalAccessToken) MarshalJSON() ([]byte, error) {
	var aux struct {
		patWire
		ExpirationDate any   `json:"expirationDate"`
		UserAware      *bool `json:"userAwareTokenNeverExpires,omitempty"`
	}
	aux.patWire = patWire(p)
	switch {
	case p.ExpirationDate == nil:
		aux.ExpirationDate = nil
	case p.expirationText != "" && sameInstant(p.expirationText, *p.ExpirationDate):
		aux.ExpirationDate = p.expirationText
	default:
		aux.ExpirationDate = p.ExpirationDate
	}
	if p.userAwareSent || p.UserAwareTokenNeverExpires {
		v := p.UserAwareTokenNeverExpires
		aux.UserAware = &v
	}
	return encodeBody(aux)
}

func sameInstant(text string, t time.Time) bool {
	u, err := time.Parse(time.RFC3339Nano, text)
	return err == nil && u.Equal(t)
}
