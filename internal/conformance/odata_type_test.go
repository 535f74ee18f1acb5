package conformance_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/conformance"
)

func TestResourceODataTypeFailsAPatchEchoOfAnotherType(t *testing.T) {
	for _, odataType := range []string{`"#microsoft.graph.windowsUpdateForBusinessConfiguration"`, `"#microsoft.graph.windowsupdatestate"`, `""`, `null`, `7`} {
		got := conformance.ResourceODataType(answer(http.MethodPatch, statePath, http.StatusOK, nil, `{"@odata.type":`+odataType+`,"id":"s"}`))
		if assert.Len(t, got, 1, odataType) {
			assert.Equal(t, "/@odata.type", got[0].JSONPointer)
		}
	}
}

func TestResourceODataTypeFailsAStateOrOperationOfAnotherType(t *testing.T) {
	assert.Len(t, conformance.ResourceODataType(answer(http.MethodGet, statePath, http.StatusOK, nil, `{"@odata.type":"#microsoft.graph.deviceConfiguration","id":"s"}`)), 1)
	assert.Len(t, conformance.ResourceODataType(answer(http.MethodGet, operationPath, http.StatusOK, nil, `{"@odata.type":"#microsoft.graph.windowsUpdateState","id":"o"}`)), 1)
	got := conformance.ResourceODataType(answer(http.MethodGet, listPath, http.StatusOK, nil,
		`{"value":[{"@odata.type":"#microsoft.graph.teamworkDeviceOperation","id":"a"},{"@odata.type":"#microsoft.graph.teamworkDevice","id":"b"}]}`))
	if assert.Len(t, got, 1) {
		assert.Equal(t, "/value/1/@odata.type", got[0].JSONPointer)
	}
}

func TestResourceODataTypeHoldsForItsTypeOrNone(t *testing.T) {
	for _, ex := range []struct{ method, path, body string }{
		{http.MethodPatch, statePath, `{"@odata.type":"#microsoft.graph.windowsUpdateState","id":"s"}`},
		{http.MethodPatch, statePath, `{"@odata.type":"microsoft.graph.windowsUpdateState","id":"s"}`},
		{http.MethodPatch, statePath, `{"id":"s"}`},
		{http.MethodGet, statePath, `{"@odata.type":"#microsoft.graph.windowsUpdateState","id":"s"}`},
		{http.MethodGet, operationPath, `{"@odata.type":"#microsoft.graph.teamworkDeviceOperation","id":"o"}`},
		{http.MethodGet, operationPath, `{"id":"o"}`},
		{http.MethodGet, listPath, `{"@odata.context":"x","value":[{"id":"a"},{"@odata.type":"#microsoft.graph.teamworkDeviceOperation","id":"b"}]}`},
	} {
		assert.Empty(t, conformance.ResourceODataType(answer(ex.method, ex.path, http.StatusOK, nil, ex.body)), "%s %s %s", ex.method, ex.path, ex.body)
	}
	assert.Empty(t, conformance.ResourceODataType(answer(http.MethodPatch, statePath, http.StatusBadRequest, nil, `{"error":{"code":"BadRequest","message":"m"}}`)))
}

func TestResourceODataTypeFailsATypeWhoseNameIsEscaped(t *testing.T) {
	got := conformance.ResourceODataType(answer(http.MethodGet, operationPath, http.StatusOK, nil, `{"@odata\u002etype":"#microsoft.graph.teamworkDevice","id":"o"}`))
	assert.Len(t, got, 1, "a member name written with an escape is still the member")
}

func TestResourceODataTypeJudgesTheBodyTheExchangeHoldsWhenAsked(t *testing.T) {
	state := answer(http.MethodPatch, statePath, http.StatusOK, nil, `{"@odata.type":"#microsoft.graph.windowsUpdateState","id":"s"}`)
	assert.Empty(t, conformance.ResourceODataType(state))
	state.Response.Body = []byte(`{"@odata.type":"#microsoft.graph.teamworkDevice","id":"s"}`)
	assert.Len(t, conformance.ResourceODataType(state), 1, "the replaced echo is of another type")
	op := answer(http.MethodGet, operationPath, http.StatusOK, nil, `{"@odata.type":"#microsoft.graph.teamworkDeviceOperation","id":"o"}`)
	assert.Empty(t, conformance.ResourceODataType(op))
	op.Response.Body = []byte(`{"@odata.type":"#microsoft.graph.windowsUpdateState","id":"o"}`)
	assert.Len(t, conformance.ResourceODataType(op), 1, "the replaced operation is of another type")
	op.Response.Body = []byte(`{"@odata.type":"#microsoft.graph.windowsUpdateState","id":"o"} x`)
	assert.Empty(t, conformance.ResourceODataType(op), "a body that is not one object is the contract's to report")
}
