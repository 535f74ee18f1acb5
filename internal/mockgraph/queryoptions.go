package mockgraph

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphconform/graphconform/internal/rules"
)

// queryOptionsOf lists, by operationId, the OData system query options ($top, $skiptoken, …) each
// operation of the description declares, lower-cased.
func queryOptionsOf(doc *openapi3.T) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	if doc == nil || doc.Paths == nil {
		return out
	}
	for _, item := range doc.Paths.Map() {
		if item == nil {
			continue
		}
		for _, op := range item.Operations() {
			if op == nil || op.OperationID == "" {
				continue
			}
			declared := map[string]bool{}
			for _, params := range []openapi3.Parameters{item.Parameters, op.Parameters} {
				for _, ref := range params {
					if ref != nil && ref.Value != nil && ref.Value.In == openapi3.ParameterInQuery && strings.HasPrefix(ref.Value.Name, "$") {
						declared[strings.ToLower(ref.Value.Name)] = true
					}
				}
			}
			out[op.OperationID] = declared
		}
	}
	return out
}

// checkQuery refuses a query as Graph does: a part that is not percent-encoded properly, an OData
// system query option (a name starting with $, in any case) the operation does not declare, or one
// given twice. Other parameters Graph ignores, and so does the mock.
func checkQuery(rawQuery, operation string, declared map[string]bool) *apiError {
	if rawQuery == "" {
		return nil
	}
	seen := map[string]bool{}
	for part := range strings.SplitSeq(rawQuery, "&") {
		if part == "" {
			continue
		}
		rawName, rawValue, _ := strings.Cut(part, "=")
		name, nameErr := url.QueryUnescape(rawName)
		_, valueErr := url.QueryUnescape(rawValue)
		if nameErr != nil || valueErr != nil {
			return newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf(
				"The query parameter '%s' is not properly percent-encoded. Encode '%%' as %%25 and send the query again.", truncate(part, maxEchoedSegment))).
				violating(rules.RequestParameter, operation, "")
		}
		if !strings.HasPrefix(name, "$") {
			continue
		}
		lower := strings.ToLower(name)
		if !declared[lower] {
			return newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf(
				"The query option '%s' is not supported by %s; it takes %s.", truncate(name, maxEchoedSegment), operation, describeOptions(declared))).
				violating(rules.RequestParameter, operation, "")
		}
		if seen[lower] {
			return newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf(
				"Query option '%s' was specified more than once, but it must be specified at most once.", name)).
				violating(rules.RequestParameter, operation, "")
		}
		seen[lower] = true
	}
	return nil
}

// describeOptions names the query options an operation takes, for a message.
func describeOptions(declared map[string]bool) string {
	if len(declared) == 0 {
		return "no OData query option"
	}
	names := make([]string, 0, len(declared))
	for name := range declared {
		names = append(names, name)
	}
	slices.Sort(names)
	return "only " + strings.Join(names, ", ")
}

// queryOption returns the value of the OData system query option name (e.g. "$top") in rawQuery,
// unescaped, as checkQuery reads the query: its name in any case, the parts split at '&' only (a ';'
// is part of a value). ok is false when the query does not give it.
func queryOption(rawQuery, name string) (value string, ok bool) {
	for part := range strings.SplitSeq(rawQuery, "&") {
		rawName, rawValue, _ := strings.Cut(part, "=")
		sent, err := url.QueryUnescape(rawName)
		if err != nil || !strings.EqualFold(sent, name) {
			continue
		}
		if value, err = url.QueryUnescape(rawValue); err != nil {
			value = rawValue
		}
		return value, true
	}
	return "", false
}
