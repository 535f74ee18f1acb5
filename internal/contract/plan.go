package contract

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/getkin/kin-openapi/openapi3"
)

// A plan is a schema of the description compiled, once, into a check that can only say yes when
// kin-openapi's VisitJSON (OpenAPI 3.0 rules) would: a value it accepts, kin-openapi accepts. It
// knows a few keywords — type (string, object, array), nullable, enum of strings, format date-time,
// minLength and maxLength, properties, required, additionalProperties true or false, minProperties,
// maxProperties and items — and the compiler refuses every schema that uses any other (it returns
// errUnsupported), so what the plan does not implement is always left to kin-openapi. A plan that
// says no has found nothing: the caller asks kin-openapi, whose typed errors are the findings.
type plan struct {
	// anyValue: the schema is empty, and kin-openapi accepts every value but null.
	anyValue bool
	nullable bool
	// types are the kinds of JSON value the schema's type permits.
	types kinds
	// enum, when not nil, is the set of strings the value must be one of.
	enum map[string]struct{}
	// dateTime: the value must match kin-openapi's date-time format.
	dateTime bool
	// minLength and maxLength bound the length of a string as kin-openapi counts it (see
	// lengthConforms); maxLength < 0 is no bound.
	minLength, maxLength int64
	// members are the declared properties of an object and the required names, by name.
	members map[string]member
	// required has the bit of each required member.
	required uint64
	// closed: additionalProperties is false, a member that is not declared breaks the schema.
	closed bool
	// minProperties and maxProperties bound the members of an object; maxProperties < 0 is no bound.
	minProperties, maxProperties int64
	// items is the plan of an array's items; nil leaves them unchecked, as kin-openapi does.
	items *plan
}

// member is a name an object schema declares or requires.
type member struct {
	// plan checks the member's value; nil when the name is required but not declared.
	plan *plan
	// bit is the member's own bit (its bit in plan.required if it is required).
	bit uint64
}

// kinds is a set of kinds of JSON value.
type kinds uint8

const (
	kindString kinds = 1 << iota
	kindObject
	kindArray
)

// errUnsupported says a schema uses what a plan does not implement; kin-openapi alone checks it.
var errUnsupported = errors.New("the schema uses a keyword the fast check does not implement")

// planCompiler compiles schemas, each once: a schema met again (a $ref used twice, or a recursive
// one) gets the plan already made for it.
type planCompiler struct {
	// plans are the plans made, by schema; nil for a schema that is unsupported.
	plans map[*openapi3.Schema]*plan
	// order lists the schemas of plans in the order they were begun.
	order []*openapi3.Schema
	// dateTime says whether kin-openapi's date-time validator is the one isDateTime mirrors.
	dateTime bool
}

// newPlanCompiler returns a compiler that reads kin-openapi's format registry as it is now.
func newPlanCompiler() *planCompiler {
	return &planCompiler{plans: map[*openapi3.Schema]*plan{}, dateTime: kinDateTimeIsMirrored()}
}

// compile returns the plan of schema, or an error wrapping errUnsupported naming what it cannot check.
func (c *planCompiler) compile(ref *openapi3.SchemaRef) (*plan, error) {
	if ref == nil || ref.Value == nil {
		return nil, fmt.Errorf("an unresolved schema: %w", errUnsupported)
	}
	schema := ref.Value
	if p, ok := c.plans[schema]; ok {
		if p == nil {
			return nil, fmt.Errorf("a schema that contains an unsupported one: %w", errUnsupported)
		}
		return p, nil
	}
	p := &plan{maxLength: -1, maxProperties: -1}
	begun := len(c.order)
	c.plans[schema], c.order = p, append(c.order, schema)
	if err := c.fill(p, schema); err != nil {
		// Plans begun meanwhile may point at p, through a recursive schema: none of them is sound.
		for _, s := range c.order[begun:] {
			c.plans[s] = nil
		}
		return nil, err
	}
	return p, nil
}

// fill compiles schema into p, in the order kin-openapi's visitJSON reads it.
func (c *planCompiler) fill(p *plan, schema *openapi3.Schema) error {
	if schema.Always != nil {
		return fmt.Errorf("a boolean schema: %w", errUnsupported)
	}
	if schema.IsEmpty() {
		p.anyValue = true
		return nil
	}
	if field := unsupportedField(schema); field != "" {
		return fmt.Errorf("keyword %s: %w", field, errUnsupported)
	}
	p.nullable = schema.Nullable
	if schema.Type == nil || len(*schema.Type) != 1 {
		return fmt.Errorf("a type that is not exactly one: %w", errUnsupported)
	}
	switch typ := (*schema.Type)[0]; typ {
	case openapi3.TypeString:
		p.types = kindString
		return c.fillString(p, schema)
	case openapi3.TypeObject:
		p.types = kindObject
		return c.fillObject(p, schema)
	case openapi3.TypeArray:
		p.types = kindArray
		if schema.Items != nil {
			items, err := c.compile(schema.Items)
			if err != nil {
				return err
			}
			p.items = items
		}
		return nil
	default:
		return fmt.Errorf("type %s: %w", typ, errUnsupported)
	}
}

// fillString compiles the keywords of a string schema.
func (c *planCompiler) fillString(p *plan, schema *openapi3.Schema) error {
	if len(schema.Enum) > 0 {
		p.enum = make(map[string]struct{}, len(schema.Enum))
		for _, v := range schema.Enum {
			switch v := v.(type) {
			case string:
				p.enum[v] = struct{}{}
			case nil: // null passes only when the schema is nullable, enum or not
			default:
				return fmt.Errorf("an enum member of type %T: %w", v, errUnsupported)
			}
		}
	}
	switch schema.Format {
	case "":
	case "date-time":
		if !c.dateTime {
			return fmt.Errorf("format date-time, whose kin-openapi validator was replaced: %w", errUnsupported)
		}
		p.dateTime = true
	default:
		return fmt.Errorf("format %s: %w", schema.Format, errUnsupported)
	}
	p.minLength = int64(min(schema.MinLength, 1<<62))
	if schema.MaxLength != nil {
		p.maxLength = int64(min(*schema.MaxLength, 1<<62))
	}
	return nil
}

