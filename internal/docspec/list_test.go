package docspec

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const listPage = "teamworkdevice-list-operations.md"

func queryParam(t *testing.T, op *openapi3.Operation, name string) *openapi3.Parameter {
	t.Helper()
	for _, p := range op.Parameters {
		if p.Value.In == "query" && p.Value.Name == name {
			return p.Value
		}
	}
	t.Fatalf("%s has no query parameter %s", op.OperationID, name)
	return nil
}

// The list page's "Optional query parameters" section gives $top, bounded 1 to 50 as the page
// says, and $skiptoken, the cursor its @odata.nextLink carries; neither is required.
func TestListQueryParametersAreWhatThePageSays(t *testing.T) {
	op := builtDoc(t).Paths.Value(listOperationsPath).Get
	require.NotNil(t, op)
	assert.Equal(t, "teamworkDevice.listOperations", op.OperationID)
	assert.Equal(t, "spec/docs/"+listPage, op.Extensions["x-ms-docs-source"])
	assert.Equal(t, "https://learn.microsoft.com/graph/api/teamworkdevice-list-operations?view=graph-rest-beta", op.ExternalDocs.URL)
	assert.Equal(t, map[string]any{
		"delegated":   []any{"TeamworkDevice.Read.All", "TeamworkDevice.ReadWrite.All"},
		"application": []any{"TeamworkDevice.Read.All", "TeamworkDevice.ReadWrite.All"},
	}, op.Extensions["x-ms-permissions"])
	assert.Equal(t, []string{"TeamworkDevice.Read.All", "TeamworkDevice.ReadWrite.All"}, securityScopes(*op.Security))
	require.Len(t, op.Parameters, 2)

	top := queryParam(t, op, "$top")
	assert.False(t, top.Required)
	assert.True(t, top.Schema.Value.Type.Is("integer"))
	require.NotNil(t, top.Schema.Value.Min)
	require.NotNil(t, top.Schema.Value.Max)
	assert.Equal(t, 1.0, *top.Schema.Value.Min)
	assert.Equal(t, 50.0, *top.Schema.Value.Max)
	assert.Contains(t, top.Description, "from 1 to 50")

	skip := queryParam(t, op, "$skiptoken")
	assert.False(t, skip.Required)
	assert.True(t, skip.Schema.Value.Type.Is("string"))
	assert.Contains(t, skip.Description, "@odata.nextLink")

	assert.Nil(t, op.RequestBody)
	assert.ElementsMatch(t, []string{"200", "4XX", "5XX"}, sortedKeys(op.Responses.Map()))
}

// "a collection of [teamworkDeviceOperation] objects in the response body" is the component
// schema teamworkDeviceOperationCollection: value, an array of the type; @odata.nextLink, a
// nullable string; @odata.context.
func TestListReturnsTheCollectionSchema(t *testing.T) {
	doc := builtDoc(t)
	mt := doc.Paths.Value(listOperationsPath).Get.Responses.Value("200").Value.Content.Get("application/json")
	require.NotNil(t, mt)
	assert.Equal(t, "#/components/schemas/teamworkDeviceOperationCollection", mt.Schema.Ref)

	s := schemaOf(t, doc, "teamworkDeviceOperationCollection")
	assert.True(t, s.Type.Is("object"))
	assert.Equal(t, []string{"value"}, s.Required)
	assert.ElementsMatch(t, []string{"@odata.context", "@odata.nextLink", "value"}, sortedKeys(s.Properties))
	value := s.Properties["value"].Value
	assert.True(t, value.Type.Is("array"))
	assert.Equal(t, "#/components/schemas/teamworkDeviceOperation", value.Items.Ref)
	next := s.Properties["@odata.nextLink"].Value
	assert.True(t, next.Type.Is("string"))
	assert.True(t, next.Nullable)
	ctx := s.Properties["@odata.context"].Value
	assert.True(t, ctx.Type.Is("string"))
	assert.False(t, ctx.Nullable)

	ex := mt.Examples["list_teamworkdeviceoperation"].Value.Value.(map[string]any)
	assert.Len(t, ex["value"], 2, "the page's example is the description's, as written")
	assert.Contains(t, ex["@odata.nextLink"], "$skiptoken=")
}

// The description the mock is checked against refuses a $top outside 1..50 and accepts the
// page's own $top=2.
func TestListTopOutsideItsBoundsIsRefusedByTheBuiltSpec(t *testing.T) {
	doc := builtDoc(t)
	router, err := gorillamux.NewRouter(doc)
	require.NoError(t, err)
	check := func(target string) error {
		req, err := http.NewRequest(http.MethodGet, target, http.NoBody)
		require.NoError(t, err)
		route, params, err := router.FindRoute(req)
		require.NoError(t, err)
		require.Equal(t, "teamworkDevice.listOperations", route.Operation.OperationID)
		in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
		return openapi3filter.ValidateRequest(context.Background(), in)
	}
	base := "/beta/teamwork/devices/0f3ce432-e432-0f3c-32e4-3c0f32e43c0f/operations"
	require.NoError(t, check(base))
	require.NoError(t, check(base+"?$top=2"))
	require.NoError(t, check(base+"?$top=50&$skiptoken=abc"))
	assert.Error(t, check(base+"?$top=0"))
	assert.Error(t, check(base+"?$top=51"))
	assert.Error(t, check(base+"?$top=ten"))
}

