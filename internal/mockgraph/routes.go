package mockgraph

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"

	"github.com/graphconform/graphconform/internal/contract"
)

// route is where a request goes: an operation of the description, an operation the mock serves
// before the description documents it, or a documented path whose method is not allowed.
type route struct {
	operationID string
	params      map[string]string // escaped path parameters, by name
	spec        *contract.Route   // nil when the description does not document the operation
	// methodNotAllowed is set when the path is documented but not for the method; allowed lists the
	// methods that are.
	methodNotAllowed bool
	allowed          []string
}

// builtinOperation is an operation the mock serves although the description does not document it
// yet. Once the description documents it, the description's route is taken instead.
type builtinOperation struct {
	operationID string
	method      string
	template    string         // the path, with its version, as a template
	pattern     *regexp.Regexp // matches the escaped path; its named groups are the path parameters
	permissions permissionSet
}

// builtinOperations lists the operations the mock serves before the description has them.
func builtinOperations() []builtinOperation {
	return []builtinOperation{{
		operationID: OpListOperations,
		method:      http.MethodGet,
		template:    "/beta/teamwork/devices/{teamworkDeviceId}/operations",
		pattern:     regexp.MustCompile(`^/beta/teamwork/devices/(?P<teamworkDeviceId>[^/]+)/operations$`),
		permissions: permissionSet{
			Delegated:   []string{"TeamworkDevice.Read.All", "TeamworkDevice.ReadWrite.All"},
			Application: []string{"TeamworkDevice.Read.All", "TeamworkDevice.ReadWrite.All"},
		},
	}}
}

// findRoute routes a request: target is its escaped path and query.
func (m *Mock) findRoute(method, escapedPath, target string) (route, *apiError) {
	found, err := m.validator.FindRoute(method, target)
	switch {
	case err == nil:
		return route{operationID: found.OperationID, params: found.PathParams, spec: found}, nil
	case errors.Is(err, contract.ErrMethodNotAllowed):
		return route{methodNotAllowed: true, allowed: m.allowedMethods(target)}, nil
	case errors.Is(err, contract.ErrPathNotFound):
		for _, b := range builtinOperations() {
			match := b.pattern.FindStringSubmatch(escapedPath)
			if match == nil {
				continue
			}
			if method != b.method {
				return route{methodNotAllowed: true, allowed: []string{b.method}}, nil
			}
			params := map[string]string{}
			for i, name := range b.pattern.SubexpNames() {
				if name != "" {
					params[name] = match[i]
				}
			}
			return route{operationID: b.operationID, params: params}, nil
		}
		return route{}, notFoundSegment(unknownSegment(m.templates, escapedPath))
	default:
		return route{}, newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf(
			"The request URL cannot be routed: %v. Send a path such as /beta/teamwork/devices/{id}/updateSoftware.", err)).
			violating(contract.RuleOperationDocumented, "", "")
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

// notFoundSegment is Graph's answer to a path it does not know.
func notFoundSegment(segment string) *apiError {
	return newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf("Resource not found for the segment '%s'.", segment)).
		violating(contract.RuleOperationDocumented, "", "")
}
