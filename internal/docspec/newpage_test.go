package docspec

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests pin what the builder does with pages it has not seen: it builds what they say, or
// stops naming the page, the line and what to write.

func TestAPIPageWithoutDocTypeIsAnError(t *testing.T) {
	page := strings.Replace(minimalPage, "doc_type: apiPageType\n", "", 1)
	_, err := ReadPage("poke.md", []byte(page))
	require.ErrorContains(t, err, "poke.md: line 17: the page has an '## HTTP request' section but its front matter has no doc_type apiPageType: write 'doc_type: apiPageType'")
}

func TestAPIPageWithAnotherDocTypeIsAnError(t *testing.T) {
	page := strings.Replace(minimalPage, "doc_type: apiPageType", "doc_type: APIPageType", 1)
	_, err := ReadPage("poke.md", []byte(page))
	require.ErrorContains(t, err, `poke.md: line 18: the page has an '## HTTP request' section but its front matter has no doc_type apiPageType (it says "APIPageType")`)
}

// actionPage is minimalPage with a request body table of the given header and rows.
func actionPage(header, rows string) string {
	body := "## Request body\n\n" + header + "\n" + rows + "\n\n## Response\n"
	return strings.Replace(minimalPage, "## Response\n", body, 1)
}

func TestRequestBodyRequiredColumnIsRead(t *testing.T) {
	page := actionPage("|Parameter|Type|Required|Description|\n|:---|:---|:---|:---|",
		"|force|Boolean|Yes|Whether to force it.|\n|reason|String|No|Why.|")
	p, err := ReadPage("poke.md", []byte(page))
	require.NoError(t, err)
	require.Len(t, p.Operation.Body, 2)
	assert.True(t, p.Operation.Body[0].Required)
	assert.False(t, p.Operation.Body[0].Optional)
	assert.True(t, p.Operation.Body[1].Optional)
	assert.False(t, p.Operation.Body[1].Required)
}

func TestRequestBodyRequiredColumnWithAnotherWordIsAnError(t *testing.T) {
	page := actionPage("|Parameter|Type|Required|Description|\n|:---|:---|:---|:---|", "|force|Boolean|Sometimes|Whether to force it.|")
	_, err := ReadPage("poke.md", []byte(page))
	require.ErrorContains(t, err, `poke.md: line 29: property force: the Required column says "Sometimes": write Yes or No`)
}

func TestRequestBodyTableWithoutTypeColumnIsAnError(t *testing.T) {
	page := actionPage("|Parameter|Description|\n|:---|:---|", "|force|Whether to force it.|")
	_, err := ReadPage("poke.md", []byte(page))
	require.ErrorContains(t, err, "poke.md: line 27: the table has a Parameter column but no Type column: add a Type column")
}

func TestRequestLineWithAVersionIsAnError(t *testing.T) {
	page := strings.Replace(minimalPage, "POST /me/things/{thingId}/poke", "POST /beta/me/things/{thingId}/poke", 1)
	_, err := ReadPage("poke.md", []byte(page))
	require.ErrorContains(t, err, "poke.md: line 22: the request line's path starts with the version /beta: write the path without it, 'POST /me/things/{thingId}/poke'")
}

func TestLowerCasePrimitiveTypesAreThePrimitives(t *testing.T) {
	page := actionPage("|Parameter|Type|Description|\n|:---|:---|:---|",
		"|reason|string|Why. Possible values are: `a`, `b`.|\n|force|boolean|Whether to force it.|\n|count|int32|How often.|\n|at|dateTimeOffset|When.|")
	res, err := BuildResult(fstest.MapFS{"poke.md": {Data: []byte(page)}}, Options{})
	require.NoError(t, err)
	doc := loadDoc(t, res.YAML)
	s := schemaOf(t, doc, "pokeRequest")
	assert.Equal(t, "string", s.Properties["reason"].Value.Type.Slice()[0])
	assert.Empty(t, s.Properties["reason"].Ref, "no enumeration named string")
	assert.Equal(t, "boolean", s.Properties["force"].Value.Type.Slice()[0])
	assert.Equal(t, "int32", s.Properties["count"].Value.Format)
	assert.Nil(t, doc.Components.Schemas["string"])
}

func TestExampleBodyWithATrailingCommaNamesItsLine(t *testing.T) {
	fsys := docsMapFS(t)
	name := "teamworkdeviceoperation-get.md"
	page := string(fsys[name].Data)
	fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(page, "\"error\": null\n", "\"error\": null,\n", 1))}
	_, err := Build(fsys)
	require.ErrorContains(t, err, name+": line 103: the example response's body is not JSON (invalid character '}' looking for beginning of object key string): write it as plain JSON, without comments, trailing commas or '...'")
}
