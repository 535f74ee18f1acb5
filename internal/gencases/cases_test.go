package gencases

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// toySpec has one operation whose body holds every kind of property the generator knows.
const toySpec = `openapi: 3.0.3
info: {title: toy, version: "1"}
servers: [{url: /beta}]
paths:
  /things/{id}/poke:
    post:
      operationId: thing.poke
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [kind]
              properties:
                kind: {type: string, enum: [soft, hard]}
                note: {type: string, nullable: true}
                at: {type: string, format: date-time}
                id: {type: string}
                tags: {type: array, items: {type: string}}
            examples:
              poke: {summary: poke, value: {kind: soft, note: hello}}
      responses:
        "202": {description: accepted}
`

func toyCases(t *testing.T) map[string]Case {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte(toySpec))
	require.NoError(t, err)
	require.NoError(t, doc.Validate(context.Background()))
	cases, err := FromSpec(doc)
	require.NoError(t, err)
	out := map[string]Case{}
	for _, c := range cases {
		require.NotContains(t, out, c.Title(), "each case once")
		out[c.Title()] = c
	}
	return out
}

func TestEveryKindOfCaseIsGenerated(t *testing.T) {
	cases := toyCases(t)
	for title, body := range map[string]string{
		`thing.poke accepts kind "soft"`:                                     `{"kind":"soft","note":"hello"}`,
		`thing.poke accepts kind "hard"`:                                     `{"kind":"hard","note":"hello"}`,
		`thing.poke accepts note absent`:                                     `{"kind":"soft"}`,
		`thing.poke accepts note null`:                                       `{"kind":"soft","note":null}`,
		`thing.poke accepts note ""`:                                         `{"kind":"soft","note":""}`,
		`thing.poke accepts at present`:                                      `{"at":"2026-01-01T00:00:00Z","kind":"soft","note":"hello"}`,
		`thing.poke accepts at "9999-12-31T23:59:59.9999999+14:00"`:          `{"at":"9999-12-31T23:59:59.9999999+14:00","kind":"soft","note":"hello"}`,
		`thing.poke accepts tags empty`:                                      `{"kind":"soft","note":"hello","tags":[]}`,
		`thing.poke refuses a body without kind`:                             `{"note":"hello"}`,
		`thing.poke refuses kind "notAMember", no member of its enumeration`: `{"kind":"notAMember","note":"hello"}`,
		`thing.poke refuses kind null, which it may not be`:                  `{"kind":null,"note":"hello"}`,
		`thing.poke refuses kind as a number`:                                `{"kind":42,"note":"hello"}`,
		`thing.poke refuses at "2026-13-01T00:00:00Z", no date-time`:         `{"at":"2026-13-01T00:00:00Z","kind":"soft","note":"hello"}`,
		`thing.poke refuses tags as an object`:                               `{"kind":"soft","note":"hello","tags":{}}`,
		`thing.poke refuses tags[0] as a number`:                             `{"kind":"soft","note":"hello","tags":[42]}`,
		`thing.poke refuses an unknown property in the body`:                 `{"kind":"soft","note":"hello","unknownProperty":true}`,
		`thing.poke refuses id as a number`:                                  `{"id":42,"kind":"soft","note":"hello"}`,
		`thing.poke refuses malformed JSON`:                                  `{"kind":"soft","note":"hello"`,
	} {
		c, ok := cases[title]
		if assert.True(t, ok, "missing %s", title) {
			assert.Equal(t, body, string(c.Body), title)
		}
	}
	assert.NotContains(t, cases, "thing.poke accepts id present", "a key only the URL's resource can give has negative cases alone")
	assert.Equal(t, 202, cases[`thing.poke accepts kind "hard"`].Status, "the documented success")
	assert.Equal(t, "beta", cases[`thing.poke accepts kind "hard"`].Version)
}

// Every positive case is valid by the description and every negative one is not: the generator
// says nothing the description does not.
func TestPositiveCasesValidateAndNegativeOnesDoNot(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(toySpec))
	require.NoError(t, err)
	schema := doc.Paths.Value("/things/{id}/poke").Post.RequestBody.Value.Content.Get("application/json").Schema.Value
	for title, c := range toyCases(t) {
		var v any
		if err := json.Unmarshal(c.Body, &v); err != nil {
			assert.False(t, c.Accept, "%s: malformed JSON is never accepted", title)
			continue
		}
		assert.Equal(t, c.Accept, schema.VisitJSON(v) == nil, title)
	}
}

func TestAnOperationWithoutAnExampleStartsFromItsRequiredProperties(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(toySpec))
	require.NoError(t, err)
	doc.Paths.Value("/things/{id}/poke").Post.RequestBody.Value.Content.Get("application/json").Examples = nil
	cases, err := FromSpec(doc)
	require.NoError(t, err)
	for _, c := range cases {
		if c.Title() == `thing.poke accepts kind "hard"` {
			assert.JSONEq(t, `{"kind":"hard"}`, string(c.Body))
			return
		}
	}
	t.Fatal("no case of kind \"hard\"")
}

func TestAnInvalidExampleIsAnError(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(toySpec))
	require.NoError(t, err)
	doc.Paths.Value("/things/{id}/poke").Post.RequestBody.Value.Content.Get("application/json").Examples["poke"].Value.Value = map[string]any{"note": "no kind"}
	_, err = FromSpec(doc)
	require.ErrorContains(t, err, "fix the operation's example")
}
