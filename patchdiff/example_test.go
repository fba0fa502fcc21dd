package patchdiff_test

import (
	"fmt"

	"github.com/sailtui/sailtui/patchdiff"
)

func ExampleDiff() {
	current := []byte(`{"id":"p1","name":"Nightly","scope":["sp:scopes:all"],"expirationDate":"2026-12-01T00:00:00.000Z","userAwareTokenNeverExpires":false}`)
	edited := []byte(`{
  "id": "p2",
  "name": "Nightly",
  "scope": ["sp:scopes:all"],
  "expirationDate": null,
  "userAwareTokenNeverExpires": true
}`)
	r, err := patchdiff.Diff(current, edited, patchdiff.PATRules(true))
	if err != nil {
		fmt.Println(err)
		return
	}
	// The bytes to send: the ones Diff verified. json.Marshal would escape
	// "<", ">" and "&" in them.
	body, _ := r.Patch.MarshalJSON()
	fmt.Println(string(body))
	fmt.Println("rejected:", r.Rejected)
	// Output:
	// [{"op":"test","path":"/expirationDate","value":"2026-12-01T00:00:00.000Z"},{"op":"replace","path":"/expirationDate","value":null},{"op":"test","path":"/userAwareTokenNeverExpires","value":false},{"op":"replace","path":"/userAwareTokenNeverExpires","value":true}]
	// rejected: [id]
}

func ExamplePreview() {
	current := []byte(`{"name":"Payroll","description":"Payroll app","owner":{"id":"u1"},"accessProfiles":["ap1"]}`)
	edited := []byte(`{"name":"Payroll","description":"Payroll app","owner":{"id":"u2"},"accessProfiles":["ap1","ap2"]}`)
	r, err := patchdiff.Diff(current, edited, patchdiff.SourceAppRules())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(patchdiff.Preview(current, r))
	// Output:
	// --- current
	// +++ after patch
	// @@ -2,9 +2,10 @@
	//    "name": "Payroll",
	//    "description": "Payroll app",
	//    "owner": {
	// -    "id": "u1"
	// +    "id": "u2"
	//    },
	//    "accessProfiles": [
	// -    "ap1"
	// +    "ap1",
	// +    "ap2"
	//    ]
	//  }
	// replace /owner  {"id":"u1"} → {"id":"u2"}
	// replace /accessProfiles  ["ap1"] → ["ap1","ap2"]
	// note: accessProfiles is not guarded: the server's current value is unknown
}

func ExampleIsConflict() {
	current := []byte(`{"name":"Nightly","scope":["a"]}`)
	r, _ := patchdiff.Diff(current, []byte(`{"name":"Nightly","scope":["a","b"]}`), patchdiff.PATRules(false))
	// Meanwhile someone else changed the scope on the server.
	server := []byte(`{"name":"Nightly","scope":["c"]}`)
	_, err := patchdiff.Apply(server, r.Patch)
	fmt.Println(patchdiff.IsConflict(err))
	// Output: true
}
