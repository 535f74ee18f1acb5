package docspec

import (
	"fmt"
	"slices"
	"strings"
)

// use tells where a schema is used: in a request body, a response body or both.
type use struct{ req, resp bool }

// enumDef is an enumeration as the builder resolved it from enum sections and property tables.
type enumDef struct {
	name    string
	members []string
	// defined is the place of the enum section that defines the enumeration, if any.
	defined *Location
	// capitalised is set by DecisionEnumExampleCase: the capitalised spellings are accepted too.
	capitalised bool
	// capitalisedBy is the example that made it so.
	capitalisedBy string
}

// typeDef is a resource type and the page that defines it.
type typeDef struct {
	doc  *TypeDoc
	page *Page
}

// primitiveSchema maps an OData primitive to a JSON schema. A nullable DateTimeOffset refers to the
// shared nullableDateTime schema, as the hand-written description did.
func (b *builder) primitiveSchema(name string, nullable bool, description string, page *Page) *omap {
	var s *omap
	switch name {
	case "DateTimeOffset":
		if nullable {
			b.nullableDateTime = true
			b.addSource(schemaPointer("nullableDateTime"), page.Name)
			return newMap("$ref", schemaRef("nullableDateTime"))
		}
		s = newMap("type", "string", "format", "date-time")
	case "Date":
		s = newMap("type", "string", "format", "date")
	case "Boolean":
		s = newMap("type", "boolean")
	case "Int32":
		s = newMap("type", "integer", "format", "int32")
	case "Int64":
		s = newMap("type", "integer", "format", "int64")
	case "Double", "Single", "Decimal":
		s = newMap("type", "number")
	default: // String, Guid, Duration, TimeOfDay, Binary
		s = newMap("type", "string")
	}
	if description != "" {
		s = prepend(s, "description", description)
	}
	if nullable {
		s.set("nullable", true)
	}
	return s
}

// prepend returns m with k set first.
func prepend(m *omap, k string, v any) *omap {
	out := newMap(k, v)
	for _, key := range m.keys {
		out.set(key, m.vals[key])
	}
	return out
}

// resolveType tells what a property's type is: "primitive", "complex" or "enum". For an enum it
// merges the members the property lists into the enumeration, recording DecisionEnumMembersDiffer
// where they differ.
func (b *builder) resolveType(p Property, page *Page) (string, error) {
	t := p.Type
	switch {
	case t.Primitive():
		return "primitive", nil
	case b.types[t.Name] != nil:
		return "complex", nil
	}
	e := b.enums[t.Name]
	if e == nil && p.Members == nil {
		return "", fmt.Errorf("%s: line %d: property %s has type %s, which no page defines: add a resource page for it (a '# %s resource type' heading with a Properties table), an enum section ('### %s values' with a Member table), or list its members in the description ('Possible values are: `a`, `b`.')", page.Name, p.Line, p.Name, t.Name, t.Name, t.Name)
	}
	if e == nil {
		e = &enumDef{name: t.Name, members: slices.Clone(p.Members)}
		b.enums[t.Name] = e
		b.addSource(schemaPointer(t.Name), page.Name)
		return "enum", nil
	}
	if p.Members != nil && !slices.Equal(p.Members, e.members) {
		var missing, extra []string
		for _, m := range e.members {
			if !slices.Contains(p.Members, m) {
				missing = append(missing, m)
			}
		}
		for _, m := range p.Members {
			if !slices.Contains(e.members, m) {
				extra = append(extra, m)
				e.members = append(e.members, m)
			}
		}
		if len(missing)+len(extra) > 0 {
			desc := fmt.Sprintf("the page lists %s's members as %s", t.Name, strings.Join(p.Members, ", "))
			if len(missing) > 0 {
				desc += fmt.Sprintf("; the enumeration also has %s", strings.Join(missing, ", "))
			}
			if len(extra) > 0 {
				desc += fmt.Sprintf("; the enumeration's definition lacks %s", strings.Join(extra, ", "))
			}
			d := Disagreement{Decision: Decision{ID: DecisionEnumMembersDiffer, Page: page.Name, Line: p.Line,
				Description: desc + ". The description accepts every member of both lists."}, Contradiction: true}
			if e.defined != nil {
				d.Conflicts = []Location{*e.defined}
			}
			b.record(d)
			b.addSource(schemaPointer(t.Name), page.Name)
		}
	}
	return "enum", nil
}

