package conformance_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/conformance"
)

func TestAcceptedHasNoBodyFailsA202WithABody(t *testing.T) {
	got := conformance.AcceptedHasNoBody(answer(http.MethodPost, updatePath, http.StatusAccepted, http.Header{"Content-Type": {"application/json"}}, `{"id":"o","status":"queued"}`))
	if assert.Len(t, got, 1) {
		assert.Contains(t, got[0].Message, "28-byte body")
	}
}

func TestAcceptedHasNoBodyHoldsForTheDocsExample(t *testing.T) {
	assert.Empty(t, conformance.AcceptedHasNoBody(answer(http.MethodPost, updatePath, http.StatusAccepted, http.Header{"Content-Type": {"text/plain"}, "Content-Length": {"0"}}, "")))
	assert.Empty(t, conformance.AcceptedHasNoBody(answer(http.MethodPost, updatePath, http.StatusConflict, nil, `{"error":{"code":"Conflict","message":"m"}}`)))
}
