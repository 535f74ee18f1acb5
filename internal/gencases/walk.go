package gencases

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// maxDepth bounds how deep the cases reach into nested objects and arrays.
const maxDepth = 6

// step is one step of a path into a body: an object member's name, or an array index when
// isIndex.
type step struct {
	name    string
	index   int
	isIndex bool
}

// label names the place a path reaches: "consentedPermissionSet.resourceSpecificPermissions[0]".
func label(path []step) string {
	var b strings.Builder
	for _, s := range path {
		if s.isIndex {
			b.WriteString("[" + strconv.Itoa(s.index) + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.name)
	}
	return b.String()
}

func member(path []step, name string) []step {
	return append(slices.Clone(path), step{name: name})
}

func index(path []step, i int) []step {
	return append(slices.Clone(path), step{index: i, isIndex: true})
}

// object adds the cases of the object schema s found at path of base: for each property, present
// and absent (or missing, when required) and the cases of its value; an unknown property when the
// object takes no other; an empty object when it must hold at least one.
func (g *generator) object(base any, path []step, s *openapi3.Schema) {
	if len(path) > maxDepth {
		return
	}
	where := "the body"
	if len(path) > 0 {
		where = label(path)
	}
	for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
		ref := s.Properties[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		ps := ref.Value
		p := member(path, name)
		present := has(base, p)
		// An entity's key in a body must be the key the URL names, which only the server's
		// resources know: the key gets negative cases alone.
		key := name == entityKey
		switch {
		case slices.Contains(s.Required, name):
			g.refuse("a body without "+label(p), remove(base, p))
		case present && !key:
			g.accept(label(p)+" absent", remove(base, p))
		case !key:
			g.accept(label(p)+" present", set(base, p, sample(ps)))
		}
		at := base
		if !present {
			at = set(base, p, sample(ps))
		}
		g.refuseOnly = key
		g.value(at, p, ps)
		g.refuseOnly = false
	}
	if s.AdditionalProperties.Has != nil && !*s.AdditionalProperties.Has {
		g.refuse("an unknown property in "+where, set(base, member(path, "unknownProperty"), true))
	}
	if s.MinProps > 0 {
		g.refuse("an empty object as "+where, set(base, path, map[string]any{}))
	}
}

// value adds the cases of the value at path of base, of schema s.
func (g *generator) value(base any, path []step, s *openapi3.Schema) {
	l := label(path)
	for _, m := range s.Enum {
		if m == nil {
			continue
		}
		g.accept(fmt.Sprintf("%s %s", l, quote(m)), set(base, path, m))
	}
	if len(s.Enum) > 0 {
		g.refuse(fmt.Sprintf("%s %s, no member of its enumeration", l, quote(notAMember)), set(base, path, notAMember))
	}
	if s.Nullable {
		g.accept(l+" null", set(base, path, nil))
	} else {
		g.refuse(l+" null, which it may not be", set(base, path, nil))
	}
	if wrong, what, ok := wrongType(s); ok {
		g.refuse(l+" as "+what, set(base, path, wrong))
	}
	switch {
	case s.Type.Is(openapi3.TypeString) && s.Format == "date-time":
		for _, v := range []string{"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999+14:00"} {
			g.accept(fmt.Sprintf("%s %q", l, v), set(base, path, v))
		}
		for _, v := range []string{"not a date-time", "2026-13-01T00:00:00Z"} {
			g.refuse(fmt.Sprintf("%s %q, no date-time", l, v), set(base, path, v))
		}
	case s.Type.Is(openapi3.TypeString) && len(s.Enum) == 0 && s.Format == "" && s.MinLength == 0:
		g.accept(l+` ""`, set(base, path, ""))
	case s.Type.Is(openapi3.TypeObject):
		g.object(base, path, s)
	case s.Type.Is(openapi3.TypeArray) && s.Items != nil && s.Items.Value != nil:
		g.accept(l+" empty", set(base, path, []any{}))
		item := index(path, 0)
		at := base
		if !has(base, item) {
			at = set(base, path, []any{sample(s.Items.Value)})
		}
		g.value(at, item, s.Items.Value)
	}
}

// entityKey is the property that holds a Graph entity's key.
const entityKey = "id"

// notAMember is the value sent where an enumeration's member is expected.
const notAMember = "notAMember"

// quote renders a value for a case's name: strings in quotes, others as JSON would.
func quote(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}

// wrongType returns a value of another JSON type than the schema's, and says which.
func wrongType(s *openapi3.Schema) (any, string, bool) {
	switch {
	case s.Type.Is(openapi3.TypeString):
		return 42, "a number", true
	case s.Type.Is(openapi3.TypeInteger), s.Type.Is(openapi3.TypeNumber):
		return "42", "a string", true
	case s.Type.Is(openapi3.TypeBoolean):
		return "true", "a string", true
	case s.Type.Is(openapi3.TypeObject):
		return "an object", "a string", true
	case s.Type.Is(openapi3.TypeArray):
		return map[string]any{}, "an object", true
	}
	return nil, "", false
}

// sample is a valid value of the schema: its first enumeration member, a value of its type and
// format, an object of its required properties (and of the first others, to hold as many as it
// must), an array of one sample item.
func sample(s *openapi3.Schema) any {
	for _, m := range s.Enum {
		if m != nil {
			return m
		}
	}
	switch {
	case s.Type.Is(openapi3.TypeString):
		switch s.Format {
		case "date-time":
			return "2026-01-01T00:00:00Z"
		case "date":
			return "2026-01-01"
		}
		return "value"
	case s.Type.Is(openapi3.TypeInteger):
		if s.Min != nil {
			return *s.Min
		}
		return 1
	case s.Type.Is(openapi3.TypeNumber):
		return 1.5
	case s.Type.Is(openapi3.TypeBoolean):
		return true
	case s.Type.Is(openapi3.TypeArray):
		if s.Items != nil && s.Items.Value != nil {
			return []any{sample(s.Items.Value)}
		}
		return []any{}
	case s.Type.Is(openapi3.TypeObject):
		obj := map[string]any{}
		for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
			ref := s.Properties[name]
			if ref == nil || ref.Value == nil {
				continue
			}
			if slices.Contains(s.Required, name) || uint64(len(obj)) < s.MinProps {
				obj[name] = sample(ref.Value)
			}
		}
		return obj
	}
	return nil
}
