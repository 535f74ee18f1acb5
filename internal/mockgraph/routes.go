package mockgraph

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/rules"
)

// route is where a request goes: an operation of the description, or a documented path whose method
// is not allowed.
type route struct {
	operationID string
	params      map[string]string // escaped path parameters, by name
	spec        *contract.Route   // the operation of the description
	// methodNotAllowed is set when the path is documented but not for the method; allowed lists the
	// methods that are.
	methodNotAllowed bool
	allowed          []string
}

// routeOf is where a request goes, given what FindRoute answered for its escaped path: target is
// its escaped path and query.
func (m *Mock) routeOf(found *contract.Route, err error, escapedPath, target string) (route, *apiError) {
	switch {
	case err == nil:
		return route{operationID: found.OperationID, params: found.PathParams, spec: found}, nil
	case errors.Is(err, contract.ErrMethodNotAllowed):
		return route{methodNotAllowed: true, allowed: m.allowedMethods(target)}, nil
	case errors.Is(err, contract.ErrPathNotFound):
		return route{}, notFoundSegment(unknownSegment(m.templates, escapedPath))
	default:
		return route{}, newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf(
			"The request URL cannot be routed: %v. Send a path such as /beta/teamwork/devices/{id}/updateSoftware.", err)).
			violating(rules.OperationDocumented, "", "")
	}
}

// allowedMethods lists the methods the description documents for a path.
func (m *Mock) allowedMethods(target string) []string {
	var allowed []string
	for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if _, err := m.validator.FindRoute(method, target); err == nil {
			allowed = append(allowed, method)
		}
	}
	return allowed
}

// maxEchoedSegment bounds the part of an unknown path segment an error message repeats.
const maxEchoedSegment = 256

// notFoundSegment is Graph's answer to a path it does not know.
func notFoundSegment(segment string) *apiError {
	return newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf("Resource not found for the segment '%s'.", truncate(segment, maxEchoedSegment))).
		violating(rules.OperationDocumented, "", "")
}
