package conformance_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/conformance"
)

func TestOperationsInAnOperationsGETIsItsBody(t *testing.T) {
	ex := answer(http.MethodGet, operationPath, http.StatusOK, nil, `{"id":"o","status":"queued","error":null}`)
	assert.Equal(t, []conformance.Operation{{Object: map[string]any{"id": "o", "status": "queued", "error": nil}}}, conformance.OperationsIn(ex))
	ex.Response.Body = []byte(`{"id":"o","status":"succeeded"}`)
	assert.Equal(t, []conformance.Operation{{Object: map[string]any{"id": "o", "status": "succeeded"}}}, conformance.OperationsIn(ex), "the body replaced")
	for _, body := range []string{``, `null`, `[]`, `"o"`, `{"id":"o"} {}`, `{"id":"o","n":1e400}`} {
		assert.Empty(t, conformance.OperationsIn(answer(http.MethodGet, operationPath, http.StatusOK, nil, body)), body)
	}
	assert.Empty(t, conformance.OperationsIn(answer(http.MethodGet, operationPath, http.StatusNotFound, nil, `{"error":{"code":"NotFound","message":"m"}}`)))
}

func TestOperationsInAPageAreTheObjectsOfItsValue(t *testing.T) {
	ex := answer(http.MethodGet, listPath, http.StatusOK, nil, `{"value":[{"id":"a"},7,null,{"id":"b"}]}`)
	assert.Equal(t, []conformance.Operation{{Pointer: "/value/0", Object: map[string]any{"id": "a"}}, {Pointer: "/value/3", Object: map[string]any{"id": "b"}}},
		conformance.OperationsIn(ex))
	ex.Response.Body = []byte(`{"value":[{"id":"c"}]}`)
	assert.Equal(t, []conformance.Operation{{Pointer: "/value/0", Object: map[string]any{"id": "c"}}}, conformance.OperationsIn(ex), "the body replaced")
}
