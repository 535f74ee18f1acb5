package gencases

import (
	"bytes"
	"testing"

	gherkin "github.com/cucumber/gherkin/go/v26"
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
