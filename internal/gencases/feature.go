package gencases

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Tag marks every generated scenario.
const Tag = "@generated"

// header opens the generated feature.
const header = `# Generated from spec/openapi.yaml by ` + "`make gencases`" + `: do not edit. Change the pages in spec/docs,
# then run ` + "`make spec gencases`" + `.
` + Tag + `
Feature: Requests generated from the spec
  For each operation's request body, requests the server must accept (every enumeration member, every
  optional property present and absent, null where a property is nullable, boundary values) and
  requests it must refuse with 400 and a Graph error (each property of the wrong type, null where it
  is not nullable, a value outside its enumeration, an invalid date-time, an unknown property, a
  missing required one, an empty update, malformed JSON). Each request is the docs' example with one
  thing changed.
`

// Feature renders the cases as a Gherkin feature, one scenario each, in the cases' order. A
// positive case is tagged @mutates: it changes what it is sent to; a negative one @negative.
func Feature(cases []Case) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	for _, c := range cases {
		tags := []string{"@" + c.Operation}
		if c.Version != "" {
			tags = append(tags, "@"+c.Version)
		}
		if c.Accept {
			tags = append(tags, "@mutates")
		} else {
			tags = append(tags, "@negative")
		}
		fmt.Fprintf(&b, "\n  %s\n", strings.Join(tags, " "))
		fmt.Fprintf(&b, "  Scenario: %s\n", oneLine(c.Title()))
		fmt.Fprintf(&b, "    Given the resources of the %s request\n", c.Operation)
		fmt.Fprintf(&b, "    When I send the %s request with the body:\n", c.Operation)
		fmt.Fprintf(&b, "      \"\"\"json\n      %s\n      \"\"\"\n", c.Body)
		if c.Accept {
			fmt.Fprintf(&b, "    Then the response status is %d\n", c.Status)
			continue
		}
		b.WriteString("    Then the response status is 400\n")
		b.WriteString("    And the response is a Graph error\n")
	}
	return b.Bytes()
}

// oneLine writes the line breaks of s as \n and \r: a scenario's name is one line of the feature.
func oneLine(s string) string {
	return strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(s)
}

// FeatureOf generates the cases of doc and renders them as a feature.
func FeatureOf(doc *openapi3.T) ([]byte, error) {
	cases, err := FromSpec(doc)
	if err != nil {
		return nil, err
	}
	return Feature(cases), nil
}
