package contract

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/rules"
)

// CheckResponse validates the response of an exchange against the operation its request matches, and
// names that operation: its operationId, or the method and path when the description has none.
//
// It checks in kin-openapi's order and stops at the first stage that fails, each stage with its own
// rule: the status is declared (response-status-declared), the declared headers are there and in
// form (response-header), the Content-Type is one the status declares (response-content-type), the
// body decodes, a JSON one as exactly one value (response-body-json), and matches the schema
// (response-body-schema, one finding per problem).
func (v *Validator) CheckResponse(ctx context.Context, ex *client.Exchange) (operation string, findings []finding.Finding) {
	route, err := v.FindRoute(ex.Request.Method, ex.Request.Path)
	if err != nil {
		operation = ex.Request.Method + " " + ex.Request.Path
		return operation, []finding.Finding{finding.New(rules.OperationDocumented, operation, ex.Response.Status, "",
			fmt.Sprintf("the description has no operation for this request: %v", err))}
	}
	return v.CheckRoutedResponse(ctx, route, ex)
}

// CheckRoutedResponse is CheckResponse for a caller that has routed the exchange's request
// already (FindRoute of its method and path gave route), so that it is routed once.
func (v *Validator) CheckRoutedResponse(ctx context.Context, route *Route, ex *client.Exchange) (operation string, findings []finding.Finding) {
	operation = route.OperationID
	status := ex.Response.Status
	fail := func(rule rules.ID, pointer, message string) (string, []finding.Finding) {
		return operation, []finding.Finding{finding.New(rule, operation, status, pointer, message)}
	}
	if unchecked(ex.Request.Method, status) {
		return operation, nil
	}
	responses := route.route.Operation.Responses
	if responses.Len() == 0 {
		return operation, nil
	}
	ref := responses.Status(status)
	if ref == nil {
		ref = responses.Default()
	}
	if ref == nil || ref.Value == nil {
		return fail(rules.ResponseStatusDeclared, "", fmt.Sprintf("status %d is not a response the description declares for %s", status, operation))
	}
	response := ref.Value

	if declaresHeaders(response) && !v.plans.headersConform(response, ex.Response.Header) {
		if err := checkHeaders(ctx, route, ex); err != nil {
			return fail(rules.ResponseHeader, "", oneLine(err.Error()))
		}
	}

	if len(response.Content) == 0 {
		return operation, nil
	}
	contentType := ex.Response.Header.Get("Content-Type")
	media := v.plans.mediaFor(response, response.Content, contentType)
	if media == nil {
		return fail(rules.ResponseContentType, "", fmt.Sprintf("Content-Type %q is not one the description declares for a %d of %s (%s)",
			contentType, status, operation, strings.Join(slices.Sorted(maps.Keys(response.Content)), ", ")))
	}
	if media.Schema == nil || v.plans.bodyConforms(media, contentType, ex.Response.Body) {
		return operation, nil
	}

	value, err := decodeBody(ex.Response.Body, ex.Response.Header, media)
	if err != nil {
		return fail(rules.ResponseBodyJSON, "", oneLine(fmt.Sprintf("the response body does not decode as %s: %v", mediaTypeOf(contentType), err)))
	}
	if err := media.Schema.Value.VisitJSON(value, v.responseSchemaOptions...); err != nil {
		for _, e := range flatten(err) {
			pointer, message := describeSchemaError(e, "response body")
			findings = append(findings, finding.New(rules.ResponseBodySchema, operation, status, pointer, message))
		}
	}
	return operation, findings
}

// unchecked says whether kin-openapi leaves a response unchecked: the answer to a HEAD, and the
// redirects and 304 it never validates.
func unchecked(method string, status int) bool {
	if method == http.MethodHead {
		return true
	}
	switch status {
	case http.StatusNotModified, http.StatusPermanentRedirect, http.StatusTemporaryRedirect, http.StatusMovedPermanently:
		return true
	}
	return false
}

// declaresHeaders says whether a response declares a header kin-openapi checks (any but Content-Type).
func declaresHeaders(response *openapi3.Response) bool {
	for name := range response.Headers {
		if name != "Content-Type" {
			return true
		}
	}
	return false
}

// checkHeaders validates the response's declared headers with kin-openapi, leaving the body out:
// every error it returns is a header's, since the status was found declared before. kin-openapi
// reads only the method of the request here.
func checkHeaders(ctx context.Context, route *Route, ex *client.Exchange) error {
	req := (&http.Request{Method: ex.Request.Method, Header: http.Header{}}).WithContext(ctx)
	opts := options()
	opts.ExcludeResponseBody = true
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: route.PathParams, Route: route.route},
		Status:                 ex.Response.Status,
		Header:                 ex.Response.Header,
		Options:                opts,
	}
	return openapi3filter.ValidateResponse(ctx, input)
}

// decodeBody decodes a body once with the decoder kin-openapi registers for its media type (a
// "+json" type falls back to JSON's), as kin-openapi's own response check would. A body that
// kin-openapi's JSON decoder reads is also refused when more than its first value is in it (a
// *dataAfterValueError), which that decoder ignores.
func decodeBody(body []byte, header http.Header, media *openapi3.MediaType) (any, error) {
	mediaType := mediaTypeOf(header.Get("Content-Type"))
	decoder := bodyDecoder(mediaType)
	if decoder == nil {
		return nil, fmt.Errorf("there is no decoder for media type %q", mediaType)
	}
	encoding := func(name string) *openapi3.Encoding { return media.Encoding[name] }
	value, err := decoder(bytes.NewReader(body), header, media.Schema, encoding)
	if err != nil {
		return nil, err
	}
	if isKinJSON(decoder) {
		if err := checkOneValue(body); err != nil {
			return nil, err
		}
	}
	return value, nil
}

// mediaTypeOf is the lower-case media type of a Content-Type, without its parameters.
func mediaTypeOf(contentType string) string {
	mediaType, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(mediaType))
}
