package docspec

import (
	yaml "go.yaml.in/yaml/v3"
)

// The model is the description as the builder derives it from the pages, before it is emitted:
// operations with their parameters, bodies and responses, and the component schemas, responses
// and headers they refer to. The model stage reads the pages literally; the decision stage then
// changes the model where the pages are silent or disagree (see decisionTable); the emit stage
// writes it as YAML in OpenAPI's order.
type model struct {
	pages []*Page
	opts  Options

	types map[string]*typeDef
	enums map[string]*enumSchema

	errorsPage  *Page
	errorSchema string

	operations []*operation
	// requestSchemas are the component schemas of request bodies, in the order they were built.
	requestSchemas []*namedSchema
	// collections are the component schemas of collections of a resource type, by name.
	collections map[string]*schema
	// typeSchemas are the component schemas of the resource types the operations reach, by name.
	typeSchemas map[string]*schema
	// responses are the component responses of error statuses, by name.
	responses map[string]*response
	// nullableDateTime is set when a property refers to the shared nullableDateTime schema.
	nullableDateTime bool

	reach        map[string]use
	nullableRefs map[string]bool
	// propertyUses are the property lists the model read, in reading order: what
	// enum-members-differ compares with each enumeration.
	propertyUses []propertyUse

	sources sources
}

// typeDef is a resource type and the page that defines it.
type typeDef struct {
	doc  *TypeDoc
	page *Page
}

// use tells where a schema is used: in a request body, a response body or both.
type use struct{ req, resp bool }

// propertyUse is one property the model read, on the page it read it from.
type propertyUse struct {
	prop Property
	page *Page
}

// operation is one operation: a request line of an API page.
type operation struct {
	page   *Page
	req    requestLine
	id     string
	owner  string
	verb   string
	action bool
	// path is the path template, parameters named as the description names them.
	path       string
	pathParams []*pathParam
	servers    []string
	// version is the page's version ("beta" or "v1.0") and versionLine the page line that tells it.
	version     string
	versionLine int
	summary     string
	description string
	docsURL     string
	source      string
	permissions Permissions
	query       []QueryParam
	body        *requestBody
	responses   []*response
}

// pathParam is a path parameter of an operation.
type pathParam struct {
	// name is the parameter's name in the description.
	name string
	// written is the parameter as the page writes it.
	written     PathParam
	description string
}

// requestBody is an operation's request body.
type requestBody struct {
	// schemaName is the component schema of the body.
	schemaName string
	schema     *schema
	// kind says how the page's table was read: an action's parameters, an update's properties or
	// another operation's body.
	kind        bodyKind
	contentType string
	// props are the rows of the page's request body table.
	props    []Property
	examples []*example
}

// bodyKind is how a request body table is read.
type bodyKind int

const (
	actionParameters bodyKind = iota
	updateProperties
	createProperties
)

// required tells whether the body must be sent: an update always, another body when a property
// is required.
func (b *requestBody) required() bool {
	if b.schema.minProperties > 0 {
		return true
	}
	for _, p := range b.schema.properties {
		if p.required {
			return true
		}
	}
	return false
}

// response is one response of an operation, or a component response; ref is set for a reference
// to a component response.
type response struct {
	key         string
	ref         string
	description string
	headers     []*header
	// bodyType is the resource type the body returns; nil for no body.
	bodyType *TypeRef
	content  *media
}

// header is a response header, or a reference to a component header.
type header struct {
	name        string
	ref         string
	description string
	required    bool
	minLength   int
	example     string
}

// media is the application/json (or other) content of a body.
type media struct {
	contentType string
	schemaRef   string
	examples    []*example
}

// example is an example of a body as a page shows it.
type example struct {
	name    string
	summary string
	value   *yaml.Node
	// page, message and title say where the example is.
	page    *Page
	message *HTTPMessage
	// props are the properties the example's objects should have, and objects those objects (the
	// value, or the items of a collection).
	props   []Property
	objects []*yaml.Node
}

// addExample adds an example to the media, replacing one of the same name in its place.
func (m *media) addExample(e *example) {
	for i, have := range m.examples {
		if have.name == e.name {
			m.examples[i] = e
			return
		}
	}
	m.examples = append(m.examples, e)
}

// schema is a JSON schema of the description.
type schema struct {
	ref           string
	description   string
	typ           string
	format        string
	nullable      bool
	closed        bool // additionalProperties: false
	minProperties int
	minLength     int
	minimum       *int
	maximum       *int
	properties    []*property
	items         *schema
	enum          []string
}

// property is a property of an object schema.
type property struct {
	name     string
	schema   *schema
	required bool
	// described is the schema that carries the property's description: the schema itself, or
	// the array of a collection; nil for a reference.
	described *schema
}

// namedSchema is a component schema and its name.
type namedSchema struct {
	name   string
	schema *schema
}

// enumSchema is an enumeration as the model resolved it from enum sections and property tables.
type enumSchema struct {
	name    string
	members []string
	// defined is the place of the enum section that defines the enumeration, if any.
	defined *Location
	// capitalised is set by enum-example-case: the capitalised spellings are accepted too.
	capitalised bool
	// capitalisedBy is the example that made it so.
	capitalisedBy string
}

func (m *model) hasRequestSchema(name string) bool {
	for _, s := range m.requestSchemas {
		if s.name == name {
			return true
		}
	}
	return false
}

// nameTaken tells whether a component schema name is a type's, an enumeration's or a request
// body's.
func (m *model) nameTaken(name string) bool {
	return m.types[name] != nil || m.enums[name] != nil || m.hasRequestSchema(name)
}

// response returns the operation's response of the given key, or nil.
func (op *operation) response(key string) *response {
	for _, r := range op.responses {
		if r.key == key {
			return r
		}
	}
	return nil
}

// setHeader sets a header of the response, in its place when the response has it already.
func (r *response) setHeader(h *header) {
	for i, have := range r.headers {
		if have.name == h.name {
			r.headers[i] = h
			return
		}
	}
	r.headers = append(r.headers, h)
}
