package client

import "github.com/sailtui/sailtui/client/filter"

// The filterable fields and sorters of each list, exactly as isc-api.md
// lists them (§1 and §2): the UI refuses anything else before a request,
// and the sandbox answers it with a 400. Built per call, so no shared map
// can be changed.

func timeOps() []filter.Op { return []filter.Op{filter.OpGt, filter.OpLt, filter.OpGe, filter.OpLe} }

// PATFilters are the filters of the token list.
func PATFilters() filter.Schema {
	return filter.Schema{
		"lastUsed": {Type: filter.TypeTime, Ops: []filter.Op{filter.OpLe, filter.OpIsNull}},
	}
}

// OAuthClientFilters are the filters of the API client list: the same
// as the token list's.
func OAuthClientFilters() filter.Schema { return PATFilters() }

// PublicIdentityFilters are the filters of the public identity list.
func PublicIdentityFilters() filter.Schema {
	eqSw := []filter.Op{filter.OpEq, filter.OpSw}
	return filter.Schema{
		"id":        {Type: filter.TypeString, Ops: []filter.Op{filter.OpEq, filter.OpIn}},
		"alias":     {Type: filter.TypeString, Ops: eqSw},
		"email":     {Type: filter.TypeString, Ops: eqSw},
		"firstname": {Type: filter.TypeString, Ops: eqSw},
		"lastname":  {Type: filter.TypeString, Ops: eqSw},
	}
}

// SourceAppFilters are the filters of a source-app list. /all differs:
// owner.id and enabled, no accountSource.id, and modified without lt.
func SourceAppFilters(l AppList) filter.Schema {
	s := filter.Schema{
		"id":       {Type: filter.TypeString, Ops: []filter.Op{filter.OpEq, filter.OpIn}},
		"name":     {Type: filter.TypeString, Ops: []filter.Op{filter.OpEq, filter.OpIn, filter.OpCo, filter.OpSw}},
		"created":  {Type: filter.TypeTime, Ops: timeOps()},
		"modified": {Type: filter.TypeTime, Ops: timeOps()},
	}
	if l == AppsAll {
		s["modified"] = filter.Field{Type: filter.TypeTime, Ops: []filter.Op{filter.OpGt, filter.OpGe, filter.OpLe}}
		s["owner.id"] = filter.Field{Type: filter.TypeString, Ops: []filter.Op{filter.OpEq, filter.OpIn}}
		s["enabled"] = filter.Field{Type: filter.TypeBool, Ops: []filter.Op{filter.OpEq}}
		return s
	}
	s["accountSource.id"] = filter.Field{Type: filter.TypeString, Ops: []filter.Op{filter.OpEq, filter.OpIn}}
	return s
}

// SourceAppSorters are the fields a source-app list sorts by on the
// server; /assigned cannot sort by owner.id.
func SourceAppSorters(l AppList) []string {
	if l == AppsAssigned {
		return []string{"id", "name", "created", "modified", "accountSource.id"}
	}
	return []string{"id", "name", "created", "modified", "owner.id", "accountSource.id"}
}

// AccessProfileFilters are the filters of an app's access-profile list.
func AccessProfileFilters() filter.Schema {
	return filter.Schema{
		"id":       {Type: filter.TypeString, Ops: []filter.Op{filter.OpEq, filter.OpIn}},
		"name":     {Type: filter.TypeString, Ops: []filter.Op{filter.OpEq, filter.OpIn}},
		"created":  {Type: filter.TypeTime, Ops: timeOps()},
		"modified": {Type: filter.TypeTime, Ops: timeOps()},
	}
}
