package docspec

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// DefaultSourcePrefix is what Build puts before a page's name in x-ms-docs-source: the pages live
// in spec/docs/ of the repository.
const DefaultSourcePrefix = "spec/docs/"

// Options tune BuildResult.
type Options struct {
	// SourcePrefix is put before a page's name in x-ms-docs-source, e.g. "spec/docs/".
	SourcePrefix string
}

// Result is what BuildResult derives from the pages.
type Result struct {
	// YAML is the OpenAPI 3.0.3 description, deterministic for the same pages.
	YAML []byte
	// Pages are the reference pages read, in file order.
	Pages []*Page
	// Disagreements are the decisions the builder took, sorted by page and line.
	Disagreements []Disagreement
	// Sources maps the JSON pointer of each part of the description (an operation such as
	// "/paths/~1teamwork~1devices~1{teamworkDeviceId}~1updateSoftware/post", a path item, a component
	// such as "/components/schemas/teamworkSoftwareType") to the pages it was derived from.
	Sources map[string][]string
}

// Build reads the API-reference pages (*.md) of fsys and returns the OpenAPI 3.0.3 description as
// deterministic YAML. Markdown without front matter (a README) is skipped.
func Build(fsys fs.FS) ([]byte, error) {
	res, err := BuildResult(fsys, Options{SourcePrefix: DefaultSourcePrefix})
	if err != nil {
		return nil, err
	}
	return res.YAML, nil
}

// BuildResult is Build with options, returning the decisions taken and where each part of the
// description comes from as well.
func BuildResult(fsys fs.FS, opts Options) (*Result, error) {
	pages, err := ReadPages(fsys)
	if err != nil {
		return nil, err
	}
	b := &builder{
		opts: opts, pages: pages,
		types: map[string]*typeDef{}, enums: map[string]*enumDef{},
		reach: map[string]use{}, nullableRefs: map[string]bool{},
		sources: map[string][]string{}, statusNotes: map[string]string{},
		responses: map[string]*omap{}, paramUse: map[string][]string{},
		collections: map[string]*omap{},
	}
	doc, err := b.build()
	if err != nil {
		return nil, err
	}
	out, err := emitYAML(doc)
	if err != nil {
		return nil, err
	}
	if err := validate(out); err != nil {
		return nil, err
	}
	sortDisagreements(b.disagreements)
	for k, v := range b.sources {
		slices.Sort(v)
		b.sources[k] = slices.Compact(v)
	}
	return &Result{YAML: out, Pages: pages, Disagreements: b.disagreements, Sources: b.sources}, nil
}

// ReadPages reads every *.md file of fsys, in lexical order, and returns the reference pages among
// them; markdown without front matter is skipped.
func ReadPages(fsys fs.FS) ([]*Page, error) {
	var pages []*Page
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("walk the pages at %s: %w", name, err)
		}
		if d.IsDir() || path.Ext(name) != ".md" {
			return nil
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("read page %s: %w", name, err)
		}
		p, err := ReadPage(name, src)
		if errors.Is(err, ErrNotReferencePage) {
			return nil
		}
		if err != nil {
			return err
		}
		pages = append(pages, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("no API-reference page found: put the pages (markdown with front matter) in the folder given")
	}
	return pages, nil
}

// validate loads the built description with kin-openapi and validates it, examples included.
func validate(data []byte) error {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return fmt.Errorf("the built description does not load (%w): a page produced something OpenAPI 3.0 refuses", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return fmt.Errorf("the built description is invalid (%w): fix the page the named part comes from", err)
	}
	return nil
}

type builder struct {
	opts  Options
	pages []*Page

	types map[string]*typeDef
	enums map[string]*enumDef

	errorsPage  *Page
	errorSchema string

	reach            map[string]use
	nullableRefs     map[string]bool
	nullableDateTime bool
	statusNotes      map[string]string

	ops            []*opDef
	responses      map[string]*omap // component responses by name
	requestSchemas []namedSchema
	collections    map[string]*omap // component schemas of collections, by name
	paramUse       map[string][]string

	disagreements []Disagreement
	sources       map[string][]string
}

// opDef is one operation being built.
type opDef struct {
	page      *Page
	req       requestLine
	id        string
	path      string
	params    []paramDef
	servers   []string
	node      *omap
	responses *omap
	// bodyProps are the properties of the request body, for checking examples.
	bodyProps []Property
	// respTypes maps a status to the resource type its body returns.
	respTypes map[int]TypeRef
}

type paramDef struct {
	name, description string
}

func (b *builder) addSource(pointer string, pages ...string) {
	for _, p := range pages {
		if !slices.Contains(b.sources[pointer], p) {
			b.sources[pointer] = append(b.sources[pointer], p)
		}
	}
}

