package gencases

import (
	"bytes"
	"testing"

	gherkin "github.com/cucumber/gherkin/go/v26"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parseFeature parses a generated feature as godog does and returns its scenarios' names.
func parseFeature(t *testing.T, data []byte) []string {
	t.Helper()
	doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(data), func() string { return "id" })
	require.NoError(t, err, "the generated feature does not parse:\n%s", data)
	var names []string
	for _, c := range doc.Feature.Children {
		if c.Scenario != nil {
			names = append(names, c.Scenario.Name)
		}
	}
	return names
}

func TestFeatureWithQuotesPipesAndAngleBracketsParses(t *testing.T) {
	cases := []Case{
		{Operation: "thing.poke", Name: `reason "a|b<c>"`, Accept: true, Status: 204, Body: []byte(`{"reason":"a|b<c> \"\"\""}`), Version: "beta"},
		{Operation: "thing.poke", Name: "a body without line\nbreak", Body: []byte(`{}`)},
	}
	names := parseFeature(t, Feature(cases))
	assert.Equal(t, []string{`thing.poke accepts reason "a|b<c>"`, `thing.poke refuses a body without line\nbreak`}, names)
}

func TestOperationIDWithWhiteSpaceIsAnError(t *testing.T) {
	doc := &openapi3.T{OpenAPI: "3.0.3", Info: &openapi3.Info{Title: "t", Version: "1"}, Paths: openapi3.NewPaths()}
	doc.Paths.Set("/things/poke", &openapi3.PathItem{Post: &openapi3.Operation{OperationID: "poke the thing"}})
	_, err := FromSpec(doc)
	require.ErrorContains(t, err, `POST /things/poke: the operationId "poke the thing" holds white space, which a Gherkin tag cannot: name the operation without it`)
}
