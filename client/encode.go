package client

import (
	"bytes"
	"encoding/json"
)

// encodeBody is json.Marshal without HTML escaping. encoding/json turns
// "<", ">" and "&" into \u003c escapes by default. A server decodes both
// forms to the same string, but then the bytes sent would differ from the
// patch patchdiff verified and previewed. A token named "a<b" is sent as typed.
func encodeBody(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
