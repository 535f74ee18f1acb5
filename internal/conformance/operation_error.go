package conformance

import (
	"fmt"

	"github.com/graphconform/graphconform/internal/client"
)

// OperationErrorOnlyWhenFailed checks every teamworkDeviceOperation an operation's GET or a page of a
// device's operations answers: its error is null unless its status is failed, since the error holds
// "Error details, available only in case of a failed status." An operation whose status the docs do
// not name is operation-status-vocabulary's to report.
func OperationErrorOnlyWhenFailed(ex *client.Exchange) []Violation {
	if !mayHoldKey(ex.Response.Body, "error") {
		return nil
	}
	var out []Violation
	for _, op := range OperationsIn(ex) {
		errorValue, present := op.Object["error"]
		if !present || errorValue == nil {
			continue
		}
		status, _ := op.Object["status"].(string)
		s, known := LookupOperationStatus(status)
		if !known || s.Canonical == "failed" {
			continue
		}
		out = append(out, Violation{JSONPointer: op.Pointer + "/error", Message: fmt.Sprintf("the operation is %q yet carries an error; only a failed operation has one", status)})
	}
	return out
}
