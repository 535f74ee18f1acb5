package contract

import (
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/getkin/kin-openapi/openapi3"
)

// plans are the fast checks of a description, compiled at New from kin-openapi's resolved
// description. Each says only "conforms" or "ask kin-openapi": when one cannot vouch for an
// exchange, the validator checks it with kin-openapi exactly as it would without plans.
type plans struct {
	// requests are the request checks of the operations, by operation; an operation that is missing
	// is always checked by kin-openapi.
	requests map[*openapi3.Operation]*requestPlan
	// media are the plans of the schemas of the media types of request and response bodies, by media
	// type; a media type that is missing has a schema a plan does not implement.
	media map[*openapi3.MediaType]*plan
	// headers are the plans of the declared headers of each response (Content-Type aside), by
	// response; a response that is missing declares a header a plan does not implement.
	headers map[*openapi3.Response][]headerPlan
	// jsonDecoder is kin-openapi's JSON body decoder, which the plans stand in for.
	jsonDecoder uintptr
	// mediaOf remembers the media type Content.Get gave for the content of a body and a
	// Content-Type (a mediaKey), for at most maxRememberedMedia of them; remembered counts them.
	mediaOf    sync.Map
	remembered atomic.Int64
}

// maxRememberedMedia bounds how many content types plans remember the media type of, and
// maxRememberedContentType how long one may be: a client sends few, short ones, and any other is
// looked up afresh.
const (
	maxRememberedMedia       = 256
	maxRememberedContentType = 256
)

// mediaKey names a body's declared content, by the request body or response that declares it,
// and a Content-Type.
type mediaKey struct {
	owner       any
	contentType string
}

// requestPlan is what kin-openapi's ValidateRequest checks of one operation's requests, with the
// no-op authentication graphconform uses: its security always passes (an operation whose does not
// has no plan).
type requestPlan struct {
	// method is the method the operation answers.
	method string
	// path are the path parameters and their plans; kin-openapi checks a path parameter's value,
	// as routed (still escaped), against its schema.
	path []pathParameter
	// query are the query parameters, none of them required nor with a default: kin-openapi checks
	// those the request has.
	query []queryParameter
	// body is the operation's request body; nil when it has none.
	body *openapi3.RequestBody
}

// pathParameter is a path parameter of an operation.
type pathParameter struct {
	name string
	plan *plan
}

// queryParameter is a query parameter of an operation, in form style, that kin-openapi decodes as
// a plain string or an integer.
type queryParameter struct {
	name string
	// allowEmpty: an empty value passes.
	allowEmpty bool
	// plan checks a string's value; nil for an integer.
	plan *plan
	// integer bounds an integer's value; nil for a string.
	integer *integerBounds
}

// integerBounds are the minimum and maximum of an integer schema, nil when it has none.
type integerBounds struct {
	min, max *float64
}

// headerPlan is a header a response declares.
type headerPlan struct {
	// key is the header's canonical name, under which kin-openapi looks it up.
	key      string
	required bool
	plan     *plan
}

// compilePlans compiles the plans of doc's operations; an OpenAPI 3.1 description gets none, its
// schemas being JSON Schema 2020-12's.
func compilePlans(doc *openapi3.T) *plans {
	ps := &plans{
		requests:    map[*openapi3.Operation]*requestPlan{},
		media:       map[*openapi3.MediaType]*plan{},
		headers:     map[*openapi3.Response][]headerPlan{},
		jsonDecoder: kinJSONDecoder,
	}
	if doc.IsOpenAPI31OrLater() || doc.Paths == nil {
		return ps
	}
	compiler := newPlanCompiler()
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, operation := range item.Operations() {
			if rp, ok := compileRequest(compiler, doc, item, method, operation); ok {
				ps.requests[operation] = rp
			}
			if body := operation.RequestBody; body != nil && body.Value != nil {
				ps.compileContent(compiler, body.Value.Content)
			}
			if operation.Responses == nil {
				continue
			}
			for _, ref := range operation.Responses.Map() {
				if ref == nil || ref.Value == nil {
					continue
				}
				ps.compileContent(compiler, ref.Value.Content)
				if headers, ok := compileHeaders(compiler, ref.Value); ok {
					ps.headers[ref.Value] = headers
				}
			}
		}
	}
	return ps
}

// compileContent compiles the schemas of the media types of content that a JSON decoder reads as
// kin-openapi's does: no encoding.
func (ps *plans) compileContent(compiler *planCompiler, content openapi3.Content) {
	for _, media := range content {
		if media == nil || media.Schema == nil || len(media.Encoding) > 0 {
			continue
		}
		if _, done := ps.media[media]; done {
			continue
		}
		if p, err := compiler.compile(media.Schema); err == nil {
			ps.media[media] = p
		}
	}
}

