package contract

import (
	"bytes"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

func schemaOf(t *testing.T, js string) *openapi3.SchemaRef {
	t.Helper()
	var schema openapi3.Schema
	if err := schema.UnmarshalJSON([]byte(js)); err != nil {
		t.Fatal(err)
	}
	return openapi3.NewSchemaRef("", &schema)
}

// TestPlanAcceptsWhatKinAcceptsKeywordByKeyword compiles a schema of each keyword a plan implements
// and wants it to accept documents kin-openapi accepts and refuse some it refuses.
func TestPlanAcceptsWhatKinAcceptsKeywordByKeyword(t *testing.T) {
	cases := []struct {
		name, schema string
		// accepts are documents both accept, refuses documents both refuse, and leaves documents
		// kin-openapi accepts and the plan leaves to it.
		accepts, refuses, leaves []string
	}{
		{"an empty schema takes any value but null", `{}`, []string{`1`, `"x"`, `{"a":[1e400]}`, `-0`}, []string{`null`}, nil},
		{"type string", `{"type":"string"}`, []string{`"x"`, `""`, `"\u00e9"`}, []string{`1`, `null`, `{}`, `[]`, `true`}, nil},
		{"nullable", `{"type":"string","nullable":true}`, []string{`null`, `"x"`}, []string{`1`}, nil},
		{"enum", `{"type":"string","enum":["a","b",null],"nullable":true}`, []string{`"a"`, `null`}, []string{`"c"`, `"A"`}, []string{`"\u0062"`}},
		{"enum with null is not nullable alone", `{"type":"string","enum":["a",null]}`, []string{`"a"`}, []string{`null`}, nil},
		{"format date-time", `{"type":"string","format":"date-time"}`, []string{`"2026-11-22T08:15:00Z"`}, []string{`"2026-11-22"`, `"x"`}, nil},
		{"minLength counts runes", `{"type":"string","minLength":2}`, []string{`"ab"`, `"éé"`, `"😀😀"`}, []string{`"a"`, `""`, `"😀"`}, []string{`"\ud83d\ude00\ud83d\ude00"`}},
		{"maxLength", `{"type":"string","maxLength":1}`, []string{`"é"`, `""`}, []string{`"ab"`}, nil},
		{"properties", `{"type":"object","properties":{"a":{"type":"string"}}}`, []string{`{}`, `{"a":"x","b":1}`, `{"a":"\u0078"}`}, []string{`{"a":1}`, `[]`, `{"a":null}`}, []string{`{"\u0061":"x"}`}},
		{"a member named twice is checked each time", `{"type":"object","properties":{"a":{"type":"string"}}}`, []string{`{"a":"x","a":"y"}`}, []string{`{"a":"x","a":1}`}, []string{`{"a":1,"a":"x"}`}},
		{"required", `{"type":"object","required":["a","z"],"properties":{"a":{"type":"string"}}}`, []string{`{"a":"x","z":null}`}, []string{`{"a":"x"}`, `{"z":1}`}, nil},
		{"additionalProperties false", `{"type":"object","additionalProperties":false,"properties":{"a":{}}}`, []string{`{"a":1}`, `{}`}, []string{`{"b":1}`, `{"a":null}`}, nil},
		{"minProperties and maxProperties", `{"type":"object","minProperties":1,"maxProperties":2}`, []string{`{"a":1}`, `{"a":1,"b":2}`}, []string{`{}`, `{"a":1,"b":2,"c":3}`}, []string{`{"a":1,"a":2,"b":3}`}},
		{"minProperties counts names given twice once, and unknown names at least once", `{"type":"object","minProperties":2}`, nil, []string{`{"a":1,"a":2}`}, []string{`{"a":1,"b":1}`}},
		{"what encoding/json reads by guessing", `{"type":"object","properties":{"a":{"type":"string"}}}`, nil, []string{`{"a":"x"`, `{"a":"x",}`, `{'a':"x"}`}, []string{"{\"a\":\"\xff\"}", `{"a":"x"} x`, `{"a":"x"}}`, `{"b":` + strings.Repeat("[", 300) + strings.Repeat("]", 300) + `}`}},
		{"numbers in unchecked places", `{"type":"object"}`, []string{`{"a":-0,"b":1e400,"c":1.5E-3,"d":0}`}, []string{`{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":+1}`, `{"a":1e}`, `{"a":-}`}, nil},
		{"items", `{"type":"array","items":{"type":"string"}}`, []string{`[]`, `["a","b"]`}, []string{`[1]`, `["a",null]`, `{}`}, nil},
		{"an array without items", `{"type":"array"}`, []string{`[1,"a",null,{"b":[]}]`}, []string{`{}`}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ref := schemaOf(t, tc.schema)
			p, err := newPlanCompiler().compile(ref)
			if err != nil {
				t.Fatal(err)
			}
			for _, doc := range tc.accepts {
				if !p.acceptsJSON([]byte(doc)) {
					t.Errorf("the plan refuses %s", doc)
				}
				if err := kinVisit(ref, doc); err != nil {
					t.Errorf("kin-openapi refuses %s (%v): the case is wrong", doc, err)
				}
			}
			for _, doc := range tc.leaves {
				if p.acceptsJSON([]byte(doc)) {
					t.Errorf("the plan accepts %s, which it should leave to kin-openapi", doc)
				}
				if err := kinVisit(ref, doc); err != nil {
					t.Errorf("kin-openapi refuses %s (%v): the case is wrong", doc, err)
				}
			}
			for _, doc := range tc.refuses {
				if p.acceptsJSON([]byte(doc)) {
					t.Errorf("the plan accepts %s", doc)
				}
				if kinVisit(ref, doc) == nil {
					t.Errorf("kin-openapi accepts %s: the case is wrong", doc)
				}
			}
		})
	}
}

