package confirm

import "testing"

// Letters typed into the dialog by mistake (a word meant for the filter,
// then enter) never confirm: Cancel keeps focus and enter cancels.
func TestTypedWordThenEnterCancels(t *testing.T) {
	for _, word := range []string{"delete", "hello", "lll"} {
		m := newDialog(Request{Count: 1, Examples: []string{"ci-bot"}})
		keys := typeString(word)
		m, res := send(t, m, append(keys, keyEnter)...)
		if res == nil || res.Confirmed {
			t.Fatalf("%q + enter: %+v (focus %v)", word, res, m.focus)
		}
	}
}
