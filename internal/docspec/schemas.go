package docspec

import (
	"fmt"
	"slices"
)

// typeKind is what a property's type is.
type typeKind int

const (
	primitiveKind typeKind = iota
	complexKind
	enumKind
)

// resolveType tells what a property's type is. An enumeration no enum section defines is defined
// by the first property that lists its members. Every property resolved is remembered, for
// enum-members-differ to compare its members with the enumeration's.
func (m *model) resolveType(p Property, page *Page) (typeKind, error) {
	t := p.Type
	switch {
	case t.Primitive():
		return primitiveKind, nil
	case m.types[t.Name] != nil:
		return complexKind, nil
	}
	m.propertyUses = append(m.propertyUses, propertyUse{prop: p, page: page})
	if m.enums[t.Name] != nil {
		return enumKind, nil
	}
	if p.Members == nil {
		return 0, fmt.Errorf("%s: line %d: property %s has type %s, which no page defines: add a resource page for it (a '# %s resource type' heading with a Properties table), an enum section ('### %s values' with a Member table), or list its members in the description ('Possible values are: `a`, `b`.')", page.Name, p.Line, p.Name, t.Name, t.Name, t.Name)
	}
	m.enums[t.Name] = &enumSchema{name: t.Name, members: slices.Clone(p.Members)}
	m.sources.add(schemaPointer(t.Name), page.Name)
	return enumKind, nil
}

// ref returns a reference to the schema of a complex or enum type, marking the type as used.
func (m *model) ref(name string, u use, nullable bool, page *Page) *schema {
	m.mark(name, u)
	if nullable {
		m.nullableRefs[name] = true
		m.sources.add(schemaPointer(name), page.Name)
	}
	return &schema{ref: schemaRef(name)}
}

// mark records that a type (and every type its properties use) is used as u.
func (m *model) mark(name string, u use) {
	have, reached := m.reach[name]
	if (!u.req || have.req) && (!u.resp || have.resp) && reached {
		return
	}
	m.reach[name] = use{req: have.req || u.req, resp: have.resp || u.resp}
	if t := m.types[name]; t != nil {
		for _, p := range t.doc.Properties {
			if !p.Type.Primitive() && m.types[p.Type.Name] != nil {
				m.mark(p.Type.Name, u)
			} else if m.enums[p.Type.Name] != nil {
				m.mark(p.Type.Name, u)
			}
		}
	}
}

// primitiveSchema maps an OData primitive to a JSON schema. A nullable DateTimeOffset refers to the
// shared nullableDateTime schema.
func (m *model) primitiveSchema(name string, nullable bool, description string, page *Page) *schema {
	var s *schema
	switch name {
	case "DateTimeOffset":
		if nullable {
			m.nullableDateTime = true
			m.sources.add(schemaPointer("nullableDateTime"), page.Name)
			return &schema{ref: schemaRef("nullableDateTime")}
		}
		s = &schema{typ: "string", format: "date-time"}
	case "Date":
		s = &schema{typ: "string", format: "date"}
	case "Boolean":
		s = &schema{typ: "boolean"}
	case "Int32":
		s = &schema{typ: "integer", format: "int32"}
	case "Int64":
		s = &schema{typ: "integer", format: "int64"}
	case "Double", "Single", "Decimal":
		s = &schema{typ: "number"}
	default: // String, Guid, Duration, TimeOfDay, Binary
		s = &schema{typ: "string"}
	}
	s.description = description
	s.nullable = nullable
	return s
}

// propertySchema maps one property to its schema.
func (m *model) propertySchema(p Property, kind typeKind, nullable bool, u use, page *Page) (*property, error) {
	desc := stripTicks(p.Description)
	itemNullable := nullable && !p.Type.Collection
	prop := &property{name: p.Name}
	var item *schema
	switch kind {
	case primitiveKind:
		d := desc
		if p.Type.Collection {
			d = ""
		}
		item = m.primitiveSchema(p.Type.Name, itemNullable, d, page)
		if item.ref == "" {
			prop.described = item
		}
	default:
		item = m.ref(p.Type.Name, u, itemNullable, page)
	}
	if !p.Type.Collection {
		prop.schema = item
		return prop, nil
	}
	prop.schema = &schema{description: desc, typ: "array", nullable: nullable, items: item}
	prop.described = prop.schema
	return prop, nil
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

// resolveTypeSchemas builds the component schema of every resource type the operations reach, in
// name order until none is left, then marks the ones a nullable property refers to as nullable and
// the ones only request bodies use as closed.
func (m *model) resolveTypeSchemas() error {
	for {
		var todo []string
		for name := range m.reach {
			if m.types[name] != nil && m.typeSchemas[name] == nil {
				todo = append(todo, name)
			}
		}
		if len(todo) == 0 {
			break
		}
		slices.Sort(todo)
		for _, name := range todo {
			ts, err := m.typeSchema(m.types[name])
			if err != nil {
				return err
			}
			m.typeSchemas[name] = ts
		}
	}
	for name, ts := range m.typeSchemas {
		u := m.reach[name]
		ts.nullable = m.nullableRefs[name]
		ts.closed = u.req && !u.resp
	}
	for name := range m.reach {
		if m.types[name] == nil && m.enums[name] == nil {
			return fmt.Errorf("no page defines %s, which a page uses: add its resource page or enum section", name)
		}
	}
	return nil
}

// typeSchema builds the component schema of a resource type.
func (m *model) typeSchema(t *typeDef) (*schema, error) {
	u := m.reach[t.doc.Name]
	s := &schema{description: t.doc.Description, typ: "object"}
	if t.doc.Entity() && t.doc.ODataType != "" {
		s.properties = append(s.properties, &property{name: "@odata.type", schema: &schema{typ: "string"}})
	}
	for _, p := range t.doc.Properties {
		kind, err := m.resolveType(p, t.page)
		if err != nil {
			return nil, err
		}
		prop, err := m.propertySchema(p, kind, resourceNullable(p, t.doc.Key), u, t.page)
		if err != nil {
			return nil, err
		}
		prop.required = p.Required || (t.doc.Key != "" && p.Name == t.doc.Key)
		s.properties = append(s.properties, prop)
	}
	return s, nil
}

// propertyOf returns a type schema's property of the given name, or nil.
func (s *schema) propertyOf(name string) *property {
	for _, p := range s.properties {
		if p.name == name {
			return p
		}
	}
	return nil
}
