package clientrules

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
)

// bodyWhereAllowed says how r breaks client-body-where-allowed: a body sent to an operation the spec
// declares none for.
func bodyWhereAllowed(op *openapi3.Operation, r Request) string {
	if op == nil || op.RequestBody != nil || !r.HasBody {
		return ""
	}
	return fmt.Sprintf("the client sent a body with %s %s, which takes none; send the request without a body", r.Method, r.path())
}

// topInRange says how r breaks client-top-in-range: a $top that is not a whole number within the
// minimum and maximum the operation's $top parameter declares.
func topInRange(op *openapi3.Operation, r Request) string {
	p := parameter(op, queryTop)
	if p == nil || p.Schema == nil || p.Schema.Value == nil {
		return ""
	}
	q, err := url.ParseQuery(r.query())
	if err != nil || !q.Has(queryTop) {
		return ""
	}
	schema := p.Schema.Value
	low, high := "", ""
	if schema.Min != nil {
		low = strconv.FormatFloat(*schema.Min, 'f', -1, 64)
	}
	if schema.Max != nil {
		high = strconv.FormatFloat(*schema.Max, 'f', -1, 64)
	}
	value := q.Get(queryTop)
	n, err := strconv.ParseInt(value, 10, 64)
	if err == nil && (schema.Min == nil || float64(n) >= *schema.Min) && (schema.Max == nil || float64(n) <= *schema.Max) {
		return ""
	}
	return fmt.Sprintf("$top=%q is not a whole number from %s to %s, as the docs of this operation allow", value, low, high)
}