// ref returns the schema of a property of a complex or enum type, marking the type as used.
func (b *builder) ref(name string, u use, nullable bool, page *Page) *omap {
	b.mark(name, u)
	if nullable {
		b.nullableRefs[name] = true
		b.addSource(schemaPointer(name), page.Name)
	}
	return newMap("$ref", schemaRef(name))
}

// mark records that a type (and every type its properties use) is used as u.
func (b *builder) mark(name string, u use) {
	have := b.reach[name]
	if (!u.req || have.req) && (!u.resp || have.resp) && b.reached(name) {
		return
	}
	b.reach[name] = use{req: have.req || u.req, resp: have.resp || u.resp}
	if t := b.types[name]; t != nil {
		for _, p := range t.doc.Properties {
			if !p.Type.Primitive() && b.types[p.Type.Name] != nil {
				b.mark(p.Type.Name, u)
			} else if b.enums[p.Type.Name] != nil {
				b.mark(p.Type.Name, u)
			}
		}
	}
}

func (b *builder) reached(name string) bool {
	_, ok := b.reach[name]
	return ok
}

// propertySchema maps one property to its schema.
func (b *builder) propertySchema(p Property, nullable bool, u use, page *Page) (*omap, error) {
	kind, err := b.resolveType(p, page)
	if err != nil {
		return nil, err
	}
	desc := stripTicks(p.Description)
	if note := b.statusNotes[page.Name+"#"+p.Name]; note != "" {
		desc += " " + note
	}
	var item *omap
	itemNullable := nullable && !p.Type.Collection
	switch kind {
	case "primitive":
		d := desc
		if p.Type.Collection {
			d = ""
		}
		item = b.primitiveSchema(p.Type.Name, itemNullable, d, page)
	default:
		item = b.ref(p.Type.Name, u, itemNullable, page)
	}
	if !p.Type.Collection {
		return item, nil
	}
	s := newMap("description", desc, "type", "array")
	if desc == "" {
		s = newMap("type", "array")
	}
	if nullable {
		s.set("nullable", true)
	}
	s.set("items", item)
	return s, nil
}

// resourceNullable tells whether a property of a resource type may be null: "Nullable." says so,
// "Not nullable.", "Required." and the key say not; otherwise a String may be null (the OData
// default for a string property) and other types may not.
func resourceNullable(p Property, key string) bool {
	switch {
	case p.NotNullable || p.Required || (key != "" && p.Name == key):
		return false
	case p.Nullable:
		return true
	}
	return p.Type.Name == "String" && !p.Type.Collection
}

// typeSchema builds the component schema of a resource type.
func (b *builder) typeSchema(t typeDef) (*omap, error) {
	u := b.reach[t.doc.Name]
	s := newMap()
	if t.doc.Description != "" {
		s.set("description", t.doc.Description)
	}
	s.set("type", "object")
	if b.nullableRefs[t.doc.Name] {
		s.set("nullable", true)
	}
	if u.req && !u.resp {
		s.set("additionalProperties", false)
	}
	var required flow
	props := newMap()
	if t.doc.Entity() && t.doc.ODataType != "" {
		props.set("@odata.type", newMap("type", "string"))
	}
	for _, p := range t.doc.Properties {
		if p.Required || (t.doc.Key != "" && p.Name == t.doc.Key) {
			required = append(required, p.Name)
		}
		ps, err := b.propertySchema(p, resourceNullable(p, t.doc.Key), u, t.page)
		if err != nil {
			return nil, err
		}
		props.set(p.Name, ps)
	}
	if len(required) > 0 {
		s.set("required", required)
	}
	s.set("properties", props)
	return s, nil
}

// enumSchema builds the component schema of an enumeration.
func (b *builder) enumSchema(e *enumDef) *omap {
	members := flow{}
	for _, m := range e.members {
		members = append(members, m)
	}
	s := newMap()
	if e.capitalised {
		var caps []string
		for _, m := range e.members {
			if m == "unknownFutureValue" {
				continue
			}
			c := strings.ToUpper(m[:1]) + m[1:]
			if c != m && !slices.Contains(e.members, c) {
				caps = append(caps, c)
				members = append(members, c)
			}
		}
		s.set("description", fmt.Sprintf("The model's members are %s; %s, so the capitalised spellings %s are accepted too (decision %s).",
			strings.Join(e.members, ", "), e.capitalisedBy, strings.Join(caps, ", "), DecisionEnumExampleCase))
	}
	s.set("type", "string")
	if b.nullableRefs[e.name] {
		s.set("nullable", true)
		members = append(members, null{})
	}
	s.set("enum", members)
	return s
}
