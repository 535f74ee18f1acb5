package docspec

import (
	"fmt"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// exampleEnumValue is a string an example gives a property of an enumeration.
type exampleEnumValue struct {
	example *example
	enum    *enumSchema
	key     string
	value   string
}

// examples returns every example of the model: request examples first, then response examples,
// operation by operation.
func (m *model) examples() []*example {
	var out []*example
	for _, op := range m.operations {
		if op.body != nil {
			out = append(out, op.body.examples...)
		}
		for _, r := range op.responses {
			if r.content != nil {
				out = append(out, r.content.examples...)
			}
		}
	}
	return out
}

// enumValues walks an example's objects against the properties they should have, into the
// objects of resource types they hold, and returns every string given to a property of an
// enumeration.
func (m *model) enumValues(e *example) []exampleEnumValue {
	var out []exampleEnumValue
	var walk func(v *yaml.Node, props []Property)
	walk = func(v *yaml.Node, props []Property) {
		for _, k := range memberNames(v) {
			i := slices.IndexFunc(props, func(pr Property) bool { return pr.Name == k })
			if i < 0 {
				continue
			}
			prop := props[i]
			vals := []*yaml.Node{member(v, k)}
			if arr, ok := items(vals[0]); ok && prop.Type.Collection {
				vals = arr
			}
			for _, val := range vals {
				if t := m.types[prop.Type.Name]; t != nil {
					walk(val, t.doc.Properties)
					continue
				}
				en := m.enums[prop.Type.Name]
				s, isString := stringValue(val)
				if en == nil || !isString {
					continue
				}
				out = append(out, exampleEnumValue{example: e, enum: en, key: k, value: s})
			}
		}
	}
	for _, obj := range e.objects {
		walk(obj, e.props)
	}
	return out
}

// capitalisedMember tells whether s is a member of the enumeration spelled with a capital first
// letter, the only other spelling enum-example-case accepts.
func (e *enumSchema) capitalisedMember(s string) bool {
	j := slices.IndexFunc(e.members, func(m string) bool { return strings.EqualFold(m, s) })
	return j >= 0 && strings.ToUpper(s[:1])+s[1:] == s
}

// capitalisedSpellings are the spellings enum-example-case adds: every member but
// unknownFutureValue with a capital first letter, where that is another spelling.
func (e *enumSchema) capitalisedSpellings() []string {
	var caps []string
	for _, m := range e.members {
		if m == "unknownFutureValue" {
			continue
		}
		c := strings.ToUpper(m[:1]) + m[1:]
		if c != m && !slices.Contains(e.members, c) {
			caps = append(caps, c)
		}
	}
	return caps
}

// accepts tells whether the description's enumeration takes s.
func (e *enumSchema) accepts(s string) bool {
	return slices.Contains(e.members, s) || (e.capitalised && e.capitalisedMember(s))
}

// checkExamples is the check stage: every string an example gives a property of an enumeration
// is a member the description accepts.
func (m *model) checkExamples() error {
	for _, e := range m.examples() {
		for _, v := range m.enumValues(e) {
			if v.enum.accepts(v.value) {
				continue
			}
			return fmt.Errorf("%s: line %d: the example gives %s the value %q, which is not a member of %s (%s): fix the example or the enumeration",
				e.page.Name, valueLine(e.message, v.key, v.value), v.key, v.value, v.enum.name, strings.Join(v.enum.members, ", "))
		}
	}
	return nil
}

// checkPaths checks that no two pages describe the same method of the same path.
func (m *model) checkPaths() error {
	seen := map[string]bool{}
	for _, op := range m.operations {
		key := op.req.Method + " " + op.path
		if seen[key] {
			return fmt.Errorf("%s line %d and another page both describe %s %s: keep one page per operation", op.page.Name, op.req.Line, op.req.Method, op.path)
		}
		seen[key] = true
	}
	return nil
}

// valueLine finds the page line of `"key": "value"` in an example's body.
func valueLine(msg *HTTPMessage, key, value string) int {
	lines := strings.Split(string(msg.Body), "\n")
	for i, l := range lines {
		if strings.Contains(l, `"`+key+`"`) && strings.Contains(l, `"`+value+`"`) {
			return msg.BodyLine + i
		}
	}
	return msg.BodyLine
}
