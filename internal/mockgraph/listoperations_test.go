package mockgraph_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

// operationsPage is the body of a list of operations, as the tests read it.
type operationsPage struct {
	Context  string           `json:"@odata.context"`
	Value    []map[string]any `json:"value"`
	NextLink string           `json:"@odata.nextLink"`
}

// listPage GETs a page and decodes it.
func (f *fixture) listPage(t *testing.T, path string) operationsPage {
	t.Helper()
	rec := f.send(t, request{method: http.MethodGet, path: path})
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, mockgraph.ContentTypeJSON, rec.Header().Get("Content-Type"))
	assert.True(t, strings.HasPrefix(rec.Body.String(), `{"@odata.context":`), "@odata.context comes first")
	var page operationsPage
	obj := decodeObject(t, rec)
	page.Context, _ = obj["@odata.context"].(string)
	page.NextLink, _ = obj["@odata.nextLink"].(string)
	values, ok := obj["value"].([]any)
	require.True(t, ok, "value is an array: %s", rec.Body.String())
	for _, v := range values {
		page.Value = append(page.Value, v.(map[string]any))
	}
	return page
}

// startUpdates runs n updates on device one after the other, each to its end.
func (f *fixture) startUpdates(t *testing.T, device string, n int) []string {
	t.Helper()
	var ids []string
	for range n {
		ids = append(ids, f.startUpdate(t, device))
		f.clock.Advance(5 * time.Second)
	}
	return ids
}

func TestListOperationsOfADeviceWithoutAnyIsAnEmptyPage(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	page := f.listPage(t, listPath(docsDevice, ""))
	assert.Equal(t, "http://example.com/beta/$metadata#teamwork/devices('"+docsDevice+"')/operations", page.Context)
	assert.Empty(t, page.Value)
	assert.Empty(t, page.NextLink)
}

func TestListOperationsAnswersNewestFirstWithTheirCurrentStatus(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	ids := f.startUpdates(t, docsDevice, 2)
	running := f.startUpdate(t, docsDevice)
	f.startUpdate(t, otherDevice)
	page := f.listPage(t, listPath(strings.ToUpper(docsDevice), ""))
	require.Len(t, page.Value, 3, "only this device's operations")
	assert.Equal(t, []any{running, ids[1], ids[0]}, []any{page.Value[0]["id"], page.Value[1]["id"], page.Value[2]["id"]})
	assert.Equal(t, "queued", page.Value[0]["status"])
	assert.Equal(t, "succeeded", page.Value[1]["status"])
	assert.Equal(t, "softwareUpdate", page.Value[2]["operationType"])
	_, hasContext := page.Value[0]["@odata.context"]
	assert.False(t, hasContext, "the items of a collection carry no @odata.context")
	assert.Empty(t, page.NextLink)
}

func TestListOperationsPagesWithTopAndSkipToken(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	ids := f.startUpdates(t, docsDevice, 5)

	var got []any
	path := listPath(docsDevice, "$top=2")
	pages := 0
	for path != "" {
		page := f.listPage(t, path)
		pages++
		assert.LessOrEqual(t, len(page.Value), 2)
		for _, v := range page.Value {
			got = append(got, v["id"])
		}
		path = ""
		if page.NextLink != "" {
			u, err := url.Parse(page.NextLink)
			require.NoError(t, err)
			assert.Equal(t, "http", u.Scheme)
			assert.Equal(t, "example.com", u.Host, "the nextLink is absolute, on the request's host")
			assert.Equal(t, "2", u.Query().Get("$top"), "the nextLink keeps $top")
			assert.NotEmpty(t, u.Query().Get("$skiptoken"))
			path = u.RequestURI()
		}
	}
	assert.Equal(t, 3, pages)
	assert.Equal(t, []any{ids[4], ids[3], ids[2], ids[1], ids[0]}, got)
}

func TestListOperationsPageOfExactlyTopHasNoNextLink(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	f.startUpdates(t, docsDevice, 2)
	page := f.listPage(t, listPath(docsDevice, "$top=2"))
	assert.Len(t, page.Value, 2)
	assert.Empty(t, page.NextLink)
}

func TestListOperationsDefaultsToPagesOfFifty(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{Outcome: "succeeded"})
	for range mockgraph.MaxOperationsPage + 1 {
		f.startUpdate(t, docsDevice)
	}
	page := f.listPage(t, listPath(docsDevice, ""))
	assert.Len(t, page.Value, mockgraph.MaxOperationsPage)
	require.NotEmpty(t, page.NextLink)
	u, err := url.Parse(page.NextLink)
	require.NoError(t, err)
	assert.Len(t, f.listPage(t, u.RequestURI()).Value, 1)
}

