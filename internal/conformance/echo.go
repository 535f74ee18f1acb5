package conformance

import (
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/go-openapi/jsonpointer"

	"github.com/graphconform/graphconform/internal/client"
)

// PatchEchoesRequest lists the properties a 200 answer to a PATCH fails to echo: "If successful, this
// method returns a 200 OK response code and an updated windowsUpdateState object in the response
// body", so every property sent (but OData annotations) must come back with the value sent.
func PatchEchoesRequest(ex *client.Exchange) []Violation {
	if ex.Response.Status != http.StatusOK {
		return nil
	}
	sent, ok := ex.RequestObject()
	if !ok {
		return nil
	}
	got, ok := ex.ResponseObject()
	if !ok {
		return []Violation{{Message: "the 200 response body is not a JSON object, so it cannot echo the update"}}
	}
	names := make([]string, 0, len(sent))
	for name := range sent {
		if !strings.HasPrefix(name, "@odata.") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var out []Violation
	for _, name := range names {
		pointer := "/" + jsonpointer.Escape(name)
		value, present := got[name]
		switch {
		case !present:
			out = append(out, Violation{JSONPointer: pointer, Message: fmt.Sprintf("%q was sent but is missing from the response", name)})
		case !SameJSONValue(sent[name], value):
			out = append(out, Violation{JSONPointer: pointer, Message: fmt.Sprintf("%q was sent as %v but came back as %v", name, sent[name], value)})
		}
	}
	return out
}

// SameJSONValue compares decoded JSON values; two strings that are both date-times compare as instants,
// since Graph may normalise the offset or the fraction digits.
func SameJSONValue(sent, got any) bool {
	if s, ok := sent.(string); ok {
		if g, ok := got.(string); ok && s != g {
			ts, errS := time.Parse(time.RFC3339Nano, s)
			tg, errG := time.Parse(time.RFC3339Nano, g)
			return errS == nil && errG == nil && ts.Equal(tg)
		}
	}
	return reflect.DeepEqual(sent, got)
}
