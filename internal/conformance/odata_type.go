package conformance

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/graphconform/graphconform/internal/client"
)

// The @odata.type of the resources the operations answer, as the docs' example responses write them.
const (
	windowsUpdateStateType = "#microsoft.graph.windowsUpdateState"
	operationODataType     = "#microsoft.graph.teamworkDeviceOperation"
)

// ResourceODataType checks the resources of a 200 answer against what the request asked for: the
// windowsUpdateState of a GET or a PATCH of one ("returns a 200 OK response code and an updated
// windowsUpdateState object"), the teamworkDeviceOperation of an operation's GET and each one of a
// page of a device's operations. A resource may leave its @odata.type out; one it carries is its
// type, with or without the leading "#".
func ResourceODataType(ex *client.Exchange) []Violation {
	if ex.Response.Status != http.StatusOK || !mayHoldKey(ex.Response.Body, "@odata.type") {
		return nil
	}
	var out []Violation
	for _, op := range OperationsIn(ex) {
		out = append(out, odataTypeIs(op.Pointer, op.Object, operationODataType)...)
	}
	if s := segments(ex.Request.Path); len(s) >= 2 && s[len(s)-2] == "deviceUpdateStates" {
		if obj, ok := ex.ResponseObject(); ok {
			out = append(out, odataTypeIs("", obj, windowsUpdateStateType)...)
		}
	}
	return out
}

// odataTypeIs checks the @odata.type of obj, found at pointer, when it has one.
func odataTypeIs(pointer string, obj map[string]any, want string) []Violation {
	value, present := obj["@odata.type"]
	if !present {
		return nil
	}
	if got, ok := value.(string); ok && strings.TrimPrefix(got, "#") == strings.TrimPrefix(want, "#") {
		return nil
	}
	return []Violation{{JSONPointer: pointer + "/@odata.type", Message: fmt.Sprintf("the @odata.type is %s; what the request asked for is a %s", jsonText(value), want)}}
}

// jsonText writes a decoded JSON value as JSON, for a message.
func jsonText(value any) string {
	data, err := json.Marshal(value)
	if err != nil {
		return fmt.Sprint(value)
	}
	return string(data)
}
