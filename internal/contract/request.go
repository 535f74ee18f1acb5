package contract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/rules"
)

// options are the kin-openapi options of every check: every problem, not the first; an undeclared
// status is a problem; security is the mock's and the target's business, not the description's.
func options() *openapi3filter.Options {
	return &openapi3filter.Options{
		MultiError:            true,
		IncludeResponseStatus: true,
		AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
	}
}

// CheckRequest validates a request (parameters, content type, body) against its operation. The
// returned findings have level Error; who is at fault is for the caller to say. It reads the body
// as it is and decodes it only when kin-openapi has something to say about it. A JSON body that
// holds more than one value is a request-body-schema finding, though kin-openapi ignores what
// follows the first.
func (v *Validator) CheckRequest(ctx context.Context, route *Route, method, path string, header http.Header, body []byte) []finding.Finding {
	if v.plans.requestConforms(route, method, path, header, body) {
		return nil
	}
	return v.checkRequestWithKin(ctx, route, method, path, header, body)
}

// checkRequestWithKin validates a request with kin-openapi's ValidateRequest, and its JSON body as
// exactly one value.
func (v *Validator) checkRequestWithKin(ctx context.Context, route *Route, method, path string, header http.Header, body []byte) []finding.Finding {
	input, err := requestInput(route, method, path, header, body)
	if err != nil {
		return []finding.Finding{finding.New(rules.OperationDocumented, route.OperationID, 0, "", err.Error())}
	}
	input.Options = options()
	var out []finding.Finding
	if err := openapi3filter.ValidateRequest(ctx, input); err != nil {
		for _, e := range flatten(err) {
			pointer, message := describe(e)
			out = append(out, finding.New(requestRule(e), route.OperationID, 0, pointer, message))
		}
	}
	if err := requestBodyIsOneValue(route, header, body); err != nil {
		out = append(out, finding.New(rules.RequestBodySchema, route.OperationID, 0, "", "request body: "+err.Error()))
	}
	return out
}

// requestBodyIsOneValue returns a *dataAfterValueError when kin-openapi's ValidateRequest decodes
// the request's body with its JSON decoder and the body holds more than one JSON value, which
// that decoder ignores; nil otherwise. A body that is not JSON at all is kin-openapi's to report.
func requestBodyIsOneValue(route *Route, header http.Header, body []byte) error {
	requestBody := route.route.Operation.RequestBody
	if len(body) == 0 || requestBody == nil || requestBody.Value == nil {
		return nil
	}
	contentType := header.Get("Content-Type")
	if !decodesWithKinJSON(requestBody.Value.Content.Get(contentType), contentType) {
		return nil
	}
	return checkOneValue(body)
}

// requestRule says which rule a problem kin-openapi found in a request breaks, from the fields of its
// RequestError: a parameter's, the request body's content type when the operation does not declare
// it, else the body's schema (a missing, undecodable or mismatching body).
func requestRule(err error) rules.ID {
	var reqErr *openapi3filter.RequestError
	if !errors.As(err, &reqErr) {
		return rules.RequestBodySchema
	}
	switch {
	case reqErr.Parameter != nil:
		return rules.RequestParameter
	case reqErr.RequestBody != nil && !errors.Is(reqErr.Err, openapi3filter.ErrInvalidRequired) &&
		reqErr.Input != nil && reqErr.RequestBody.Content.Get(reqErr.Input.Request.Header.Get("Content-Type")) == nil:
		return rules.RequestContentType
	default:
		return rules.RequestBodySchema
	}
}

// requestInput is kin-openapi's input for a request of route.
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
