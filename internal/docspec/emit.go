package docspec

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// The emit stage writes the model as YAML nodes, each object's keys in the order OpenAPI
// descriptions conventionally give them, so that the output needs no reordering.

// mapping is a YAML mapping being emitted.
type mapping struct{ node *yaml.Node }

func newMapping() *mapping {
	return &mapping{node: &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}}
}

// add appends key: value.
func (m *mapping) add(key string, value *yaml.Node) *mapping {
	m.node.Content = append(m.node.Content, scalar("!!str", key), value)
	return m
}

// str appends key: s.
func (m *mapping) str(key, s string) *mapping { return m.add(key, stringNode(s)) }

// strIf appends key: s when s is not empty.
func (m *mapping) strIf(key, s string) *mapping {
	if s != "" {
		m.str(key, s)
	}
	return m
}

// boolean appends key: b.
func (m *mapping) boolean(key string, b bool) *mapping {
	return m.add(key, scalar("!!bool", strconv.FormatBool(b)))
}

// integer appends key: n.
func (m *mapping) integer(key string, n int) *mapping {
	return m.add(key, scalar("!!int", strconv.Itoa(n)))
}

func (m *mapping) len() int { return len(m.node.Content) / 2 }

// sequence is a block-style YAML sequence of the nodes.
func sequence(nodes ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: nodes}
}

// flowStrings is a flow-style sequence of strings: [a, b].
func flowStrings(s []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
	for _, v := range s {
		n.Content = append(n.Content, stringNode(v))
	}
	return n
}

// refNode is {$ref: ref}.
func refNode(ref string) *yaml.Node { return newMapping().str("$ref", ref).node }

// encodeYAML renders a node as YAML with two-space indentation.
func encodeYAML(n *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return nil, fmt.Errorf("encode the description as YAML: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode the description as YAML: %w", err)
	}
	return buf.Bytes(), nil
}

// emitSchema writes a schema: $ref alone, else description, type, format, nullable,
// additionalProperties, minProperties, minLength, minimum, maximum, required, properties, items.
func emitSchema(s *schema) *yaml.Node {
	if s.ref != "" {
		return refNode(s.ref)
	}
	m := newMapping().strIf("description", s.description).strIf("type", s.typ).strIf("format", s.format)
	if s.nullable {
		m.boolean("nullable", true)
	}
	if s.closed {
		m.boolean("additionalProperties", false)
	}
	if s.minProperties > 0 {
		m.integer("minProperties", s.minProperties)
	}
	if s.minLength > 0 {
		m.integer("minLength", s.minLength)
	}
	if s.minimum != nil {
		m.integer("minimum", *s.minimum)
	}
	if s.maximum != nil {
		m.integer("maximum", *s.maximum)
	}
	var required []string
	for _, p := range s.properties {
		if p.required {
			required = append(required, p.name)
		}
	}
	if len(required) > 0 {
		m.add("required", flowStrings(required))
	}
	if s.typ == "object" {
		props := newMapping()
		for _, p := range s.properties {
			props.add(p.name, emitSchema(p.schema))
		}
		m.add("properties", props.node)
	}
	if s.items != nil {
		m.add("items", emitSchema(s.items))
	}
	if s.enum != nil {
		m.add("enum", flowStrings(s.enum))
	}
	return m.node
}

// emitEnum writes an enumeration's schema: with the capitalised spellings when enum-example-case
// took them, and null when a nullable property refers to it.
func emitEnum(e *enumSchema, nullable bool) *yaml.Node {
	members := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
	for _, mb := range e.members {
		members.Content = append(members.Content, stringNode(mb))
	}
	m := newMapping()
	if e.capitalised {
		caps := e.capitalisedSpellings()
		for _, c := range caps {
			members.Content = append(members.Content, stringNode(c))
		}
		m.str("description", fmt.Sprintf("The model's members are %s; %s, so the capitalised spellings %s are accepted too (decision %s).",
			strings.Join(e.members, ", "), e.capitalisedBy, strings.Join(caps, ", "), DecisionEnumExampleCase))
	}
	m.str("type", "string")
	if nullable {
		m.boolean("nullable", true)
		members.Content = append(members.Content, scalar("!!null", "null"))
	}
	m.add("enum", members)
	return m.node
}

// emitResponse writes a response: $ref alone, else description, headers, content.
func emitResponse(r *response) *yaml.Node {
	if r.ref != "" {
		return refNode(r.ref)
	}
	m := newMapping().str("description", r.description)
	if len(r.headers) > 0 {
		headers := newMapping()
		for _, h := range r.headers {
			headers.add(h.name, emitHeader(h))
		}
		m.add("headers", headers.node)
	}
	if r.content != nil {
		m.add("content", emitContent(r.content))
	}
	return m.node
}

// emitHeader writes a header: $ref alone, else description, required, schema, example.
func emitHeader(h *header) *yaml.Node {
	if h.ref != "" {
		return refNode(h.ref)
	}
	m := newMapping().str("description", h.description)
	if h.required {
		m.boolean("required", true)
	}
	m.add("schema", emitSchema(&schema{typ: "string", minLength: h.minLength}))
	m.strIf("example", h.example)
	return m.node
}

// emitContent writes {<content type>: {schema, examples}}.
func emitContent(md *media) *yaml.Node {
	mt := newMapping().add("schema", refNode(md.schemaRef))
	if len(md.examples) > 0 {
		examples := newMapping()
		for _, e := range md.examples {
			examples.add(e.name, newMapping().str("summary", e.summary).add("value", e.value).node)
		}
		mt.add("examples", examples.node)
	}
	return newMapping().add(md.contentType, mt.node).node
}
