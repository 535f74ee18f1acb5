// Package contract checks requests and responses against the OpenAPI description with kin-openapi and
// turns what it finds into findings. It knows the spec; it does not know Graph's unwritten rules.
//
// Which rule a problem breaks is read from what is typed, never from an error's text: a
// RequestError's Parameter or RequestBody, the stage of the response check that found it, and the
// operation itself (whether it declares the status, which content types it allows).
//
// kin-openapi is the engine, and it is asked only when there may be something to find: New
// compiles from kin-openapi's resolved description a plan of each body schema, parameter and
// header (plan.go, operation_plan.go), a check that says "conforms" only where kin-openapi would
// find nothing, reading a body's bytes once without decoding it (plan_check.go). Whatever a plan
// does not implement, or cannot vouch for, kin-openapi checks as before, so every finding is
// kin-openapi's; plan_soundness_test.go and the fuzz tests compare the two.
//
// One finding is the validator's own: kin-openapi's JSON body decoder reads a body's first value
// and ignores what follows it, so a JSON body with more than one value (`{"a":1} x`, `{}{}`) is
// refused after kin-openapi's check (onevalue.go) — request-body-schema for a request, as an
// undecodable body is, and response-body-json for a response. A plan never vouches for such a
// body, so the plans still only ever skip kin-openapi's work.
package contract

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/graphconform/graphconform/spec"
)

// Validator checks exchanges against one OpenAPI description.
type Validator struct {
	doc    *openapi3.T
	router routers.Router
	// table routes without regular expressions; nil when the description's servers need router.
	table *routeTable
	// responseSchemaOptions are the options a response body is checked against its schema with.
	responseSchemaOptions []openapi3.SchemaValidationOption
	// plans vouch for the exchanges they can, so that kin-openapi checks only the others.
	plans *plans
}

// New builds a validator for doc, which must already be validated. It compiles, once, a fast check
// of each schema, parameter and header that kin-openapi would find nothing in; kin-openapi checks
// what those cannot vouch for, so the findings are kin-openapi's. The checks of date-time mirror
// kin-openapi's date-time format as registered when New runs.
func New(doc *openapi3.T) (*Validator, error) {
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("build the router of the OpenAPI description: %w", err)
	}
	opts := []openapi3.SchemaValidationOption{openapi3.MultiErrors(), openapi3.VisitAsResponse()}
	if doc.IsOpenAPI31OrLater() {
		opts = append(opts, openapi3.EnableJSONSchema2020())
	}
	v := &Validator{doc: doc, router: router, responseSchemaOptions: opts, plans: compilePlans(doc)}
	if table, ok := newRouteTable(doc); ok {
		v.table = table
	}
	return v, nil
}

// Load builds the validator of graphconform's embedded description (spec/openapi.yaml).
func Load(ctx context.Context) (*Validator, error) {
	doc, err := spec.Load(ctx)
	if err != nil {
		return nil, err
	}
	return New(doc)
}

// Doc returns the description the validator checks against.
func (v *Validator) Doc() *openapi3.T { return v.doc }

// Route is an operation of the description matched by a request.
type Route struct {
	// OperationID names the operation, e.g. "teamworkDevice.updateSoftware".
	OperationID string
	// PathParams are the path parameters of the request, by name.
	PathParams map[string]string
	route      *routers.Route
}

// Operation returns the matched operation of the description.
func (r *Route) Operation() *openapi3.Operation { return r.route.Operation }

// ErrMethodNotAllowed is returned by FindRoute when the path is documented but not for that method.
var ErrMethodNotAllowed = routers.ErrMethodNotAllowed

// ErrPathNotFound is returned by FindRoute when no documented path matches.
var ErrPathNotFound = routers.ErrPathNotFound

// findRoute routes with the table when there is one, else with kin-openapi's router.
func (v *Validator) findRoute(method, path string) (*routers.Route, map[string]string, error) {
	if v.table != nil {
		route, params, err := v.table.find(method, path)
		if err != nil && !errors.Is(err, routers.ErrPathNotFound) && !errors.Is(err, routers.ErrMethodNotAllowed) {
			return nil, nil, fmt.Errorf("%s %s is not a request path: %w", method, path, err)
		}
		return route, params, err
	}
	req, err := http.NewRequest(method, path, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("%s %s is not a request path: %w", method, path, err)
	}
	return v.router.FindRoute(req)
}

// FindRoute matches a method and a path (with its version prefix, e.g. /beta/…) to an operation.
func (v *Validator) FindRoute(method, path string) (*Route, error) {
	route, params, err := v.findRoute(method, path)
	if err != nil {
		return nil, err
	}
	return &Route{OperationID: route.Operation.OperationID, PathParams: params, route: route}, nil
}
