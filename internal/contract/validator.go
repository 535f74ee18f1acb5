// Package contract checks requests and responses against the OpenAPI description with kin-openapi and
// turns what it finds into findings. It knows the spec; it does not know Graph's unwritten rules.
package contract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/rules"
	"github.com/graphconform/graphconform/spec"
)

// Validator checks exchanges against one OpenAPI description.
type Validator struct {
	doc    *openapi3.T
	router routers.Router
}

// New builds a validator for doc, which must already be validated.
func New(doc *openapi3.T) (*Validator, error) {
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("build the router of the OpenAPI description: %w", err)
	}
	return &Validator{doc: doc, router: router}, nil
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

// FindRoute matches a method and a path (with its version prefix, e.g. /beta/…) to an operation.
func (v *Validator) FindRoute(method, path string) (*Route, error) {
	req, err := http.NewRequest(method, path, nil)
	if err != nil {
		return nil, fmt.Errorf("%s %s is not a request path: %w", method, path, err)
	}
	route, params, err := v.router.FindRoute(req)
	if err != nil {
		return nil, err
	}
	return &Route{OperationID: route.Operation.OperationID, PathParams: params, route: route}, nil
}

func options() *openapi3filter.Options {
	return &openapi3filter.Options{
		MultiError:            true,
		IncludeResponseStatus: true,
		AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
	}
}

// CheckRequest validates a request (parameters, content type, body) against its operation. The
// returned findings have level Error; who is at fault is for the caller to say.
func (v *Validator) CheckRequest(ctx context.Context, route *Route, method, path string, header http.Header, body []byte) []finding.Finding {
	input, err := requestInput(route, method, path, header, body)
	if err != nil {
		return []finding.Finding{{RuleID: rules.OperationDocumented, Level: finding.Error, Operation: route.OperationID, Message: err.Error()}}
	}
	input.Options = options()
	err = openapi3filter.ValidateRequest(ctx, input)
	return requestFindings(route.OperationID, err)
}

// CheckResponse validates the response of an exchange (status declared, headers, content type, body
// schema) against the operation its request matches, and names that operation: its operationId, or
// the method and path when the description has none.
func (v *Validator) CheckResponse(ctx context.Context, ex *client.Exchange) (operation string, findings []finding.Finding) {
	route, err := v.FindRoute(ex.Request.Method, ex.Request.Path)
	if err != nil {
		operation = ex.Request.Method + " " + ex.Request.Path
		return operation, []finding.Finding{{
			RuleID: rules.OperationDocumented, Level: finding.Error,
			Operation: operation, Status: ex.Response.Status,
			Message: fmt.Sprintf("the description has no operation for this request: %v", err),
		}}
	}
	reqInput, err := requestInput(route, ex.Request.Method, ex.Request.Path, ex.Request.Header, ex.Request.Body)
	if err != nil {
		return route.OperationID, []finding.Finding{{RuleID: rules.OperationDocumented, Level: finding.Error, Operation: route.OperationID, Message: err.Error()}}
	}
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: reqInput,
		Status:                 ex.Response.Status,
		Header:                 ex.Response.Header,
		Options:                options(),
	}
	input.SetBodyBytes(ex.Response.Body)
	err = openapi3filter.ValidateResponse(ctx, input)
	return route.OperationID, responseFindings(route.OperationID, ex.Response.Status, err)
}

func requestInput(route *Route, method, path string, header http.Header, body []byte) (*openapi3filter.RequestValidationInput, error) {
	req, err := http.NewRequest(method, path, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%s %s is not a request path: %w", method, path, err)
	}
	req.Header = header.Clone()
	if req.Header == nil {
		req.Header = http.Header{}
	}
	if len(body) == 0 {
		req.Body = http.NoBody
		req.ContentLength = 0
	}
	return &openapi3filter.RequestValidationInput{Request: req, PathParams: route.PathParams, Route: route.route}, nil
}

