package audit

import (
	"encoding/json"
	"time"

	"github.com/sailtui/sailtui/client"
)

// ResultOf maps a final bulk state to the audit result ("" for states that
// are not final and so are never recorded).
func ResultOf(s client.ItemState) Result {
	switch s {
	case client.ItemDone:
		return ResultDeleted
	case client.ItemGone:
		return ResultAlreadyGone
	case client.ItemFailed:
		return ResultFailed
	case client.ItemSkipped:
		return ResultSkipped
	case client.ItemGoneAfterRetry:
		return ResultGoneAfterRetry
	case client.ItemUnknown:
		return ResultUnknown
	}
	return ""
}

// Actor is the signed-in identity recorded on every entry.
type Actor struct{ ID, Name string }

// DeleteIntent is written before a PAT delete is sent; op pairs it with
// the outcome (DeleteEntry with the same op).
func DeleteIntent(at time.Time, baseURL, op string, actor Actor, tok client.PersonalAccessToken) Entry {
	return Entry{
		Time: at.UTC(), Action: ActionDeletePAT, BaseURL: baseURL, Op: op,
		ActorID: actor.ID, ActorName: actor.Name,
		Kind: KindPAT, ResourceID: tok.ID, Name: tok.Name, OwnerID: tok.Owner.ID, OwnerName: tok.Owner.Name,
		Result: ResultIntent,
	}
}

// Reconciled is the outcome of an open intent (see OpenIntents) once the
// server was checked after a restart: gone means it was deleted.
func Reconciled(at time.Time, intent Entry, actor Actor, gone bool) Entry {
	e := intent
	e.Time, e.ActorID, e.ActorName = at.UTC(), actor.ID, actor.Name
	e.Status, e.TrackingID, e.Error = 0, "", ""
	if gone {
		e.Result, e.Note = ResultDeleted, "outcome confirmed after restart: gone from the server"
	} else {
		e.Result, e.Note = ResultFailed, "outcome confirmed after restart: still present, not deleted"
	}
	return e
}

// Unsettled closes an open intent of a change other than a delete (an
// edit, an expiry, a bulk-update): whether it was made cannot be told
// from the resource afterwards, so it is recorded as unknown, and said.
func Unsettled(at time.Time, intent Entry, actor Actor) Entry {
	e := intent
	e.Time, e.ActorID, e.ActorName = at.UTC(), actor.ID, actor.Name
	e.Status, e.TrackingID, e.Error = 0, "", ""
	e.Result = ResultUnknown
	e.Note = "the process ended before the answer was recorded: the change may have been made; check the resource"
	return e
}

// isAppAction reports whether action is on source apps (or their access
// profiles): how entries written before Kind tell their kind.
func isAppAction(action string) bool {
	switch action {
	case ActionCreateApp, ActionPatchApp, ActionBulkUpdateApp, ActionDeleteApp, ActionRemoveProfiles:
		return true
	}
	return false
}

// DeleteEntry records the final event of one PAT delete. tok supplies the
// name and owner (the event carries only the id).
func DeleteEntry(at time.Time, baseURL, op string, actor Actor, tok client.PersonalAccessToken, ev client.BulkEvent) Entry {
	e := DeleteIntent(at, baseURL, op, actor, tok)
	e.ResourceID = ev.ID
	return Outcome(at, e, ev)
}

// Outcome completes e, an intent's copy naming the resource (any kind),
// with the final event of its delete: the result, the server's status,
// message and trackingId, and how a check settled it. ev.At is the time
// when set, else at. Only the server's message and trackingId are taken
// from an error: never request data.
func Outcome(at time.Time, e Entry, ev client.BulkEvent) Entry {
	if !ev.At.IsZero() {
		at = ev.At
	}
	e.Time, e.Result = at.UTC(), ResultOf(ev.State)
	e.Status, e.TrackingID, e.Error, e.Note = 0, "", "", ""
	switch ev.State {
	case client.ItemDone:
		e.Status, e.TrackingID = ev.Outcome.Status, ev.Outcome.TrackingID
		if e.Status == 0 && !ev.Settled {
			e.Status = 204
		}
		if ev.Settled {
			e.Note = "outcome confirmed by check: gone from the server after the run"
		}
	case client.ItemGone:
		e.Status = 404
	case client.ItemGoneAfterRetry:
		if ev.Settled {
			e.Note = "outcome confirmed by check: gone after the run (deleted by this run or by someone else)"
		}
	case client.ItemFailed:
		if ev.Settled {
			e.Note = "outcome confirmed by check: still present after the run"
		}
	}
	if ev.Err != nil {
		if ae, ok := client.AsAPIError(ev.Err); ok {
			e.Status, e.TrackingID, e.Error = ae.Status, ae.TrackingID, ae.Message()
		} else {
			e.Error = ev.Err.Error()
		}
		if ev.State == client.ItemSkipped {
			e.Error = "cancelled before it was sent"
		}
	}
	return e
}

