package editdoc

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Members is a JSON object split into its top-level members, with their
// order: edits keep the server's key order, so a preview diffs only what
// changed.
type Members struct {
	Order  []string
	Values map[string]json.RawMessage
}

// Split reads doc (an object) into its members.
func Split(doc []byte) (Members, error) {
	values, err := decode(doc)
	if err != nil {
		return Members{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	if _, err := dec.Token(); err != nil {
		return Members{}, err
	}
	var order []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return Members{}, err
		}
		k, _ := tok.(string)
		order = append(order, k)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return Members{}, err
		}
	}
	return Members{Order: order, Values: values}, nil
}

// Set gives name a value, appending it when new.
func (m *Members) Set(name string, v json.RawMessage) {
	if _, ok := m.Values[name]; !ok {
		m.Order = append(m.Order, name)
	}
	m.Values[name] = v
}

// Delete removes name.
func (m *Members) Delete(name string) { delete(m.Values, name) }

// Join writes the members back as one object, in order.
func (m Members) Join() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	for _, k := range m.Order {
		v, ok := m.Values[k]
		if !ok {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		key, err := marshal(k)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", k, err)
		}
		b.Write(key)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
