package conformance_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/conformance"
)

func TestThrottledErrorCodeFailsA429WithAnotherCode(t *testing.T) {
	for _, code := range []string{"BadRequest", "throttled", "activityLimitReached", ""} {
		got := conformance.ThrottledErrorCode(answer(http.MethodPatch, statePath, http.StatusTooManyRequests, nil, `{"error":{"code":"`+code+`","message":"m"}}`))
		if assert.Len(t, got, 1, "code %q", code) {
			assert.Equal(t, "/error/code", got[0].JSONPointer)
		}
	}
}

func TestThrottledErrorCodeHoldsForTooManyRequestsInEitherCase(t *testing.T) {
	for _, code := range []string{"TooManyRequests", "tooManyRequests"} {
		assert.Empty(t, conformance.ThrottledErrorCode(answer(http.MethodPatch, statePath, http.StatusTooManyRequests, nil, `{"error":{"code":"`+code+`","message":"m"}}`)), code)
	}
}

func TestThrottledErrorCodeLeavesOtherAnswersAlone(t *testing.T) {
	assert.Empty(t, conformance.ThrottledErrorCode(answer(http.MethodGet, listPath, http.StatusServiceUnavailable, nil, `{"error":{"code":"ServiceUnavailable","message":"m"}}`)))
	assert.Empty(t, conformance.ThrottledErrorCode(answer(http.MethodGet, listPath, http.StatusTooManyRequests, nil, `<html>slow down</html>`)),
		"a body that is no Graph error is the contract's to report")
	assert.Empty(t, conformance.ThrottledErrorCode(answer(http.MethodGet, listPath, http.StatusTooManyRequests, nil, "")))
}