func queryOf(t *testing.T, section string) []QueryParam {
	t.Helper()
	page := strings.Replace(minimalPage, "## Response\n", "## Optional query parameters\n\n"+section+"\n\n## Response\n", 1)
	p, err := ReadPage("poke.md", []byte(page))
	require.NoError(t, err)
	return p.Operation.Query
}

func bounds(q QueryParam) [2]int {
	out := [2]int{-1, -1}
	if q.Minimum != nil {
		out[0] = *q.Minimum
	}
	if q.Maximum != nil {
		out[1] = *q.Maximum
	}
	return out
}

func TestQueryParametersAndTheirBoundsAreReadFromTheSection(t *testing.T) {
	tests := []struct {
		name, section string
		want          map[string][2]int // bounds by parameter, -1 for none
	}{
		{"no support", "This method does not support the [OData query parameters](/graph/query-parameters) to help customize the response.", map[string][2]int{}},
		{"support without naming any", "This method supports the [OData Query Parameters](/graph/query-parameters) to help customize the response.", map[string][2]int{}},
		{"the docs' usual maximum", "This method supports the `$top` OData query parameter. The maximum value of `$top` is 50.", map[string][2]int{"$top": {-1, 50}}},
		{"between", "`$top` is between 1 and 100.", map[string][2]int{"$top": {1, 100}}},
		{"at least", "`$top` must be at least 1.", map[string][2]int{"$top": {1, -1}}},
		{"up to", "This method supports `$top` up to 999.", map[string][2]int{"$top": {-1, 999}}},
		{"a sentence naming several bounds none", "This method supports the `$top` and `$skip` parameters, from 1 to 50.", map[string][2]int{"$top": {-1, -1}, "$skip": {-1, -1}}},
		{"a table", "|Name|Description|\n|:---|:---|\n|`$top`|The page size, from 1 to 50.|\n|`$filter`|Filters the operations.|", map[string][2]int{"$top": {1, 50}, "$filter": {-1, -1}}},
		{"other code spans are not parameters", "The response carries `@odata.nextLink` and a `value` array.", map[string][2]int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string][2]int{}
			for _, q := range queryOf(t, tt.section) {
				got[q.Name] = bounds(q)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestQueryParameterTypesAreODatas(t *testing.T) {
	qs := queryOf(t, "This method supports `$top`, `$skip`, `$count`, `$filter` and `$skiptoken`.")
	types := map[string]string{}
	for _, q := range qs {
		types[q.Name] = q.Type()
	}
	assert.Equal(t, map[string]string{"$top": "integer", "$skip": "integer", "$count": "boolean", "$filter": "string", "$skiptoken": "string"}, types)
}

func TestContradictoryQueryBoundsAreAnError(t *testing.T) {
	page := strings.Replace(minimalPage, "## Response\n", "## Optional query parameters\n\n`$top` takes a number from 1 to 50. The maximum value of `$top` is 100.\n\n## Response\n", 1)
	_, err := ReadPage("poke.md", []byte(page))
	require.ErrorContains(t, err, "poke.md: line 27: the section gives $top the maximum 50 and 100: keep one")

	page = strings.Replace(minimalPage, "## Response\n", "## Optional query parameters\n\n`$top` takes a number from 50 to 1.\n\n## Response\n", 1)
	_, err = ReadPage("poke.md", []byte(page))
	require.ErrorContains(t, err, "a minimum of 50 above its maximum of 1")
}

func TestAListExampleThatIsNotACollectionIsAnError(t *testing.T) {
	fsys := docsMapFS(t)
	page := string(fsys[listPage].Data)
	i := strings.Index(page, "HTTP/1.1 200 OK")
	require.Positive(t, i)
	changed := page[:i] + "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"id\": \"119eb06d-0c4b-4fb3-a754-33dd0d6b618c\"\n}\n```\n"
	fsys[listPage] = &fstest.MapFile{Data: []byte(changed)}
	_, err := Build(fsys)
	require.Error(t, err)
	assert.Contains(t, err.Error(), listPage+": line ")
	assert.Contains(t, err.Error(), `write it as {"value": [...]}`)
}

// The items of a list example are checked like a single object's example: an operationType that is
// no member of its enumeration is an error naming the page.
func TestAListExamplesItemsAreCheckedAgainstTheType(t *testing.T) {
	fsys := docsMapFS(t)
	page := string(fsys[listPage].Data)
	fsys[listPage] = &fstest.MapFile{Data: []byte(strings.Replace(page, `"operationType": "deviceRestart"`, `"operationType": "deviceReboot"`, 1))}
	_, err := Build(fsys)
	require.Error(t, err)
	assert.Contains(t, err.Error(), listPage)
	assert.Contains(t, err.Error(), `"deviceReboot"`)
	assert.Contains(t, err.Error(), "teamworkDeviceOperationType")
}

func TestAListWithoutQueryParametersHasNone(t *testing.T) {
	fsys := docsMapFS(t)
	page := string(fsys[listPage].Data)
	start := strings.Index(page, "## Optional query parameters")
	end := strings.Index(page, "## Request headers")
	page = page[:start] + "## Optional query parameters\nThis method does not support the [OData query parameters](/graph/query-parameters) to help customize the response.\n\n" + page[end:]
	page = strings.Replace(page, "/operations?$top=2\n", "/operations\n", 1)
	fsys[listPage] = &fstest.MapFile{Data: []byte(page)}
	out, err := Build(fsys)
	require.NoError(t, err)
	op := loadDoc(t, out).Paths.Value(listOperationsPath).Get
	assert.Empty(t, op.Parameters)
	assert.False(t, bytes.Contains(out, []byte("in: query")))
}
