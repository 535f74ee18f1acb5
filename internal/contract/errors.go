package contract

import (
	"errors"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/graphconform/graphconform/internal/finding"
)

// flatten expands the multi-errors kin-openapi returns with MultiError into one error per problem,
// each still wrapped in the request error it came from.
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
				out = append(out, flatten(&split)...)
			}
			return out
		}
	}
	return []error{err}
}

// describe returns the JSON pointer of a request problem, if any, and a one-line message.
func describe(err error) (pointer, message string) {
	var reqErr *openapi3filter.RequestError
	if errors.As(err, &reqErr) && reqErr.Parameter != nil {
		var schemaErr *openapi3.SchemaError
		if errors.As(err, &schemaErr) {
			return "", fmt.Sprintf("parameter %q in %s: %s", reqErr.Parameter.Name, reqErr.Parameter.In, schemaErr.Reason)
		}
		return "", oneLine(err.Error())
	}
	return describeSchemaError(err, "request body")
}

// describeSchemaError returns the JSON pointer and a one-line message of a schema error in what,
// e.g. "response body"; an error that is not a schema error has no pointer and its own message.
func describeSchemaError(err error, what string) (pointer, message string) {
	var schemaErr *openapi3.SchemaError
	if !errors.As(err, &schemaErr) {
		return "", oneLine(err.Error())
	}
	where := "/"
	if parts := schemaErr.JSONPointer(); len(parts) > 0 {
		pointer = finding.Pointer(parts...)
		where = pointer
	}
	return pointer, fmt.Sprintf("%s at %s: %s", what, where, schemaErr.Reason)
}

// oneLine folds a multi-line error message onto one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