// compileRequest compiles the parameter and security checks of an operation; ok is false when
// kin-openapi may find something a plan does not check.
func compileRequest(compiler *planCompiler, doc *openapi3.T, item *openapi3.PathItem, method string, operation *openapi3.Operation) (*requestPlan, bool) {
	if !securityAlwaysPasses(doc, operation) {
		return nil, false
	}
	rp := &requestPlan{method: method}
	if operation.RequestBody != nil {
		if rp.body = operation.RequestBody.Value; rp.body == nil {
			return nil, false
		}
	}
	var parameters []*openapi3.Parameter
	for _, ref := range item.Parameters {
		if ref == nil || ref.Value == nil {
			return nil, false
		}
		if operation.Parameters.GetByInAndName(ref.Value.In, ref.Value.Name) == nil {
			parameters = append(parameters, ref.Value)
		}
	}
	for _, ref := range operation.Parameters {
		if ref == nil || ref.Value == nil {
			return nil, false
		}
		parameters = append(parameters, ref.Value)
	}
	for _, parameter := range parameters {
		switch {
		case parameter.Schema == nil && parameter.Content == nil: // kin-openapi checks nothing
		case parameter.Content != nil:
			return nil, false
		case parameter.In == openapi3.ParameterInPath:
			p, ok := compilePrimitiveString(compiler, parameter.Style, parameter.Schema)
			if !ok {
				return nil, false
			}
			rp.path = append(rp.path, pathParameter{name: parameter.Name, plan: p})
		case parameter.In == openapi3.ParameterInQuery:
			q, ok := compileQuery(compiler, parameter)
			if !ok {
				return nil, false
			}
			rp.query = append(rp.query, q)
		default: // a header or a cookie
			return nil, false
		}
	}
	return rp, true
}

// compileQuery compiles a query parameter that is not required, in form style, of type string or
// integer (its only other keywords minimum and maximum); ok is false for any other.
func compileQuery(compiler *planCompiler, parameter *openapi3.Parameter) (queryParameter, bool) {
	q := queryParameter{name: parameter.Name, allowEmpty: parameter.AllowEmptyValue}
	if parameter.Required || (parameter.Style != "" && parameter.Style != openapi3.SerializationForm) {
		return q, false
	}
	schema := parameter.Schema.Value
	if schema == nil || schema.Type == nil {
		return q, false
	}
	if schema.Type.Is(openapi3.TypeInteger) {
		if fieldBeyond(schema, func(rest *openapi3.Schema) { rest.Type, rest.Min, rest.Max = nil, nil, nil }) != "" {
			return q, false
		}
		q.integer = &integerBounds{min: schema.Min, max: schema.Max}
		return q, true
	}
	p, ok := compilePrimitiveString(compiler, openapi3.SerializationSimple, parameter.Schema)
	q.plan = p
	return q, ok
}

// compilePrimitiveString compiles the schema of a path parameter or a header that kin-openapi
// decodes as the plain string it was sent as: style simple, type string.
func compilePrimitiveString(compiler *planCompiler, style string, ref *openapi3.SchemaRef) (*plan, bool) {
	if style != "" && style != openapi3.SerializationSimple {
		return nil, false
	}
	if ref == nil || ref.Value == nil || ref.Value.Type == nil || !ref.Value.Type.Is(openapi3.TypeString) {
		return nil, false
	}
	p, err := compiler.compile(ref)
	return p, err == nil
}

// securityAlwaysPasses says whether kin-openapi's security check of operation passes whatever the
// request, with the no-op authentication function: there is no requirement, or one whose schemes
// the description all declares.
func securityAlwaysPasses(doc *openapi3.T, operation *openapi3.Operation) bool {
	requirements := doc.Security
	if operation.Security != nil {
		requirements = *operation.Security
	}
	if len(requirements) == 0 {
		return true
	}
	for _, requirement := range requirements {
		declared := true
		for name := range requirement {
			if doc.Components == nil || doc.Components.SecuritySchemes[name] == nil || doc.Components.SecuritySchemes[name].Value == nil {
				declared = false
			}
		}
		if declared {
			return true
		}
	}
	return false
}