// fillObject compiles the keywords of an object schema.
func (c *planCompiler) fillObject(p *plan, schema *openapi3.Schema) error {
	if schema.AdditionalProperties.Schema != nil {
		return fmt.Errorf("additionalProperties with a schema: %w", errUnsupported)
	}
	p.closed = schema.AdditionalProperties.Has != nil && !*schema.AdditionalProperties.Has
	p.minProperties = int64(min(schema.MinProps, 1<<62))
	if schema.MaxProps != nil {
		p.maxProperties = int64(min(*schema.MaxProps, 1<<62))
	}
	p.members = make(map[string]member, len(schema.Properties)+len(schema.Required))
	for name, ref := range schema.Properties {
		if ref != nil && ref.Value != nil && ref.Value.Default != nil {
			// kin-openapi writes a missing member's default into the object before counting its
			// members, even for an empty schema.
			return fmt.Errorf("a property with a default: %w", errUnsupported)
		}
		property, err := c.compile(ref)
		if err != nil {
			return err
		}
		p.members[name] = member{plan: property}
	}
	for _, name := range schema.Required {
		p.members[name] = member{plan: p.members[name].plan}
	}
	if len(p.members) > 64 {
		return fmt.Errorf("more than 64 declared or required properties: %w", errUnsupported)
	}
	next := uint64(1)
	for name, m := range p.members {
		m.bit, next = next, next<<1
		p.members[name] = m
	}
	for _, name := range schema.Required {
		p.required |= p.members[name].bit
	}
	return nil
}

// unsupportedField names the first field of schema a plan does not implement, or returns "".
func unsupportedField(schema *openapi3.Schema) string {
	return fieldBeyond(schema, func(rest *openapi3.Schema) {
		rest.Type, rest.Nullable, rest.Enum, rest.Format, rest.MinLength, rest.MaxLength = nil, false, nil, "", 0, nil
		rest.Properties, rest.Required, rest.AdditionalProperties, rest.MinProps, rest.MaxProps, rest.Items =
			nil, nil, openapi3.AdditionalProperties{}, 0, nil, nil
	})
}

// fieldBeyond names the first field of schema that is set beyond those read clears and the
// annotations VisitJSON does not read, or returns "": both are cleared on a copy, and any other set
// field, including one a later kin-openapi adds, is named.
func fieldBeyond(schema *openapi3.Schema, read func(rest *openapi3.Schema)) string {
	rest := *schema
	read(&rest)
	rest.Extensions, rest.Origin, rest.Title, rest.Description, rest.Example, rest.Examples = nil, nil, "", "", nil, nil
	rest.ExternalDocs, rest.Deprecated, rest.XML, rest.Comment = nil, false, nil, ""
	value := reflect.ValueOf(rest)
	for i := range value.NumField() {
		if !value.Field(i).IsZero() {
			return value.Type().Field(i).Name
		}
	}
	return ""
}

// kinDateTimeIsMirrored says whether the date-time validator kin-openapi has registered (its
// registry is global; a program may replace it) agrees with isDateTime on dateTimeBoundaries.
func kinDateTimeIsMirrored() bool {
	validator, ok := openapi3.SchemaStringFormats["date-time"]
	if !ok {
		return false
	}
	for _, tc := range dateTimeBoundaries {
		if (validator.Validate(tc.value) == nil) != tc.valid || isDateTime(tc.value) != tc.valid {
			return false
		}
	}
	return true
}

// dateTimeBoundaries are the strings at the edges of kin-openapi's date-time format, each with
// whether the format accepts it.
var dateTimeBoundaries = []struct {
	value string
	valid bool
}{
	{"2026-11-22T08:15:00Z", true},
	{"2026-11-22T08:15:00.5+01:00", true},
	{"2016-12-31T23:59:18.0955018-08:00", true},
	{"0000-01-01T00:00:00Z", true},
	{"9999-12-31T23:59:59Z", true},
	{"2026-02-31T00:00:00Z", true},      // the format does not check the calendar
	{"2026-12-31T23:59:60Z", true},      // a leap second
	{"2026-12-31T23:59:59+99:99", true}, // nor the offset's range
	{"2026-11-22T08:15:00", false},      // no offset
	{"2026-11-22 08:15:00Z", false},     // a space for T
	{"2026-11-22t08:15:00Z", false},     // lower-case t
	{"2026-11-22T08:15:00z", false},     // lower-case z
	{"2026-11-22T08:15:00.Z", false},
	{"2026-11-22T08:15Z", false},
	{"2026-13-22T08:15:00Z", false},
	{"2026-00-22T08:15:00Z", false},
	{"2026-11-00T08:15:00Z", false},
	{"2026-11-32T08:15:00Z", false},
	{"2026-11-22T24:00:00Z", false},
	{"2026-11-22T08:60:00Z", false},
	{"2026-11-22T08:15:61Z", false},
	{"2026-11-22T08:15:00+0100", false},
	{"2026-11-22T08:15:00+01:00 ", false},
	{"26-11-22T08:15:00Z", false},
	{"+2026-11-22T08:15:00Z", false},
	{"2026-11-22T08:15:00.5Z\n", false},
	{"", false},
}