func TestListOperationsRefuses(t *testing.T) {
	tests := []struct {
		name       string
		req        request
		wantStatus int
		wantCode   string
		wantInMsg  string
		wantAllow  string
	}{
		{"$top=0", request{method: http.MethodGet, path: listPath(docsDevice, "$top=0")}, 400, mockgraph.CodeBadRequest, `parameter "$top" in query: number must be at least 1`, ""},
		{"$top=51", request{method: http.MethodGet, path: listPath(docsDevice, "$top=51")}, 400, mockgraph.CodeBadRequest, `parameter "$top" in query: number must be at most 50`, ""},
		{"$top=ten", request{method: http.MethodGet, path: listPath(docsDevice, "$top=ten")}, 400, mockgraph.CodeBadRequest, `"$top" in query has an error: value ten`, ""},
		{"$top empty", request{method: http.MethodGet, path: listPath(docsDevice, "$top=")}, 400, mockgraph.CodeBadRequest, "$top", ""},
		{"a $skiptoken the mock did not issue", request{method: http.MethodGet, path: listPath(docsDevice, "$skiptoken=abc")}, 400, mockgraph.CodeBadRequest, "@odata.nextLink", ""},
		{"an unknown device", request{method: http.MethodGet, path: listPath(unknownDevice, "")}, 404, mockgraph.CodeNotFound, unknownDevice, ""},
		{"POST", request{method: http.MethodPost, path: listPath(docsDevice, ""), body: `{}`}, 405, mockgraph.CodeMethodNotAllowed, "GET", "GET"},
		{"no token", request{method: http.MethodGet, path: listPath(docsDevice, ""), noAuth: true}, 401, mockgraph.CodeInvalidAuthenticationToken, "Bearer", ""},
		{"a trailing segment", request{method: http.MethodGet, path: listPath(docsDevice, "") + "/x/y"}, 400, mockgraph.CodeBadRequest, "segment 'y'", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, mockgraph.Timeline{})
			rec := f.send(t, tt.req)
			body := decodeError(t, rec, tt.wantStatus, tt.wantCode)
			assert.Contains(t, body.Error.Message, tt.wantInMsg)
			if tt.wantAllow != "" {
				assert.Equal(t, tt.wantAllow, rec.Header().Get("Allow"))
			}
		})
	}
}

func TestListOperationsHonoursTopInAnyCase(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	f.startUpdates(t, docsDevice, 3)
	for _, query := range []string{"$TOP=1", "$Top=1", "%24top=1"} {
		page := f.listPage(t, listPath(docsDevice, query))
		assert.Len(t, page.Value, 1, "%s is $top, as the mock's check of the query options takes it", query)
		assert.NotEmpty(t, page.NextLink, query)
	}
}

func TestListOperationsWithAnInvalidTopInAnotherCaseIs400(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	f.startUpdates(t, docsDevice, 2)
	rec := f.send(t, request{method: http.MethodGet, path: listPath(docsDevice, "$TOP=abc")})
	body := decodeError(t, rec, http.StatusBadRequest, mockgraph.CodeBadRequest)
	assert.Contains(t, body.Error.Message, "$top")
}

func TestListOperationsWithASkipTokenInAnotherCaseNotIssuedIs400(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	f.startUpdates(t, docsDevice, 2)
	rec := f.send(t, request{method: http.MethodGet, path: listPath(docsDevice, "$SKIPTOKEN=garbage")})
	body := decodeError(t, rec, http.StatusBadRequest, mockgraph.CodeBadRequest)
	assert.Contains(t, body.Error.Message, "garbage")
}

func TestListOperationsFollowsASkipTokenInAnotherCase(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	ids := f.startUpdates(t, docsDevice, 3)
	first := f.listPage(t, listPath(docsDevice, "$top=2"))
	require.NotEmpty(t, first.NextLink)
	next, err := url.Parse(first.NextLink)
	require.NoError(t, err)
	token := next.Query().Get("$skiptoken")
	page := f.listPage(t, listPath(docsDevice, "$SkipToken="+url.QueryEscape(token)))
	require.Len(t, page.Value, 1)
	assert.Equal(t, ids[0], page.Value[0]["id"])
}

func TestListOperationsWithASemicolonInTopIs400(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	f.startUpdates(t, docsDevice, 3)
	rec := f.send(t, request{method: http.MethodGet, path: listPath(docsDevice, "$top=1;$top=2")})
	body := decodeError(t, rec, http.StatusBadRequest, mockgraph.CodeBadRequest)
	assert.Contains(t, body.Error.Message, "1;$top=2")
}