// CreateEntry records a PAT create. On success created supplies the id and
// owner — its Secret is deliberately never read here; on failure err
// supplies status, message and trackingId, and the name comes from req.
func CreateEntry(at time.Time, baseURL string, req client.CreatePATRequest, created *client.CreatedPAT, err error) Entry {
	e := Entry{Time: at.UTC(), Action: ActionCreatePAT, BaseURL: baseURL, Kind: KindPAT, Name: req.Name}
	if err != nil {
		e.Result, e.Error = ResultFailed, err.Error()
		if ae, ok := client.AsAPIError(err); ok {
			e.Status, e.TrackingID, e.Error = ae.Status, ae.TrackingID, ae.Message()
		}
		return e
	}
	e.Result, e.Status = ResultCreated, 200
	if created != nil {
		e.ResourceID, e.OwnerID, e.OwnerName = created.ID, created.Owner.ID, created.Owner.Name
		if created.Name != "" {
			e.Name = created.Name
		}
	}
	return e
}

// ActionExpirePAT is a bulk expiry (a guarded patch of expirationDate);
// ActionRestoreExpiryPAT its undo.
const (
	ActionExpirePAT        = "expire-pat"
	ActionRestoreExpiryPAT = "restore-expiry-pat"
	// ActionRotatePAT is both halves of a rotation: the replacement's
	// create and the old token's delete, each naming the other.
	ActionRotatePAT = "rotate-pat"
)

// PatchIntent is written before a bulk patch of one token is sent, with
// the exact operations.
func PatchIntent(at time.Time, baseURL, action, op string, actor Actor, tok client.PersonalAccessToken, ops []byte) Entry {
	e := DeleteIntent(at, baseURL, op, actor, tok)
	e.Action, e.Ops = action, ops
	return e
}

// PatchEntry records the final event of one token's bulk patch. A failed
// test guard (the token changed meanwhile) is a conflict, not a failure
// of the server.
func PatchEntry(at time.Time, baseURL, action, op string, actor Actor, tok client.PersonalAccessToken, ops []byte, ev client.BulkEvent) Entry {
	e := PatchIntent(at, baseURL, action, op, actor, tok, ops)
	e.ResourceID = ev.ID
	return PatchOutcome(at, e, ev)
}

// PatchOutcome is Outcome for a change rather than a delete: e (an
// intent's copy, any kind) with its patch's final event.
func PatchOutcome(at time.Time, e Entry, ev client.BulkEvent) Entry {
	e = Outcome(at, e, ev)
	if ev.Settled { // a change, not a delete: what the check saw of it
		e.Note = "outcome confirmed by check: the server shows the change after the run"
		if ev.State != client.ItemDone {
			e.Note = "outcome confirmed by check: the server does not show the change after the run"
		}
	}
	switch {
	case ev.State == client.ItemDone:
		e.Result = ResultPatched
		if e.Status == 204 && ev.Outcome.Status == 0 {
			e.Status = 0 // a settled patch has no answer of its own
		}
	case ev.State == client.ItemFailed && client.IsConflict(ev.Err):
		e.Result = ResultConflict
	}
	return e
}

// ScheduledExpiries reads, from the audit log's entries, the expiry each
// token last got from a sailtui bulk expiry (and not undone since): token
// id → the expirationDate sailtui set.
func ScheduledExpiries(entries []Entry, baseURL string) map[string]time.Time {
	out := map[string]time.Time{}
	for _, e := range entries {
		if e.Result != ResultPatched || !SameTenant(e.BaseURL, baseURL) {
			continue
		}
		switch e.Action {
		case ActionExpirePAT:
			if t, ok := expirySet(e.Ops); ok {
				out[e.ResourceID] = t
			}
		case ActionRestoreExpiryPAT, ActionPatchPAT:
			delete(out, e.ResourceID) // a later edit or undo: no longer sailtui's schedule
		}
	}
	return out
}

// expirySet finds the value a patch replaced /expirationDate with.
func expirySet(ops []byte) (time.Time, bool) {
	var list []struct {
		Op, Path string
		Value    json.RawMessage
	}
	if json.Unmarshal(ops, &list) != nil {
		return time.Time{}, false
	}
	for _, o := range list {
		if o.Op == "replace" && o.Path == "/expirationDate" {
			var s string
			if json.Unmarshal(o.Value, &s) == nil {
				if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
					return t, true
				}
			}
		}
	}
	return time.Time{}, false
}
