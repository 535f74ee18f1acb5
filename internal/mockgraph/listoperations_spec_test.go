package mockgraph_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
)

// spec/openapi.yaml documents the list of a device's operations (built from
// spec/docs/teamworkdevice-list-operations.md): the mock is routed to it through the embedded
// description, which bounds $top as the mock does, and every answer conforms to it.
func TestListOperationsConformsToTheEmbeddedDescription(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	route, err := f.validator.FindRoute(http.MethodGet, listPath(docsDevice, "$top=2"))
	require.NoError(t, err, "spec/openapi.yaml documents GET /beta/teamwork/devices/{teamworkDeviceId}/operations")
	require.Equal(t, mockgraph.OpListOperations, route.OperationID)
	var top *float64
	var bottom *float64
	for _, p := range route.Operation().Parameters {
		if p.Value.In == "query" && p.Value.Name == "$top" {
			top, bottom = p.Value.Schema.Value.Max, p.Value.Schema.Value.Min
		}
	}
	require.NotNil(t, top, "the description bounds $top")
	require.NotNil(t, bottom, "the description bounds $top")
	assert.Equal(t, float64(mockgraph.MaxOperationsPage), *top)
	assert.Equal(t, 1.0, *bottom)

	// The answers, checked here explicitly as well as by send().
	check := func(path string, rec *httptest.ResponseRecorder) {
		t.Helper()
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		ex := &client.Exchange{
			Request:  client.RecordedRequest{Method: http.MethodGet, URL: "http://example.com" + path, Path: path, Header: http.Header{}},
			Response: client.RecordedResponse{Status: rec.Code, Header: rec.Result().Header, Body: rec.Body.Bytes()},
		}
		_, findings := f.validator.CheckResponse(context.Background(), ex)
		assert.Empty(t, findings, "%s: %s", path, rec.Body.String())
	}

	empty := listPath(docsDevice, "")
	check(empty, f.send(t, request{method: http.MethodGet, path: empty}))

	ids := f.startUpdates(t, docsDevice, 3)
	first := listPath(docsDevice, "$top=2")
	check(first, f.send(t, request{method: http.MethodGet, path: first}))
	page := f.listPage(t, first)
	require.Len(t, page.Value, 2)
	assert.Equal(t, ids[2], page.Value[0]["id"])
	next, err := url.Parse(page.NextLink)
	require.NoError(t, err)
	check(next.RequestURI(), f.send(t, request{method: http.MethodGet, path: next.RequestURI()}))
	page = f.listPage(t, next.RequestURI())
	require.Len(t, page.Value, 1)
	assert.Equal(t, ids[0], page.Value[0]["id"])
	assert.Empty(t, page.NextLink, "the last page")

	tests := []struct {
		name     string
		req      request
		status   int
		wantRule string
	}{
		{"$top=0 is refused by the description", request{method: http.MethodGet, path: listPath(docsDevice, "$top=0")}, 400, rules.RequestParameter.String()},
		{"$top=51 is refused by the description", request{method: http.MethodGet, path: listPath(docsDevice, "$top=51")}, 400, rules.RequestParameter.String()},
		{"$top=ten is refused by the description", request{method: http.MethodGet, path: listPath(docsDevice, "$top=ten")}, 400, rules.RequestParameter.String()},
		{"$top=50 is accepted", request{method: http.MethodGet, path: listPath(docsDevice, "$top=50")}, 200, ""},
		{"a token without the permission is 403", request{method: http.MethodGet, path: listPath(docsDevice, ""), token: delegated("User.Read")}, 403, rules.RequestPermitted.String()},
		{"a token with TeamworkDevice.Read.All is enough", request{method: http.MethodGet, path: listPath(docsDevice, ""), token: delegated("TeamworkDevice.Read.All")}, 200, ""},
		{"an application token with TeamworkDevice.Read.All is enough", request{method: http.MethodGet, path: listPath(docsDevice, ""), token: application("TeamworkDevice.Read.All")}, 200, ""},
		{"POST is 405", request{method: http.MethodPost, path: listPath(docsDevice, "")}, 405, rules.OperationDocumented.String()},
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
			// A $top out of range also breaks client-top-in-range (clientrules).
			assert.Contains(t, after[len(after)-1].RuleIDs(), tt.wantRule)
		})
	}
}
