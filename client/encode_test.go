package client

import (
	"encoding/json"
	"testing"
)

func TestEncodeBodyKeepsHTMLCharactersAndRawValues(t *testing.T) {
	ops := []JSONPatchOp{
		{Op: "test", Path: "/name", Value: json.RawMessage(`"a<b>&c"`)},
		{Op: "replace", Path: "/name", Value: json.RawMessage(`"x\u2028y <&>"`)},
	}
	got, err := patchBody(ops)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"op":"test","path":"/name","value":"a<b>&c"},{"op":"replace","path":"/name","value":"x\u2028y <&>"}]`
	if string(got) != want {
		t.Fatalf("patch body\n got %s\nwant %s", got, want)
	}
	body, err := encodeBody(CreatePATRequest{Name: "R&D <ops>"})
	if err != nil {
		t.Fatal(err)
	}
	if string(body) != `{"name":"R&D <ops>"}` {
		t.Fatalf("create body = %s", body)
	}
}