// compileHeaders compiles the declared headers of a response; ok is false when one is not a plain
// string a plan checks.
func compileHeaders(compiler *planCompiler, response *openapi3.Response) ([]headerPlan, bool) {
	var headers []headerPlan
	for name, ref := range response.Headers {
		if name == "Content-Type" {
			continue
		}
		if ref == nil || ref.Value == nil || ref.Value.Content != nil {
			return nil, false
		}
		p, ok := compilePrimitiveString(compiler, ref.Value.Style, ref.Value.Schema)
		if !ok {
			return nil, false
		}
		headers = append(headers, headerPlan{key: http.CanonicalHeaderKey(name), required: ref.Value.Required, plan: p})
	}
	return headers, true
}

// requestConforms says whether kin-openapi's ValidateRequest, as CheckRequest calls it, would find
// nothing in the request; false is "ask kin-openapi".
func (ps *plans) requestConforms(route *Route, method, target string, header http.Header, body []byte) bool {
	rp := ps.requests[route.route.Operation]
	if rp == nil || method != rp.method {
		return false
	}
	_, rawQuery, ok := splitTarget(target)
	if !ok {
		return false
	}
	for _, parameter := range rp.path {
		value := route.PathParams[parameter.name]
		if value == "" || !parameter.plan.acceptsString(value) {
			return false
		}
	}
	if rawQuery != "" && len(rp.query) > 0 && !queryConforms(rp.query, rawQuery) {
		return false
	}
	if rp.body == nil {
		return true
	}
	if len(body) == 0 {
		return !rp.body.Required
	}
	if len(rp.body.Content) == 0 {
		return true
	}
	contentType := header.Get("Content-Type")
	media := ps.mediaFor(rp.body, rp.body.Content, contentType)
	if media == nil {
		return false
	}
	if media.Schema == nil {
		return true
	}
	return ps.bodyConforms(media, contentType, body)
}

// queryConforms says whether kin-openapi would find nothing in the query parameters of a query:
// it reads the query as net/url's URL.Query does, and a parameter's value is its first non-empty
// one (its first if all are empty).
func queryConforms(parameters []queryParameter, rawQuery string) bool {
	values, _ := url.ParseQuery(rawQuery)
	for _, q := range parameters {
		all := values[q.name]
		if len(all) == 0 {
			continue
		}
		raw := all[0]
		for _, v := range all {
			if v != "" {
				raw = v
				break
			}
		}
		if !q.accepts(raw) {
			return false
		}
	}
	return true
}

// accepts says whether kin-openapi would find nothing in raw as the parameter's value.
func (q *queryParameter) accepts(raw string) bool {
	if q.integer == nil {
		return raw == "" && q.allowEmpty || q.plan.acceptsString(raw)
	}
	if raw == "" { // decoded as no value
		return q.allowEmpty
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return false
	}
	f := float64(n)
	return (q.integer.min == nil || *q.integer.min <= f) && (q.integer.max == nil || *q.integer.max >= f)
}

// mediaFor is content.Get(contentType), remembered: owner, the request body or response that
// declares content, must not change.
func (ps *plans) mediaFor(owner any, content openapi3.Content, contentType string) *openapi3.MediaType {
	key := mediaKey{owner: owner, contentType: contentType}
	if media, ok := ps.mediaOf.Load(key); ok {
		return media.(*openapi3.MediaType)
	}
	media := content.Get(contentType)
	if len(contentType) <= maxRememberedContentType && ps.remembered.Add(1) <= maxRememberedMedia {
		ps.mediaOf.Store(key, media)
	}
	return media
}

// bodyConforms says whether a body kin-openapi would decode as JSON for media is one its plan
// accepts.
func (ps *plans) bodyConforms(media *openapi3.MediaType, contentType string, body []byte) bool {
	p := ps.media[media]
	return p != nil && ps.decodesAsJSON(mediaTypeOf(contentType)) && p.acceptsJSON(body)
}

// decodesAsJSON says whether kin-openapi decodes a body of mediaType with its JSON decoder: the one
// registered for it, or for application/json when it is a "+json" type with none.
func (ps *plans) decodesAsJSON(mediaType string) bool {
	decoder := bodyDecoder(mediaType)
	return decoder != nil && reflect.ValueOf(decoder).Pointer() == ps.jsonDecoder
}

// headersConform says whether kin-openapi's check of the declared headers of response would pass.
func (ps *plans) headersConform(response *openapi3.Response, header http.Header) bool {
	headers, ok := ps.headers[response]
	if !ok {
		return false
	}
	for _, h := range headers {
		values, present := header[h.key]
		switch {
		case !present:
			if h.required {
				return false
			}
		case len(values) == 0 || !h.plan.acceptsString(values[0]):
			return false
		}
	}
	return true
}
