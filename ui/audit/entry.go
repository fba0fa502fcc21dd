package audit

import (
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
	}
	return ""
}

// DeleteEntry records the final event of one PAT delete. tok supplies the
// name and owner (the event carries only the id); ev.At is used as the time
// when set, else at. Only the server's message and trackingId are taken
// from an error: never request data.
func DeleteEntry(at time.Time, baseURL string, tok client.PersonalAccessToken, ev client.BulkEvent) Entry {
	if !ev.At.IsZero() {
		at = ev.At
	}
	e := Entry{
		Time:      at.UTC(),
		Action:    ActionDeletePAT,
		BaseURL:   baseURL,
		TokenID:   ev.ID,
		Name:      tok.Name,
		OwnerID:   tok.Owner.ID,
		OwnerName: tok.Owner.Name,
		Result:    ResultOf(ev.State),
	}
	switch ev.State {
	case client.ItemDone:
		e.Status = 204
	case client.ItemGone:
		e.Status = 404
	}
	if ev.Err != nil {
		if ae, ok := client.AsAPIError(ev.Err); ok {
			e.Status, e.TrackingID, e.Error = ae.Status, ae.TrackingID, ae.Message()
		} else {
			e.Error = ev.Err.Error()
		}
	}
	return e
}

// CreateEntry records a PAT create. On success created supplies the id and
// owner — its Secret is deliberately never read here; on failure err
// supplies status, message and trackingId, and the name comes from req.
func CreateEntry(at time.Time, baseURL string, req client.CreatePATRequest, created *client.CreatedPAT, err error) Entry {
	e := Entry{Time: at.UTC(), Action: ActionCreatePAT, BaseURL: baseURL, Name: req.Name}
	if err != nil {
		e.Result, e.Error = ResultFailed, err.Error()
		if ae, ok := client.AsAPIError(err); ok {
			e.Status, e.TrackingID, e.Error = ae.Status, ae.TrackingID, ae.Message()
		}
		return e
	}
	e.Result, e.Status = ResultCreated, 200
	if created != nil {
		e.TokenID, e.OwnerID, e.OwnerName = created.ID, created.Owner.ID, created.Owner.Name
		if created.Name != "" {
			e.Name = created.Name
		}
	}
	return e
}
