package conformance

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/graphconform/graphconform/internal/client"
)

// OperationStatus is what the docs say of one status of a teamworkDeviceOperation.
type OperationStatus struct {
	// Canonical is the status in the updateSoftware page's words where it has one (queued, succeeded,
	// failed), else in the resource page's: "Successful" and "succeeded" are the same status.
	Canonical string
	// Terminal is true when the operation will not change any more.
	Terminal bool
}

// operationStatuses is the union of the docs' two vocabularies, compared case-insensitively: the
// updateSoftware page says queued, succeeded or failed; the resource page Queued, Scheduled,
// InProgress, Successful, Cancelled and Failed.
var operationStatuses = map[string]OperationStatus{
	"queued":     {Canonical: "queued"},
	"scheduled":  {Canonical: "scheduled"},
	"inprogress": {Canonical: "inProgress"},
	"succeeded":  {Canonical: "succeeded", Terminal: true},
	"successful": {Canonical: "succeeded", Terminal: true},
	"failed":     {Canonical: "failed", Terminal: true},
	"cancelled":  {Canonical: "cancelled", Terminal: true},
}

// LookupOperationStatus finds a status in the docs' vocabulary; ok is false for a status they do not name.
func LookupOperationStatus(status string) (s OperationStatus, ok bool) {
	s, ok = operationStatuses[strings.ToLower(status)]
	return s, ok
}

// OperationStatusVocabulary checks the body of a 200 answer to the GET of a teamworkDeviceOperation:
// its status is one the docs name (queued, scheduled, inProgress, succeeded/successful, failed or
// cancelled, in any case).
func OperationStatusVocabulary(ex *client.Exchange) []Violation {
	if ex.Response.Status != http.StatusOK {
		return nil
	}
	obj, ok := ex.ResponseObject()
	if !ok {
		return nil // the schema check reports a body that is not an object
	}
	status, ok := obj["status"].(string)
	if !ok {
		return nil // the schema check reports a missing or mistyped status
	}
	if _, known := LookupOperationStatus(status); !known {
		return []Violation{{JSONPointer: "/status", Message: fmt.Sprintf("status %q is not in the docs' vocabulary (queued, scheduled, inProgress, succeeded, successful, failed, cancelled)", status)}}
	}
	return nil
}
