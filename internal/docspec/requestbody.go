package docspec

import (
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// requestBody reads an operation's request body table: an action's parameters, an update's
// properties or another operation's body. It returns nil when the page has no body.
func (m *model) requestBody(op *operation) (*requestBody, error) {
	p, doc := op.page, op.page.Operation
	if doc.NoBody || doc.Body == nil {
		return nil, nil
	}
	body := &requestBody{contentType: doc.ContentType, props: doc.Body, schema: &schema{typ: "object", closed: true}}
	if body.contentType == "" {
		body.contentType = "application/json"
	}
	reqUse := use{req: true}
	switch {
	case op.action:
		body.kind = actionParameters
		body.schemaName = op.verb + "Request"
		if m.nameTaken(body.schemaName) {
			body.schemaName = op.owner + upperFirst(op.verb) + "Request"
		}
		body.schema.description = fmt.Sprintf("The parameters of %s, from the parameter table of %s.", op.id, p.Name)
		for _, prm := range doc.Body {
			kind, err := m.resolveType(prm, p)
			if err != nil {
				return nil, err
			}
			nullable := parameterNullable(prm, kind)
			prop, err := m.propertySchema(prm, kind, nullable, reqUse, p)
			if err != nil {
				return nil, err
			}
			prop.required = prm.Required || (!prm.Optional && prm.NotNullable)
			body.schema.properties = append(body.schema.properties, prop)
		}
	case op.verb == "update":
		body.kind = updateProperties
		t := m.types[op.owner]
		if t == nil {
			return nil, fmt.Errorf("%s: line %d: the page updates %s, which no resource page defines: add its resource page", p.Name, p.TitleLine, op.owner)
		}
		body.schemaName = op.owner + "Update"
		body.schema.description = fmt.Sprintf("The body of a PATCH: any of %s's properties; a property the type does not have is refused, as Graph refuses it.", op.owner)
		body.schema.minProperties = 1
		if t.doc.Entity() && t.doc.ODataType != "" {
			body.schema.properties = append(body.schema.properties, &property{name: "@odata.type", schema: &schema{typ: "string", enum: []string{"#" + t.doc.ODataType}}})
		}
		// Read literally, a table of "the properties that are required when you create" the
		// object makes every one of them required.
		tableRequires := false
		for _, intro := range doc.BodyIntro {
			if saysRequiredWhenYouCreate(intro.Text) {
				tableRequires = true
			}
		}
		for _, prm := range doc.Body {
			kind, err := m.resolveType(prm, p)
			if err != nil {
				return nil, err
			}
			prop, err := m.propertySchema(prm, kind, resourceNullable(prm, t.doc.Key), reqUse, p)
			if err != nil {
				return nil, err
			}
			prop.required = tableRequires
			body.schema.properties = append(body.schema.properties, prop)
		}
	default:
		body.kind = createProperties
		body.schemaName = op.verb + upperFirst(op.owner) + "Request"
		for _, prm := range doc.Body {
			kind, err := m.resolveType(prm, p)
			if err != nil {
				return nil, err
			}
			prop, err := m.propertySchema(prm, kind, resourceNullable(prm, ""), reqUse, p)
			if err != nil {
				return nil, err
			}
			prop.required = prm.Required
			body.schema.properties = append(body.schema.properties, prop)
		}
	}
	if m.nameTaken(body.schemaName) {
		return nil, fmt.Errorf("%s: the request body schema name %s is taken by another type or operation: rename the type or action", p.Name, body.schemaName)
	}
	m.requestSchemas = append(m.requestSchemas, &namedSchema{name: body.schemaName, schema: body.schema})
	m.sources.add(schemaPointer(body.schemaName), p.Name)

	for _, ex := range doc.Examples {
		if len(ex.Request.Body) == 0 {
			continue
		}
		v, err := decodeJSON(ex.Request.Body)
		if err != nil {
			return nil, fmt.Errorf("%s: line %d: the example request's body is not JSON (%w): write it as plain JSON, without comments, trailing commas or '...'", p.Name, jsonErrorLine(ex.Request.Body, ex.Request.BodyLine, err), err)
		}
		e := &example{name: exampleName(ex, len(body.examples)), summary: ex.Title, value: v, page: p, message: ex.Request, props: doc.Body, objects: []*yaml.Node{v}}
		body.addExample(e)
	}
	return body, nil
}

// addExample adds an example of the body, replacing one of the same name in its place.
func (b *requestBody) addExample(e *example) {
	md := &media{examples: b.examples}
	md.addExample(e)
	b.examples = md.examples
}

// parameterNullable tells whether an action's parameter may be null: "Not nullable." and
// "Required." say not, "Nullable." says so; a parameter of an enumeration is not, as Graph's
// metadata declares them; another may be, the OData default.
func parameterNullable(p Property, kind typeKind) bool {
	switch {
	case p.NotNullable || p.Required:
		return false
	case p.Nullable:
		return true
	case kind == enumKind && !p.Type.Collection:
		return false
	}
	return true
}

// saysRequiredWhenYouCreate tells whether a request body's intro says its table shows the
// properties required when the object is created.
func saysRequiredWhenYouCreate(text string) bool {
	return strings.Contains(strings.ToLower(text), "required when you create")
}
