package conformance_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/conformance"
)

// idBodies are bodies of a resource whose path names o and what a check of its id finds: a message
// part, or "" for nothing. encoding/json reads an id of any case, and a body whose id it cannot decode
// (a duplicate of another type too) is the schema checks' to report.
var idBodies = []struct{ body, want string }{
	{`{"id":"o"}`, ""},
	{`{"id":"x"}`, `id is "x"`},
	{`{"status":"queued"}`, "no id"},
	{`{"id":null}`, "no id"},
	{`null`, "no id"},
	{`{"id":7}`, ""},
	{`{"id":{"value":"o"}}`, ""},
	{`[]`, ""},
	{`{"id":"o"} x`, ""},
	{`{"ID":"o"}`, ""},
	{`{"Id":"x"}`, `id is "x"`},
	{`{"id":"o","ID":"x"}`, `id is "x"`},
	{`{"id":7,"id":"x"}`, ""},
	{`{"id":"x","id":"o"}`, ""},
	{`{"id":"o","n":1e400}`, ""},
	{`{"id":"x","n":1e400}`, `id is "x"`},
	{`{"createdBy":{"user":{"id":"o"}}}`, "no id"},
}

func TestOperationCarriesItsIDReadsTheIDAsEncodingJSONDoes(t *testing.T) {
	for _, tc := range idBodies {
		got := conformance.OperationCarriesItsID(answer(http.MethodGet, operationPath, http.StatusOK, nil, tc.body))
		assertFinds(t, got, "/id", tc.want, tc.body)
	}
}

func TestPatchEchoCarriesIdentityReadsTheIDAsEncodingJSONDoes(t *testing.T) {
	for _, tc := range idBodies {
		ex := answer(http.MethodPatch, statePath[:len(statePath)-1]+"o", http.StatusOK, nil, tc.body)
		assertFinds(t, conformance.PatchEchoCarriesIdentity(ex), "/id", tc.want, tc.body)
	}
}

func TestIdentityChecksJudgeTheBodyTheExchangeHoldsWhenAsked(t *testing.T) {
	op := answer(http.MethodGet, operationPath, http.StatusOK, nil, `{"id":"o","status":"queued"}`)
	assert.Empty(t, conformance.OperationCarriesItsID(op))
	op.Response.Body = []byte(`{"id":"x","status":"queued"}`)
	assert.Len(t, conformance.OperationCarriesItsID(op), 1, "the replaced body names another operation")
	echo := answer(http.MethodPatch, statePath, http.StatusOK, nil, `{"id":"s"}`)
	assert.Empty(t, conformance.PatchEchoCarriesIdentity(echo))
	echo.Response.Body = []byte(`{"id":"t"}`)
	assert.Len(t, conformance.PatchEchoCarriesIdentity(echo), 1, "the replaced echo is another state")
	page := answer(http.MethodGet, listPath, http.StatusOK, nil, `{"value":[],"@odata.nextLink":"https://graph.example/beta/teamwork/devices/d/operations?$skiptoken=1"}`)
	assert.Empty(t, conformance.NextLinkStaysOnTheCollection(page))
	page.Response.Body = []byte(`{"value":[],"@odata.nextLink":"https://graph.example/beta/teamwork/devices/e/operations?$skiptoken=1"}`)
	assert.Len(t, conformance.NextLinkStaysOnTheCollection(page), 1, "the replaced page links to another device")
}

func TestNextLinkStaysOnTheCollectionReadsTheLinkAsEncodingJSONDoes(t *testing.T) {
	const away = `"https://graph.example/beta/teamwork/devices/e/operations?$skiptoken=1"`
	for _, tc := range []struct{ body, want string }{
		{`{"value":[],"@odata.nextLink":` + away + `}`, "not the collection"},
		{`{"value":[]}`, ""},
		{`{"value":[],"@odata.nextLink":null}`, ""},
		{`{"value":[],"@odata.nextLink":5}`, ""},
		{`{"value":[],"@odata.NextLink":` + away + `}`, "not the collection"},
		{`{"value":[],"@odata.nextLink":5,"@odata.nextLink":` + away + `}`, ""},
		{`{"value":[],"@odata.nextLink":` + away + `,"n":1e400}`, "not the collection"},
		{`null`, ""},
	} {
		got := conformance.NextLinkStaysOnTheCollection(answer(http.MethodGet, listPath, http.StatusOK, nil, tc.body))
		assertFinds(t, got, "/@odata.nextLink", tc.want, tc.body)
	}
}

// assertFinds checks that a check found nothing when want is "", else one violation at pointer whose
// message holds want.
func assertFinds(t *testing.T, got []conformance.Violation, pointer, want, body string) {
	t.Helper()
	if want == "" {
		assert.Empty(t, got, body)
		return
	}
	if assert.Len(t, got, 1, body) {
		assert.Equal(t, pointer, got[0].JSONPointer, body)
		assert.Contains(t, got[0].Message, want, body)
	}
}