func requestFindings(operation string, err error) []finding.Finding {
	if err == nil {
		return nil
	}
	var out []finding.Finding
	for _, e := range flatten(err) {
		f := finding.Finding{RuleID: rules.RequestBodySchema, Level: finding.Error, Operation: operation}
		var reqErr *openapi3filter.RequestError
		if errors.As(e, &reqErr) {
			switch {
			case reqErr.Parameter != nil:
				f.RuleID = rules.RequestParameter
			case strings.Contains(reqErr.Reason, "header Content-Type"):
				f.RuleID = rules.RequestContentType
			}
		}
		f.JSONPointer, f.Message = describe(e)
		out = append(out, f)
	}
	return out
}

func responseFindings(operation string, status int, err error) []finding.Finding {
	if err == nil {
		return nil
	}
	var out []finding.Finding
	for _, e := range flatten(err) {
		f := finding.Finding{RuleID: rules.ResponseBodySchema, Level: finding.Error, Operation: operation, Status: status}
		var respErr *openapi3filter.ResponseError
		if errors.As(e, &respErr) {
			switch reason := respErr.Reason; {
			case reason == "status is not supported":
				f.RuleID = rules.ResponseStatusDeclared
			case strings.Contains(reason, "Content-Type"):
				f.RuleID = rules.ResponseContentType
			case strings.Contains(reason, "header"):
				f.RuleID = rules.ResponseHeader
			case strings.Contains(reason, "decode response body"):
				f.RuleID = rules.ResponseBodyJSON
			}
		}
		f.JSONPointer, f.Message = describe(e)
		if f.RuleID == rules.ResponseStatusDeclared {
			f.Message = fmt.Sprintf("status %d is not a response the description declares for %s", status, operation)
		}
		out = append(out, f)
	}
	return out
}

// flatten expands the multi-errors kin-openapi returns with MultiError into one error per problem,
// each still wrapped in the request or response error it came from.
func flatten(err error) []error {
	if multi, ok := err.(openapi3.MultiError); ok {
		var out []error
		for _, inner := range multi {
			out = append(out, flatten(inner)...)
		}
		return out
	}
	if reqErr, ok := err.(*openapi3filter.RequestError); ok {
		if multi, ok := reqErr.Err.(openapi3.MultiError); ok {
			out := make([]error, 0, len(multi))
			for _, inner := range multi {
				split := *reqErr
				split.Err = inner
				out = append(out, &split)
			}
			return out
		}
	}
	if respErr, ok := err.(*openapi3filter.ResponseError); ok {
		if multi, ok := respErr.Err.(openapi3.MultiError); ok {
			out := make([]error, 0, len(multi))
			for _, inner := range multi {
				split := *respErr
				split.Err = inner
				out = append(out, &split)
			}
			return out
		}
	}
	return []error{err}
}

// describe returns the JSON pointer of a schema error, if any, and a one-line message.
func describe(err error) (pointer, message string) {
	var schemaErr *openapi3.SchemaError
	if errors.As(err, &schemaErr) {
		if parts := schemaErr.JSONPointer(); len(parts) > 0 {
			pointer = finding.Pointer(parts...)
		} else {
			pointer = ""
		}
		prefix := "body"
		var respErr *openapi3filter.ResponseError
		if errors.As(err, &respErr) {
			prefix = "response body"
		}
		var reqErr *openapi3filter.RequestError
		if errors.As(err, &reqErr) {
			prefix = "request body"
			if p := reqErr.Parameter; p != nil {
				return "", fmt.Sprintf("parameter %q in %s: %s", p.Name, p.In, schemaErr.Reason)
			}
		}
		where := pointer
		if where == "" {
			where = "/"
		}
		return pointer, fmt.Sprintf("%s at %s: %s", prefix, where, schemaErr.Reason)
	}
	return "", oneLine(err.Error())
}

func oneLine(s string) string {
	fields := strings.Fields(s)
	return strings.Join(fields, " ")
}
