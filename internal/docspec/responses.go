package docspec

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// responsesOf reads an operation's responses from the response prose, the examples and the error
// page: the statuses the prose names in its order, then the error page's 4XX and 5XX ranges.
func (m *model) responsesOf(op *operation) ([]*response, error) {
	p, doc := op.page, op.page.Operation
	var out []*response
	byKey := map[string]*response{}
	for _, r := range doc.Responses {
		key := strconv.Itoa(r.Status)
		if byKey[key] != nil {
			continue
		}
		var resp *response
		if r.Status >= 400 {
			ref, err := m.errorResponse(p, r)
			if err != nil {
				return nil, err
			}
			resp = &response{key: key, ref: ref}
		} else {
			var err error
			resp, err = m.successResponse(p, r)
			if err != nil {
				return nil, err
			}
		}
		byKey[key] = resp
		out = append(out, resp)
	}
	for _, ex := range doc.Examples {
		if ex.Response == nil {
			continue
		}
		resp := byKey[strconv.Itoa(ex.Response.Status)]
		if resp == nil {
			return nil, fmt.Errorf("%s: line %d: the example response has status %d, which the '## Response' section does not name: name it there or fix the example", p.Name, ex.Response.Line, ex.Response.Status)
		}
		if err := m.responseExample(op, resp, ex); err != nil {
			return nil, err
		}
	}
	if m.errorsPage != nil {
		for _, r := range m.errorsPage.Errors.Ranges() {
			if byKey[r] == nil {
				resp := &response{key: r, ref: "#/components/responses/error"}
				byKey[r] = resp
				out = append(out, resp)
			}
		}
		m.sources.add("/components/responses/error", m.errorsPage.Name)
	}
	return out, nil
}

// successResponse reads a response below 400: its description, headers and body.
func (m *model) successResponse(p *Page, r ResponseDoc) (*response, error) {
	resp := &response{key: strconv.Itoa(r.Status), description: stripTicks(r.Text)}
	for _, h := range r.Headers {
		hd := &header{name: h.Name, description: h.Text, required: h.Required}
		if h.Name == "Location" {
			hd.minLength = 1
		}
		resp.headers = append(resp.headers, hd)
	}
	if r.Body == nil {
		return resp, nil
	}
	if m.types[r.Body.Name] == nil {
		return nil, fmt.Errorf("%s: line %d: the response returns %s, which no resource page defines: add its resource page", p.Name, r.Line, r.Body.Name)
	}
	body := *r.Body
	resp.bodyType = &body
	ref := m.ref(r.Body.Name, use{resp: true}, false, p)
	if r.Body.Collection {
		name, err := m.collection(r.Body.Name, p, r.Line)
		if err != nil {
			return nil, err
		}
		ref = &schema{ref: schemaRef(name)}
	}
	resp.content = &media{contentType: "application/json", schemaRef: ref.ref}
	return resp, nil
}

// responseExample adds an example response to the response of its status: its headers' values
// as the headers' examples, its body as an example of the content.
func (m *model) responseExample(op *operation, resp *response, ex Example) error {
	p := op.page
	if resp.ref != "" {
		return nil
	}
	for _, h := range resp.headers {
		if v := ex.Response.Get(h.name); v != "" && h.example == "" {
			h.example = v
		}
	}
	if resp.content == nil || len(ex.Response.Body) == 0 {
		return nil
	}
	v, err := decodeJSON(ex.Response.Body)
	if err != nil {
		return fmt.Errorf("%s: line %d: the example response's body is not JSON (%w): write it as plain JSON, without comments, trailing commas or '...'", p.Name, jsonErrorLine(ex.Response.Body, ex.Response.BodyLine, err), err)
	}
	tr := *resp.bodyType
	e := &example{name: exampleName(ex, len(resp.content.examples)), summary: ex.Title, value: v, page: p, message: ex.Response}
	if t := m.types[tr.Name]; t != nil {
		e.props = t.doc.Properties
	}
	e.objects = []*yaml.Node{v}
	if tr.Collection {
		list, ok := items(member(v, "value"))
		if !ok {
			return fmt.Errorf("%s: line %d: the example response is not a collection while the page returns a collection of %s: write it as {\"value\": [...]}", p.Name, ex.Response.BodyLine, tr.Name)
		}
		e.objects = list
	}
	resp.content.addExample(e)
	return nil
}

// errorResponse returns a reference to the component response of an error status a page names,
// e.g. "conflict" for "409 Conflict", creating it from the page's prose.
func (m *model) errorResponse(p *Page, r ResponseDoc) (string, error) {
	if m.errorSchema == "" {
		return "", fmt.Errorf("%s: line %d: the page names %d %s but no page describes Graph's error body: add the error page (an HTTP status code table and the odataError resource type)", p.Name, r.Line, r.Status, r.Reason)
	}
	reason := r.Reason
	if reason == "" && m.errorsPage.Errors.Row(r.Status) != nil {
		reason = m.errorsPage.Errors.Row(r.Status).Reason
	}
	name := lowerFirst(strings.ReplaceAll(strings.Join(strings.Fields(reason), ""), "-", ""))
	if name == "" || !isIdentifier(name) {
		name = "status" + strconv.Itoa(r.Status)
	}
	desc := stripTicks(r.Text)
	if have := m.responses[name]; have != nil && have.description != desc {
		name = name + upperFirst(strings.ReplaceAll(path.Base(strings.TrimSuffix(p.Name, ".md")), "-", ""))
	}
	m.responses[name] = &response{key: name, description: desc, content: &media{contentType: "application/json", schemaRef: schemaRef(m.errorSchema)}}
	m.sources.add("/components/responses/"+pointerEscape(name), p.Name)
	return "#/components/responses/" + name, nil
}

// collection returns the name of the component schema of a collection of the resource type
// typeName, "<type>Collection", creating it: the page of Graph's answer to a list, its items in
// "value", "@odata.nextLink" while more pages remain, and "@odata.context".
func (m *model) collection(typeName string, p *Page, line int) (string, error) {
	name := typeName + "Collection"
	m.sources.add(schemaPointer(name), p.Name)
	if m.collections[name] != nil {
		return name, nil
	}
	if m.nameTaken(name) {
		return "", fmt.Errorf("%s: line %d: the page returns a collection of %s, whose schema would be named %s, which another type has: rename that type", p.Name, line, typeName, name)
	}
	m.collections[name] = &schema{
		description: fmt.Sprintf("A page of a collection of %s: the items in value, and @odata.nextLink, the URL of the next page, while more remain.", typeName),
		typ:         "object",
		properties: []*property{
			{name: "@odata.context", schema: &schema{typ: "string"}},
			{name: "@odata.nextLink", schema: &schema{description: "The URL of the next page; absent or null on the last page.", typ: "string", nullable: true}},
			{name: "value", required: true, schema: &schema{typ: "array", items: m.ref(typeName, use{resp: true}, false, p)}},
		},
	}
	return name, nil
}

// responseLine is the page line of the prose that names a status, else of the response section.
func responseLine(doc *OperationDoc, status int) int {
	for _, r := range doc.Responses {
		if r.Status == status {
			return r.Line
		}
	}
	return doc.ResponseLine
}