// pointerEscape escapes one JSON-pointer token.
func pointerEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func schemaPointer(name string) string { return "/components/schemas/" + pointerEscape(name) }

func schemaRef(name string) string { return "#/components/schemas/" + name }

func (b *builder) build() (*omap, error) {
	for _, p := range b.pages {
		for _, t := range p.Types {
			if have := b.types[t.Name]; have != nil {
				return nil, fmt.Errorf("the resource type %s is defined twice, on %s line %d and on %s line %d: keep one", t.Name, have.page.Name, have.doc.Line, p.Name, t.Line)
			}
			b.types[t.Name] = &typeDef{doc: t, page: p}
			b.addSource(schemaPointer(t.Name), p.Name)
		}
		for _, e := range p.Enums {
			if have := b.enums[e.Name]; have != nil {
				return nil, fmt.Errorf("the enumeration %s is defined twice, on %s line %d and on %s line %d: keep one", e.Name, have.defined.Page, have.defined.Line, p.Name, e.Line)
			}
			b.enums[e.Name] = &enumDef{name: e.Name, members: slices.Clone(e.Members), defined: &Location{Page: p.Name, Line: e.Line}}
			b.addSource(schemaPointer(e.Name), p.Name)
		}
		if p.Errors != nil {
			if b.errorsPage != nil {
				return nil, fmt.Errorf("both %s and %s have an HTTP status code table: keep the error responses on one page", b.errorsPage.Name, p.Name)
			}
			b.errorsPage = p
		}
	}
	if b.errorsPage != nil {
		for _, t := range b.errorsPage.Types {
			if strings.HasSuffix(t.ODataType, "ODataErrors.ODataError") {
				b.errorSchema = t.Name
			}
		}
		if b.errorSchema == "" {
			return nil, fmt.Errorf("%s: the error page has no resource type annotated \"@odata.type\": \"microsoft.graph.ODataErrors.ODataError\": add the error body's type", b.errorsPage.Name)
		}
		b.mark(b.errorSchema, use{resp: true})
	}
	// Status vocabularies first: they annotate resource properties.
	b.statusVocabularies()
	for _, p := range b.pages {
		if p.Operation == nil {
			continue
		}
		for i, rl := range p.Operation.Requests {
			op, err := b.operation(p, rl, i)
			if err != nil {
				return nil, err
			}
			b.ops = append(b.ops, op)
		}
	}
	if err := b.checkOperationIDs(); err != nil {
		return nil, err
	}
	b.pollRetryAfter()
	return b.document()
}

