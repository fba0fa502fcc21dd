package filter

import (
	"strings"
	"testing"
	"time"
)

type record map[string]any

func (r record) get(f string) (any, bool) {
	v, ok := r[f]
	return v, ok
}

func TestEval(t *testing.T) {
	used := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	var never *time.Time
	recent := record{"name": "Prod Sync", "lastUsed": &used, "enabled": true, "n": 5, "scope": []string{"sp:scopes:all", "x"}}
	unused := record{"name": "ci-bot", "lastUsed": never, "enabled": false, "n": 7.5}
	cut := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		f          string
		recent, un bool
	}{
		{`lastUsed isnull`, false, true},
		{`pr lastUsed`, true, false},
		{`lastUsed le 2025-01-01T00:00:00Z`, true, false},
		{`lastUsed isnull or lastUsed le 2024-01-01T00:00:00Z`, false, true},
		{`name eq "prod sync"`, true, false},
		{`name ne "prod sync"`, false, true},
		{`name co "SYNC"`, true, false},
		{`name sw "ci"`, false, true},
		{`name gt "d"`, true, false},
		{`name in ("x", "CI-BOT")`, false, true},
		{`enabled eq true`, true, false},
		{`enabled ne true`, false, true},
		{`n ge 5 and n lt 6`, true, false},
		{`n gt 7`, false, true},
		{`not enabled eq true`, false, true},
		{`scope ca ("SP:SCOPES:ALL")`, true, false},
		{`scope ca ("sp:scopes:all", "y")`, false, false},
		{`missing isnull`, true, true},
		{`name eq 5`, false, false},
		{`enabled gt true`, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.f, func(t *testing.T) {
			e, err := Parse(tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := Eval(e, recent.get); got != tt.recent {
				t.Errorf("recent: got %v want %v", got, tt.recent)
			}
			if got := Eval(e, unused.get); got != tt.un {
				t.Errorf("unused: got %v want %v", got, tt.un)
			}
		})
	}
	// The builder's stale filter evaluates the same as its parsed form.
	stale := Or(IsNull("lastUsed"), Le("lastUsed", cut))
	if !Eval(stale, recent.get) || !Eval(stale, unused.get) {
		t.Error("builder stale filter should match both records")
	}
	if !Eval(And(), recent.get) {
		t.Error("empty filter should match")
	}
}

func TestSchemaValidate(t *testing.T) {
	s := Schema{
		"lastUsed": {Type: TypeTime, Ops: []Op{OpLe, OpIsNull}},
		"name":     {Type: TypeString, Ops: []Op{OpEq, OpIn, OpCo, OpSw}},
		"enabled":  {Type: TypeBool, Ops: []Op{OpEq}},
	}
	ok := []string{
		`lastUsed isnull or lastUsed le 2023-02-05T10:59:27.214Z`,
		`name in ("a","b") and not enabled eq false`,
	}
	for _, f := range ok {
		e, err := Parse(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(e); err != nil {
			t.Errorf("Validate(%s): %v", f, err)
		}
	}
	bad := map[string]string{
		`lastUsed ge 2023-02-05T10:59:27Z`: `operator "ge" is not supported for field "lastUsed"`,
		`created gt 2023-02-05T10:59:27Z`:  `field "created" is not supported`,
		`lastUsed le "yesterday"`:          `is a string, want a date-time`,
		`name in ("a", 1)`:                 `is a number, want a string`,
		`pr name`:                          `operator "pr" is not supported`,
		`enabled eq "true"`:                `want a boolean`,
	}
	for f, want := range bad {
		e, err := Parse(f)
		if err != nil {
			t.Fatal(err)
		}
		err = s.Validate(e)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate(%s) = %v, want %q", f, err, want)
		}
	}
}
