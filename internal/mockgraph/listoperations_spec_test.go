package mockgraph_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/spec"
)

// validatorWithListOperations is the validator of the embedded description with the list operation
// of testdata/listoperations.openapi.yaml merged in, as spec/openapi.yaml will have it.
func validatorWithListOperations(t *testing.T) *contract.Validator {
	t.Helper()
	var description, fragment map[string]any
	require.NoError(t, yaml.Unmarshal(spec.OpenAPI, &description))
	data, err := os.ReadFile("testdata/listoperations.openapi.yaml")
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(data, &fragment))

	paths := description["paths"].(map[string]any)
	for path, item := range fragment["paths"].(map[string]any) {
		if _, documented := paths[path]; documented {
			t.Logf("spec/openapi.yaml documents %s already: the mock is checked against it as it is", path)
			return newValidator(t)
		}
		paths[path] = item
	}
	schemas := description["components"].(map[string]any)["schemas"].(map[string]any)
	for name, schema := range fragment["components"].(map[string]any)["schemas"].(map[string]any) {
		schemas[name] = schema
	}
	merged, err := yaml.Marshal(description)
	require.NoError(t, err)
	doc, err := spec.Parse(context.Background(), merged)
	require.NoError(t, err, "the snippet makes a valid description")
	v, err := contract.New(doc)
	require.NoError(t, err)
	return v
}

func TestListOperationsConformsToTheSnippetForTheDescription(t *testing.T) {
	v := validatorWithListOperations(t)
	route, err := v.FindRoute(http.MethodGet, listPath(docsDevice, "$top=2"))
	require.NoError(t, err)
	require.Equal(t, mockgraph.OpListOperations, route.OperationID)

	clock := mockgraph.NewFakeClock(start)
	m, err := mockgraph.New(mockgraph.Options{Seed: mockgraph.DefaultSeed(), Clock: clock, Validator: v})
	require.NoError(t, err)
	f := &fixture{mock: m, clock: clock, validator: v} // send() now checks every list answer against the snippet

	ids := f.startUpdates(t, docsDevice, 3)
	page := f.listPage(t, listPath(docsDevice, "$top=2"))
	require.Len(t, page.Value, 2)
	assert.Equal(t, ids[2], page.Value[0]["id"])
	next, err := url.Parse(page.NextLink)
	require.NoError(t, err)
	page = f.listPage(t, next.RequestURI())
	require.Len(t, page.Value, 1)
	assert.Equal(t, ids[0], page.Value[0]["id"])

	tests := []struct {
		name     string
		req      request
		status   int
		wantRule string
	}{
		{"$top=0 is refused by the description", request{method: http.MethodGet, path: listPath(docsDevice, "$top=0")}, 400, contract.RuleRequestParameter},
		{"$top=51 is refused by the description", request{method: http.MethodGet, path: listPath(docsDevice, "$top=51")}, 400, contract.RuleRequestParameter},
		{"$top=ten is refused by the description", request{method: http.MethodGet, path: listPath(docsDevice, "$top=ten")}, 400, contract.RuleRequestParameter},
		{"a token without the permission is 403", request{method: http.MethodGet, path: listPath(docsDevice, ""), token: delegated("User.Read")}, 403, mockgraph.RuleRequestPermitted},
		{"POST is 405", request{method: http.MethodPost, path: listPath(docsDevice, "")}, 405, contract.RuleOperationDocumented},
		{"an unknown device is 404", request{method: http.MethodGet, path: listPath(unknownDevice, "")}, 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(f.mock.Violations().Violations)
			rec := f.send(t, tt.req)
			require.Equal(t, tt.status, rec.Code, rec.Body.String())
			after := f.mock.Violations().Violations
			if tt.wantRule == "" {
				assert.Len(t, after, before)
				return
			}
			require.Len(t, after, before+1)
			assert.Equal(t, []string{tt.wantRule}, after[len(after)-1].RuleIDs())
		})
	}
}
