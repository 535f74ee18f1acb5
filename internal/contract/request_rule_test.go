package contract

import (
	"errors"
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/graphconform/graphconform/internal/rules"
)

// TestRequestRuleReadsTheErrorsFieldsNotItsText gives requestRule errors whose text says one thing and
// whose fields another: the fields decide.
func TestRequestRuleReadsTheErrorsFieldsNotItsText(t *testing.T) {
	jsonBody := &openapi3.RequestBody{Content: openapi3.NewContentWithJSONSchema(openapi3.NewObjectSchema())}
	input := func(contentType string) *openapi3filter.RequestValidationInput {
		req, _ := http.NewRequest(http.MethodPost, "/beta/x", http.NoBody)
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		return &openapi3filter.RequestValidationInput{Request: req}
	}
	cases := []struct {
		name string
		err  error
		want rules.ID
	}{
		{"a parameter's error that speaks of Content-Type is a parameter's",
			&openapi3filter.RequestError{Input: input("text/plain"), Parameter: &openapi3.Parameter{Name: "$top", In: "query"}, Reason: "header Content-Type has unexpected value"},
			rules.RequestParameter},
		{"a body the operation does not take in its content type is the content type's, whatever the text",
			&openapi3filter.RequestError{Input: input("text/plain"), RequestBody: jsonBody, Reason: "doesn't match schema"},
			rules.RequestContentType},
		{"a body in a declared content type that speaks of Content-Type is the schema's",
			&openapi3filter.RequestError{Input: input("application/json; charset=utf-8"), RequestBody: jsonBody, Reason: "header Content-Type has unexpected value", Err: &openapi3.SchemaError{Reason: "x"}},
			rules.RequestBodySchema},
		{"a missing required body is the schema's, though it has no Content-Type",
			&openapi3filter.RequestError{Input: input(""), RequestBody: jsonBody, Err: openapi3filter.ErrInvalidRequired},
			rules.RequestBodySchema},
		{"an error that is no RequestError is the body schema's",
			errors.New("header Content-Type"), rules.RequestBodySchema},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := requestRule(tc.err); got != tc.want {
				t.Errorf("requestRule = %s, want %s", got, tc.want)
			}
		})
	}
}