// kinVisit decodes doc and checks it against ref as kin-openapi checks a response body.
func kinVisit(ref *openapi3.SchemaRef, doc string) error {
	value, err := openapi3filter.JSONBodyDecoder(bytes.NewReader([]byte(doc)), http.Header{}, ref, nil)
	if err != nil {
		return err
	}
	return ref.Value.VisitJSON(value, openapi3.MultiErrors(), openapi3.VisitAsResponse())
}

// TestPlanCompilerSaysUnsupportedForWhatItDoesNotImplement wants errUnsupported, not a guess, for a
// schema using a keyword a plan does not implement, itself or in a property, an item or a $ref.
func TestPlanCompilerSaysUnsupportedForWhatItDoesNotImplement(t *testing.T) {
	for _, schema := range []string{
		`{"type":"string","pattern":"^a$"}`,
		`{"type":"string","format":"uuid"}`,
		`{"type":"string","default":"a"}`,
		`{"type":"string","readOnly":true}`,
		`{"type":"integer"}`,
		`{"type":"number","minimum":1}`,
		`{"type":"boolean"}`,
		`{"nullable":true}`,
		`{"type":"object","additionalProperties":{"type":"string"}}`,
		`{"type":"object","properties":{"a":{"type":"string","pattern":"x"}}}`,
		`{"type":"array","items":{"oneOf":[{"type":"string"}]}}`,
		`{"type":"array","uniqueItems":true}`,
		`{"allOf":[{"type":"string"}]}`,
		`{"anyOf":[{"type":"string"}],"type":"string"}`,
		`{"not":{"type":"string"}}`,
		`{"type":"object","discriminator":{"propertyName":"a"}}`,
		`{"type":"string","enum":[1]}`,
		`{"type":"object","maxProperties":1,"properties":{"a":{"default":1}}}`,
	} {
		_, err := newPlanCompiler().compile(schemaOf(t, schema))
		if !errors.Is(err, errUnsupported) {
			t.Errorf("%s: compile = %v, want errUnsupported", schema, err)
		}
	}
}

// TestPlanCompilerDropsPlansThatLeanOnAnUnsupportedRecursiveSchema builds a recursive schema
// whose root is unsupported: no plan compiled on the way may stay, since each points at the root.
func TestPlanCompilerDropsPlansThatLeanOnAnUnsupportedRecursiveSchema(t *testing.T) {
	root := &openapi3.Schema{Type: &openapi3.Types{"object"}}
	child := &openapi3.Schema{Type: &openapi3.Types{"object"}, Properties: openapi3.Schemas{"parent": openapi3.NewSchemaRef("", root)}}
	root.Properties = openapi3.Schemas{"child": openapi3.NewSchemaRef("", child), "z": openapi3.NewSchemaRef("", &openapi3.Schema{Type: &openapi3.Types{"string"}, Pattern: "x"})}
	c := newPlanCompiler()
	if _, err := c.compile(openapi3.NewSchemaRef("", root)); !errors.Is(err, errUnsupported) {
		t.Fatalf("compile = %v, want errUnsupported", err)
	}
	if _, err := c.compile(openapi3.NewSchemaRef("", child)); !errors.Is(err, errUnsupported) {
		t.Errorf("the child's plan stayed though it points at the unsupported root: %v", err)
	}
}

// TestIsDateTimeAtTheBoundariesOfKinOpenAPIsDateTimeFormat pins, by name, the strings at the edges
// of kin-openapi's date-time format: isDateTime and kin-openapi's expression agree on each.
func TestIsDateTimeAtTheBoundariesOfKinOpenAPIsDateTimeFormat(t *testing.T) {
	re := regexp.MustCompile(openapi3.FormatOfStringDateTime)
	for _, tc := range dateTimeBoundaries {
		t.Run(tc.value, func(t *testing.T) {
			if got := isDateTime(tc.value); got != tc.valid {
				t.Errorf("isDateTime = %v, want %v", got, tc.valid)
			}
			if got := re.MatchString(tc.value); got != tc.valid {
				t.Errorf("kin-openapi's expression says %v, want %v", got, tc.valid)
			}
		})
	}
	if !kinDateTimeIsMirrored() {
		t.Error("kin-openapi's registered date-time validator should be the one isDateTime mirrors")
	}
}

// TestAReplacedDateTimeValidatorTurnsThePlanOff replaces kin-openapi's date-time validator (its
// registry is global) and wants the plans compiled meanwhile to leave date-time to kin-openapi.
func TestAReplacedDateTimeValidatorTurnsThePlanOff(t *testing.T) {
	saved := openapi3.SchemaStringFormats["date-time"]
	t.Cleanup(func() { openapi3.DefineStringFormatValidator("date-time", saved) })
	openapi3.DefineStringFormatValidator("date-time", openapi3.NewRegexpFormatValidator(`^\d{4}$`))
	_, err := newPlanCompiler().compile(schemaOf(t, `{"type":"string","format":"date-time"}`))
	if !errors.Is(err, errUnsupported) {
		t.Errorf("compile = %v, want errUnsupported", err)
	}
}