// titleParts splits an API page's title: "teamworkDevice: updateSoftware" is the action
// updateSoftware bound to teamworkDevice; "Get teamworkDeviceOperation" is the verb get of the
// resource teamworkDeviceOperation.
func titleParts(p *Page) (owner, verb string, action bool, err error) {
	if o, a, ok := strings.Cut(p.Title, ":"); ok && isIdentifier(strings.TrimSpace(o)) && isIdentifier(strings.TrimSpace(a)) {
		return strings.TrimSpace(o), strings.TrimSpace(a), true, nil
	}
	fields := strings.Fields(p.Title)
	if len(fields) == 2 && isIdentifier(fields[1]) {
		switch v := strings.ToLower(fields[0]); v {
		case "get", "update", "create", "delete", "list":
			return fields[1], v, false, nil
		}
	}
	return "", "", false, fmt.Errorf("%s: line %d: the title %q names no operation: write 'type: action' or 'Get|Update|Create|Delete|List type'", p.Name, p.TitleLine, p.Title)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// operationID names an operation. An action is "<type>.<action>". Another operation is
// "<type>.<verb>", except when the type is named after a containing entity whose key is a path
// parameter before its own (teamworkDeviceOperation under {teamworkDeviceId}): then it is named on
// the container, "<container>.<verb><rest>", teamworkDevice.getOperation, the way Graph's SDKs
// reach it (devices/{id}/operations/{id}). A list has no key of its own: the title's plural is
// named on the container whose key is any path parameter, "List teamworkDeviceOperations" under
// {teamworkDeviceId} being teamworkDevice.listOperations.
func operationID(owner, verb string, action bool, params []PathParam) string {
	if action {
		return owner + "." + verb
	}
	containers := len(params) - 1
	if verb == "list" {
		containers = len(params)
	}
	for i := 0; i < containers; i++ {
		base := strings.TrimSuffix(strings.TrimSuffix(params[i].Name, "Id"), "-id")
		if base != owner && strings.HasPrefix(owner, base) && base != "" {
			return base + "." + verb + upperFirst(owner[len(base):])
		}
	}
	return owner + "." + verb
}

// pageVersion tells a page's version from its example requests' URLs, else from the beta
// disclaimer.
func pageVersion(p *Page) (string, int, error) {
	version, line := "", 0
	for _, ex := range p.Operation.Examples {
		v := ex.Request.Version()
		if v == "" {
			continue
		}
		if version != "" && v != version {
			return "", 0, fmt.Errorf("%s: line %d: the examples call both /%s and /%s: keep one version per page", p.Name, ex.Request.Line, version, v)
		}
		if version == "" {
			version, line = v, ex.Request.Line
		}
	}
	if version == "" && p.Beta {
		version, line = "beta", p.TitleLine
	}
	if version == "" {
		return "", 0, fmt.Errorf("%s: cannot tell the page's version: add an example request with a full URL (https://graph.microsoft.com/v1.0/...) or the beta disclaimer include", p.Name)
	}
	return version, line, nil
}

func (b *builder) operation(p *Page, rl requestLine, index int) (*opDef, error) {
	doc := p.Operation
	owner, verb, action, err := titleParts(p)
	if err != nil {
		return nil, err
	}
	op := &opDef{page: p, req: rl, respTypes: map[int]TypeRef{}}
	op.id = operationID(owner, verb, action, rl.Params)
	if index > 0 {
		op.id += "-" + strconv.Itoa(index+1)
	}
	// Path parameters.
	op.path = rl.Path
	for i, prm := range rl.Params {
		pd := paramDef{name: prm.Name}
		if prm.Alternatives != nil {
			pd.description = "The " + strings.Join(prm.Alternatives, " or the ") + "."
		}
		last := i == len(rl.Params)-1 && strings.HasSuffix(rl.Path, "{"+prm.Name+"}/"+verb)
		if action && last && !strings.HasPrefix(strings.ToLower(prm.Name), strings.ToLower(owner)) {
			renamed := owner + "-id"
			op.path = strings.Replace(op.path, "{"+prm.Name+"}", "{"+renamed+"}", 1)
			pd.name = renamed
			pd.description = fmt.Sprintf("The key of the %s; the page writes it {%s}.", owner, prm.Written)
			b.record(Disagreement{Decision: Decision{ID: DecisionPathParameterRenamed, Page: p.Name, Line: rl.Line,
				Description: fmt.Sprintf("the request line names the key of the %s {%s}; the path parameter is named {%s}, as Microsoft's published description names it", owner, prm.Written, renamed)}})
		}
		op.params = append(op.params, pd)
		b.paramUse[pd.name] = append(b.paramUse[pd.name], op.path)
	}
	version, vline, err := pageVersion(p)
	if err != nil {
		return nil, err
	}
	if version == "v1.0" {
		op.servers = []string{"/v1.0", "/beta"}
		b.record(Disagreement{Decision: Decision{ID: DecisionV1AlsoBeta, Page: p.Name, Line: vline,
			Description: "the page documents v1.0 and does not say whether /beta serves the operation; it is served under /v1.0 and /beta, as Graph's beta carries what v1.0 carries"}})
	} else {
		op.servers = []string{"/" + version}
	}
	pointer := "/paths/" + pointerEscape(op.path) + "/" + strings.ToLower(rl.Method)
	b.addSource(pointer, p.Name)
	b.addSource("/paths/"+pointerEscape(op.path), p.Name)
	b.addSource("/components/securitySchemes/azureAD", p.Name)
	b.addSource("/servers", p.Name)

	n := newMap("operationId", op.id)
	if p.Meta.Description != "" {
		n.set("summary", p.Meta.Description)
	}
	if d := strings.TrimSpace(strings.TrimPrefix(p.Intro, p.Meta.Description)); d != "" {
		n.set("description", d)
	}
	view := "graph-rest-beta"
	if version == "v1.0" {
		view = "graph-rest-1.0"
	}
	slug := strings.TrimSuffix(path.Base(p.Name), ".md")
	n.set("externalDocs", newMap("url", "https://learn.microsoft.com/graph/api/"+slug+"?view="+view))
	n.set("x-ms-docs-source", b.opts.SourcePrefix+p.Name)
	perms := newMap()
	if len(doc.Permissions.Delegated) > 0 {
		perms.set("delegated", scopeList(doc.Permissions.Delegated))
	}
	if len(doc.Permissions.Application) > 0 {
		perms.set("application", scopeList(doc.Permissions.Application))
	}
	if perms.len() > 0 {
		n.set("x-ms-permissions", perms)
		var sec []any
		for _, s := range doc.Permissions.All() {
			sec = append(sec, newMap("azureAD", flow{s}))
		}
		n.set("security", sec)
	}
	if len(doc.Query) > 0 {
		var params []any
		for _, q := range doc.Query {
			params = append(params, queryParamSchema(q))
		}
		n.set("parameters", params)
	}
	body, err := b.requestBody(p, op, owner, verb, action)
	if err != nil {
		return nil, err
	}
	n.set("requestBody", body)
	responses, err := b.responsesOf(p, op)
	if err != nil {
		return nil, err
	}
	n.set("responses", responses)
	op.node, op.responses = n, responses
	return op, nil
}

// queryParamSchema is the parameter object of an OData query parameter a page names.
func queryParamSchema(q QueryParam) *omap {
	m := newMap("name", q.Name, "in", "query", "required", false)
	if q.Description != "" {
		m.set("description", q.Description)
	}
	schema := newMap("type", q.Type())
	if q.Minimum != nil {
		schema.set("minimum", *q.Minimum)
	}
	if q.Maximum != nil {
		schema.set("maximum", *q.Maximum)
	}
	m.set("schema", schema)
	return m
}

// scopeList renders a list of scopes in flow style when it is short.
func scopeList(scopes []string) any {
	if len(strings.Join(scopes, ", ")) <= 90 {
		return flow(toAny(scopes))
	}
	return toAny(scopes)
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// requestBody builds an operation's request body from the request body table.
func (b *builder) requestBody(p *Page, op *opDef, owner, verb string, action bool) (*omap, error) {
	doc := p.Operation
	if doc.NoBody || doc.Body == nil {
		return nil, nil
	}
	reqUse := use{req: true}
	contentType := doc.ContentType
	if contentType == "" {
		contentType = "application/json"
	}
	var name string
	schema := newMap()
	required := false
	props := newMap()
	var req flow
	switch {
	case action:
		name = verb + "Request"
		if b.types[name] != nil || b.enums[name] != nil || b.hasRequestSchema(name) {
			name = owner + upperFirst(verb) + "Request"
		}
		schema.set("description", fmt.Sprintf("The parameters of %s, from the parameter table of %s.", op.id, p.Name))
		schema.set("type", "object")
		schema.set("additionalProperties", false)
		for _, prm := range doc.Body {
			kind, err := b.resolveType(prm, p)
			if err != nil {
				return nil, err
			}
			nullable := true
			switch {
			case prm.NotNullable || prm.Required:
				nullable = false
			case prm.Nullable:
				nullable = true
			case kind == "enum" && !prm.Type.Collection:
				nullable = false
				if !prm.Optional {
					b.record(Disagreement{Decision: Decision{ID: DecisionEnumParameterRequired, Page: p.Name, Line: prm.Line,
						Description: fmt.Sprintf("the table does not say whether %s is required; as a parameter of the enumeration %s it is taken as required and not nullable", prm.Name, prm.Type.Name)}})
				}
			}
			if prm.Required || (!prm.Optional && !nullable) {
				req = append(req, prm.Name)
				required = true
			}
			ps, err := b.propertySchema(prm, nullable, reqUse, p)
			if err != nil {
				return nil, err
			}
			props.set(prm.Name, ps)
		}
	case verb == "update":
		t := b.types[owner]
		if t == nil {
			return nil, fmt.Errorf("%s: line %d: the page updates %s, which no resource page defines: add its resource page", p.Name, p.TitleLine, owner)
		}
		name = owner + "Update"
		required = true
		schema.set("description", fmt.Sprintf("The body of a PATCH: any of %s's properties; a property the type does not have is refused, as Graph refuses it.", owner))
		schema.set("type", "object")
		schema.set("additionalProperties", false)
		schema.set("minProperties", 1)
		for _, intro := range doc.BodyIntro {
			if strings.Contains(strings.ToLower(intro.Text), "required when you create") {
				b.record(Disagreement{Decision: Decision{ID: DecisionPatchTableSaysCreate, Page: p.Name, Line: intro.Line,
					Description: "the update page says its table shows the properties required when you create the object; a PATCH requires none of them: the body takes any non-empty subset of the properties and refuses others"}, Contradiction: true})
			}
		}
		if t.doc.Entity() && t.doc.ODataType != "" {
			props.set("@odata.type", newMap("type", "string", "enum", flow{"#" + t.doc.ODataType}))
		}
		for _, prm := range doc.Body {
			ps, err := b.propertySchema(prm, resourceNullable(prm, t.doc.Key), reqUse, p)
			if err != nil {
				return nil, err
			}
			props.set(prm.Name, ps)
		}
	default:
		name = verb + upperFirst(owner) + "Request"
		schema.set("type", "object")
		schema.set("additionalProperties", false)
		for _, prm := range doc.Body {
			ps, err := b.propertySchema(prm, resourceNullable(prm, ""), reqUse, p)
			if err != nil {
				return nil, err
			}
			if prm.Required {
				req = append(req, prm.Name)
				required = true
			}
			props.set(prm.Name, ps)
		}
	}
	if len(req) > 0 {
		schema.set("required", req)
	}
	schema.set("properties", props)
	if b.types[name] != nil || b.enums[name] != nil || b.hasRequestSchema(name) {
		return nil, fmt.Errorf("%s: the request body schema name %s is taken by another type or operation: rename the type or action", p.Name, name)
	}
	b.requestSchemas = append(b.requestSchemas, namedSchema{name: name, schema: schema})
	b.addSource(schemaPointer(name), p.Name)
	op.bodyProps = doc.Body

	media := newMap("schema", newMap("$ref", schemaRef(name)))
	examples := newMap()
	for _, ex := range doc.Examples {
		if len(ex.Request.Body) == 0 {
			continue
		}
		v, err := decodeJSON(ex.Request.Body)
		if err != nil {
			return nil, fmt.Errorf("%s: line %d: the example request's body is not JSON (%w): fix it", p.Name, ex.Request.BodyLine, err)
		}
		if err := b.checkExample(v, doc.Body, p, ex.Request, ex.Title); err != nil {
			return nil, err
		}
		examples.set(exampleName(ex, examples.len()), newMap("summary", ex.Title, "value", v))
	}
	if examples.len() > 0 {
		media.set("examples", examples)
	}
	return newMap("required", required, "content", newMap(contentType, media)), nil
}

type namedSchema struct {
	name   string
	schema *omap
}

func (b *builder) hasRequestSchema(name string) bool {
	for _, s := range b.requestSchemas {
		if s.name == name {
			return true
		}
	}
	return false
}

func exampleName(ex Example, n int) string {
	if ex.Name != "" {
		return ex.Name
	}
	return "example" + strconv.Itoa(n+1)
}

// checkExample walks an example body against the properties it should have and applies
// DecisionEnumExampleCase where an enumeration member is spelled in another case.
func (b *builder) checkExample(v any, props []Property, p *Page, msg *HTTPMessage, title string) error {
	obj, ok := v.(*omap)
	if !ok {
		return nil
	}
	for _, k := range obj.keys {
		i := slices.IndexFunc(props, func(pr Property) bool { return pr.Name == k })
		if i < 0 {
			continue
		}
		prop := props[i]
		vals := []any{obj.vals[k]}
		if arr, ok := obj.vals[k].([]any); ok && prop.Type.Collection {
			vals = arr
		}
		for _, val := range vals {
			if t := b.types[prop.Type.Name]; t != nil {
				if err := b.checkExample(val, t.doc.Properties, p, msg, title); err != nil {
					return err
				}
				continue
			}
			e := b.enums[prop.Type.Name]
			s, isString := val.(string)
			if e == nil || !isString || slices.Contains(e.members, s) {
				continue
			}
			line := valueLine(msg, k, s)
			j := slices.IndexFunc(e.members, func(m string) bool { return strings.EqualFold(m, s) })
			if j < 0 || strings.ToUpper(s[:1])+s[1:] != s {
				return fmt.Errorf("%s: line %d: the example gives %s the value %q, which is not a member of %s (%s): fix the example or the enumeration", p.Name, line, k, s, e.name, strings.Join(e.members, ", "))
			}
			e.capitalised = true
			e.capitalisedBy = fmt.Sprintf("%s (%q) sends %q", p.Name, title, s)
			d := Disagreement{Decision: Decision{ID: DecisionEnumExampleCase, Page: p.Name, Line: line,
				Description: fmt.Sprintf("the example sends %s %q; %s's members are %s. The description accepts the capitalised spelling of every member but unknownFutureValue", k, s, e.name, strings.Join(e.members, ", "))}, Contradiction: true}
			if e.defined != nil {
				d.Conflicts = append(d.Conflicts, *e.defined)
			}
			if t := b.types[enumOwner(b, e.name)]; t != nil {
				for _, pr := range t.doc.Properties {
					if pr.Type.Name == e.name {
						d.Conflicts = append(d.Conflicts, Location{Page: t.page.Name, Line: pr.Line})
					}
				}
			}
			b.record(d)
			b.addSource(schemaPointer(e.name), p.Name)
		}
	}
	return nil
}

// enumOwner returns the first resource type (by name) with a property of the enumeration.
func enumOwner(b *builder, enum string) string {
	var names []string
	for n, t := range b.types {
		for _, p := range t.doc.Properties {
			if p.Type.Name == enum {
				names = append(names, n)
			}
		}
	}
	slices.Sort(names)
	if len(names) == 0 {
		return ""
	}
	return names[0]
}

// valueLine finds the page line of `"key": "value"` in an example's body.
func valueLine(m *HTTPMessage, key, value string) int {
	lines := strings.Split(string(m.Body), "\n")
	for i, l := range lines {
		if strings.Contains(l, `"`+key+`"`) && strings.Contains(l, `"`+value+`"`) {
			return m.BodyLine + i
		}
	}
	return m.BodyLine
}

// responsesOf builds an operation's responses from the response prose, the examples and the
// error page.
func (b *builder) responsesOf(p *Page, op *opDef) (*omap, error) {
	doc := p.Operation
	out := newMap()
	for _, r := range doc.Responses {
		key := strconv.Itoa(r.Status)
		if out.has(key) {
			continue
		}
		if r.Status >= 400 {
			ref, err := b.errorResponse(p, r)
			if err != nil {
				return nil, err
			}
			out.set(key, ref)
			continue
		}
		resp := newMap("description", stripTicks(r.Text))
		if len(r.Headers) > 0 {
			headers := newMap()
			for _, h := range r.Headers {
				hs := newMap("description", h.Text)
				if h.Required {
					hs.set("required", true)
				}
				schema := newMap("type", "string")
				if h.Name == "Location" {
					schema.set("minLength", 1)
				}
				hs.set("schema", schema)
				headers.set(h.Name, hs)
			}
			resp.set("headers", headers)
		}
		if r.Body != nil {
			t := b.types[r.Body.Name]
			if t == nil {
				return nil, fmt.Errorf("%s: line %d: the response returns %s, which no resource page defines: add its resource page", p.Name, r.Line, r.Body.Name)
			}
			op.respTypes[r.Status] = *r.Body
			schema := b.ref(r.Body.Name, use{resp: true}, false, p)
			if r.Body.Collection {
				name, err := b.collection(r.Body.Name, p, r.Line)
				if err != nil {
					return nil, err
				}
				schema = newMap("$ref", schemaRef(name))
			}
			resp.set("content", newMap("application/json", newMap("schema", schema)))
		}
		out.set(key, resp)
	}
	// Examples.
	for _, ex := range doc.Examples {
		if ex.Response == nil {
			continue
		}
		key := strconv.Itoa(ex.Response.Status)
		resp, ok := out.get(key).(*omap)
		if !ok {
			return nil, fmt.Errorf("%s: line %d: the example response has status %d, which the '## Response' section does not name: name it there or fix the example", p.Name, ex.Response.Line, ex.Response.Status)
		}
		if resp.has("$ref") {
			continue
		}
		if headers, ok := resp.get("headers").(*omap); ok {
			for _, h := range headers.keys {
				if v := ex.Response.Get(h); v != "" {
					hm := headers.get(h).(*omap)
					if !hm.has("example") {
						hm.set("example", v)
					}
				}
			}
		}
		content, ok := resp.get("content").(*omap)
		if !ok || len(ex.Response.Body) == 0 {
			continue
		}
		v, err := decodeJSON(ex.Response.Body)
		if err != nil {
			return nil, fmt.Errorf("%s: line %d: the example response's body is not JSON (%w): fix it", p.Name, ex.Response.BodyLine, err)
		}
		tr := op.respTypes[ex.Response.Status]
		if obj, ok := v.(*omap); ok && !tr.Collection && obj.len() == 1 && obj.has("value") {
			if inner, ok := obj.get("value").(*omap); ok {
				v = inner
				b.record(Disagreement{Decision: Decision{ID: DecisionExampleValueWrapper, Page: p.Name, Line: ex.Response.BodyLine,
					Description: fmt.Sprintf("the example wraps the %s in {\"value\": ...} while the page returns one object; the description's example is the object itself", tr.Name)},
					Contradiction: true, Conflicts: []Location{{Page: p.Name, Line: responseLine(doc, ex.Response.Status)}}})
			}
		}
		items := []any{v}
		if tr.Collection {
			obj, _ := v.(*omap)
			var ok bool
			if obj != nil {
				items, ok = obj.get("value").([]any)
			}
			if !ok {
				return nil, fmt.Errorf("%s: line %d: the example response is not a collection while the page returns a collection of %s: write it as {\"value\": [...]}", p.Name, ex.Response.BodyLine, tr.Name)
			}
		}
		if t := b.types[tr.Name]; t != nil {
			for _, item := range items {
				if err := b.checkExample(item, t.doc.Properties, p, ex.Response, ex.Title); err != nil {
					return nil, err
				}
			}
		}
		media := content.get("application/json").(*omap)
		examples, _ := media.get("examples").(*omap)
		if examples == nil {
			examples = newMap()
			media.set("examples", examples)
		}
		examples.set(exampleName(ex, examples.len()), newMap("summary", ex.Title, "value", v))
	}
	if b.errorsPage != nil {
		for _, r := range b.errorsPage.Errors.Ranges() {
			if !out.has(r) {
				out.set(r, newMap("$ref", "#/components/responses/error"))
			}
		}
		b.addSource("/components/responses/error", b.errorsPage.Name)
	}
	return out, nil
}

func responseLine(doc *OperationDoc, status int) int {
	for _, r := range doc.Responses {
		if r.Status == status {
			return r.Line
		}
	}
	return doc.ResponseLine
}

// errorResponse returns a $ref to the component response of an error status a page names, e.g.
// "conflict" for "409 Conflict", creating it from the page's prose.
func (b *builder) errorResponse(p *Page, r ResponseDoc) (*omap, error) {
	if b.errorSchema == "" {
		return nil, fmt.Errorf("%s: line %d: the page names %d %s but no page describes Graph's error body: add the error page (an HTTP status code table and the odataError resource type)", p.Name, r.Line, r.Status, r.Reason)
	}
	reason := r.Reason
	if reason == "" && b.errorsPage.Errors.Row(r.Status) != nil {
		reason = b.errorsPage.Errors.Row(r.Status).Reason
	}
	name := lowerFirst(strings.ReplaceAll(strings.Join(strings.Fields(reason), ""), "-", ""))
	if name == "" || !isIdentifier(name) {
		name = "status" + strconv.Itoa(r.Status)
	}
	desc := stripTicks(r.Text)
	if have := b.responses[name]; have != nil && have.get("description") != desc {
		name = name + upperFirst(strings.ReplaceAll(path.Base(strings.TrimSuffix(p.Name, ".md")), "-", ""))
	}
	b.responses[name] = newMap("description", desc, "content", newMap("application/json", newMap("schema", newMap("$ref", schemaRef(b.errorSchema)))))
	b.addSource("/components/responses/"+pointerEscape(name), p.Name)
	return newMap("$ref", "#/components/responses/"+name), nil
}

func (b *builder) checkOperationIDs() error {
	seen := map[string]*opDef{}
	for _, op := range b.ops {
		if have := seen[op.id]; have != nil {
			return fmt.Errorf("%s line %d and %s line %d both derive the operationId %s: give the pages distinct titles", have.page.Name, have.req.Line, op.page.Name, op.req.Line, op.id)
		}
		seen[op.id] = op
	}
	return nil
}

// statusVocabularies applies DecisionStatusVocabulary: where a page's prose gives status values for
// a resource that differ from the ones its resource page lists.
func (b *builder) statusVocabularies() {
	for _, p := range b.pages {
		if p.Operation == nil {
			continue
		}
		for _, sw := range p.Operation.StatusWords {
			t := b.types[sw.Of]
			if t == nil {
				continue
			}
			i := slices.IndexFunc(t.doc.Properties, func(pr Property) bool { return pr.Name == "status" })
			if i < 0 {
				continue
			}
			prop := t.doc.Properties[i]
			if slices.Equal(prop.Members, sw.Words) {
				continue
			}
			conflicts := []Location{{Page: t.page.Name, Line: prop.Line}}
			var others []string
			for _, q := range b.pages {
				if q.Operation == nil {
					continue
				}
				for _, ex := range q.Operation.Examples {
					if ex.Response == nil {
						continue
					}
					v, err := decodeJSON(ex.Response.Body)
					if err != nil {
						continue
					}
					for _, obj := range exampleObjects(ex.Response, v, sw.Of) {
						s, _ := obj.get("status").(string)
						if s != "" && !slices.Contains(sw.Words, s) && !slices.Contains(prop.Members, s) {
							at := Location{Page: q.Name, Line: valueLine(ex.Response, "status", s)}
							if !slices.Contains(conflicts, at) {
								conflicts = append(conflicts, at)
							}
							if !slices.Contains(others, s) {
								others = append(others, s)
							}
						}
					}
				}
			}
			note := fmt.Sprintf("A free string, not an enumeration: %s lists %s; %s names %s", t.page.Name, strings.Join(prop.Members, ", "), p.Name, strings.Join(sw.Words, ", "))
			if len(others) > 0 {
				note += "; examples use " + strings.Join(others, ", ")
			}
			note += fmt.Sprintf(" (decision %s).", DecisionStatusVocabulary)
			b.statusNotes[t.page.Name+"#status"] = note
			b.addSource(schemaPointer(sw.Of), p.Name)
			b.record(Disagreement{Decision: Decision{ID: DecisionStatusVocabulary, Page: p.Name, Line: sw.Line,
				Description: fmt.Sprintf("the prose says the %s's status is %s; its resource page lists %s. The status stays a free string, as the metadata types it, and its description names both", sw.Of, strings.Join(sw.Words, ", "), strings.Join(prop.Members, ", "))},
				Contradiction: true, Conflicts: conflicts})
		}
	}
}

// exampleObjects returns the objects of type typeName an example response shows, as its
// annotation's "@odata.type" says: the object itself ("microsoft.graph.X", also when the example
// wraps it in "value"), or the items of "value" ("Collection(microsoft.graph.X)").
func exampleObjects(m *HTTPMessage, v any, typeName string) []*omap {
	obj, _ := v.(*omap)
	if obj == nil {
		return nil
	}
	switch m.Annotation["@odata.type"] {
	case "microsoft.graph." + typeName:
		if obj.len() == 1 && obj.has("value") {
			obj, _ = obj.get("value").(*omap)
		}
		if obj == nil {
			return nil
		}
		return []*omap{obj}
	case "Collection(microsoft.graph." + typeName + ")":
		var out []*omap
		items, _ := obj.get("value").([]any)
		for _, item := range items {
			if o, ok := item.(*omap); ok {
				out = append(out, o)
			}
		}
		return out
	}
	return nil
}

// collection returns the name of the component schema of a collection of the resource type
// typeName, "<type>Collection", creating it: the page of Graph's answer to a list, its items in
// "value", "@odata.nextLink" while more pages remain, and "@odata.context".
func (b *builder) collection(typeName string, p *Page, line int) (string, error) {
	name := typeName + "Collection"
	b.addSource(schemaPointer(name), p.Name)
	if b.collections[name] != nil {
		return name, nil
	}
	if b.types[name] != nil || b.enums[name] != nil || b.hasRequestSchema(name) {
		return "", fmt.Errorf("%s: line %d: the page returns a collection of %s, whose schema would be named %s, which another type has: rename that type", p.Name, line, typeName, name)
	}
	b.collections[name] = newMap(
		"description", fmt.Sprintf("A page of a collection of %s: the items in value, and @odata.nextLink, the URL of the next page, while more remain.", typeName),
		"type", "object",
		"required", flow{"value"},
		"properties", newMap(
			"@odata.context", newMap("type", "string"),
			"@odata.nextLink", newMap("description", "The URL of the next page; absent or null on the last page.", "type", "string", "nullable", true),
			"value", newMap("type", "array", "items", b.ref(typeName, use{resp: true}, false, p)),
		),
	)
	return name, nil
}

// pollRetryAfter applies DecisionPollRetryAfter: the 200 of the GET that a 202's example Location
// points at declares an optional Retry-After.
func (b *builder) pollRetryAfter() {
	if b.errorsPage == nil || b.errorsPage.Errors.RetryAfter == nil {
		return
	}
	for _, src := range b.ops {
		for _, ex := range src.page.Operation.Examples {
			if ex.Response == nil || ex.Response.Status != 202 {
				continue
			}
			loc := ex.Response.Get("Location")
			if loc == "" {
				continue
			}
			m := &HTTPMessage{Target: loc}
			locPath := m.Path()
			if v := m.Version(); v != "" {
				locPath = strings.TrimPrefix(locPath, "/"+v)
			}
			locPath, _, _ = strings.Cut(locPath, "?")
			for _, dst := range b.ops {
				if dst.req.Method != "GET" || !matchTemplate(dst.path, locPath) {
					continue
				}
				ok, _ := dst.responses.get("200").(*omap)
				if ok == nil {
					continue
				}
				headers, _ := ok.get("headers").(*omap)
				if headers == nil {
					headers = newMap()
					// Keep headers before content.
					ok2 := newMap("description", ok.get("description"), "headers", headers)
					for _, k := range ok.keys {
						ok2.set(k, ok.get(k))
					}
					dst.responses.set("200", ok2)
				}
				headers.set("Retry-After", newMap("$ref", "#/components/headers/Retry-After"))
				b.addSource("/paths/"+pointerEscape(dst.path)+"/get", src.page.Name)
				b.record(Disagreement{Decision: Decision{ID: DecisionPollRetryAfter, Page: dst.page.Name, Line: responseLine(dst.page.Operation, 200),
					Description: fmt.Sprintf("the 202 of %s points its Location at this operation, a long-running operation's status monitor; the page does not name Retry-After, which Graph's guidance has pollers honour, so its 200 declares an optional Retry-After", src.id)},
					Conflicts: []Location{{Page: src.page.Name, Line: ex.Response.Line}}})
			}
		}
	}
}

// matchTemplate tells whether a concrete path matches a path template, a {parameter} matching any
// one segment.
func matchTemplate(template, p string) bool {
	ts := strings.Split(strings.Trim(template, "/"), "/")
	ps := strings.Split(strings.Trim(p, "/"), "/")
	if len(ts) != len(ps) {
		return false
	}
	for i := range ts {
		if strings.HasPrefix(ts[i], "{") && strings.HasSuffix(ts[i], "}") {
			if ps[i] == "" {
				return false
			}
			continue
		}
		if ts[i] != ps[i] {
			return false
		}
	}
	return true
}
