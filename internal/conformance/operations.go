package conformance

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/graphconform/graphconform/internal/client"
)

// Operation is one teamworkDeviceOperation a response holds, decoded, with where it is in the body.
type Operation struct {
	// Pointer is the JSON pointer of the operation in the body: "" for the GET of an operation,
	// /value/{i} for an item of a list page.
	Pointer string
	// Object is the operation's properties, which other checks of the exchange may share: read-only.
	Object map[string]any
}

// OperationsIn returns the teamworkDeviceOperations of a 200 answer to the GET of an operation
// (/teamwork/devices/{id}/operations/{id}: the body) or of a device's operations
// (/teamwork/devices/{id}/operations: each object of value). Any other exchange, and a body that is
// not such JSON, holds none: the schema checks report a body of the wrong shape. The operation of a
// GET is the exchange's shared decoding of its body (client.Exchange.ResponseObject): treat every
// Object as read-only.
func OperationsIn(ex *client.Exchange) []Operation {
	if ex.Response.Status != http.StatusOK {
		return nil
	}
	s := segments(ex.Request.Path)
	if len(s) < 4 || s[0] != "teamwork" || s[1] != "devices" || s[3] != "operations" {
		return nil
	}
	switch len(s) {
	case 5:
		if obj, ok := ex.ResponseObject(); ok {
			return []Operation{{Object: obj}}
		}
	case 4:
		var page struct {
			Value []json.RawMessage `json:"value"`
		}
		if json.Unmarshal(ex.Response.Body, &page) != nil {
			return nil
		}
		var out []Operation
		for i, raw := range page.Value {
			if obj, ok := client.DecodeObject(raw); ok {
				out = append(out, Operation{Pointer: "/value/" + strconv.Itoa(i), Object: obj})
			}
		}
		return out
	}
	return nil
}
