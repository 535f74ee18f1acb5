package conformance_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/conformance"
)

func TestThrottledCarriesRetryAfterFailsA429WithoutRetryAfter(t *testing.T) {
	got := conformance.ThrottledCarriesRetryAfter(answer(http.MethodPost, updatePath, http.StatusTooManyRequests, nil, `{"error":{"code":"TooManyRequests","message":"slow down"}}`))
	assert.Len(t, got, 1)
	assert.Contains(t, got[0].Message, "no Retry-After")
}

func TestThrottledCarriesRetryAfterHoldsForA429WithRetryAfterAndForOtherStatuses(t *testing.T) {
	assert.Empty(t, conformance.ThrottledCarriesRetryAfter(answer(http.MethodGet, listPath, http.StatusTooManyRequests, http.Header{"Retry-After": {"2.128"}}, "")))
	assert.Empty(t, conformance.ThrottledCarriesRetryAfter(answer(http.MethodGet, listPath, http.StatusTooManyRequests, http.Header{"Retry-After": {"soon"}}, "")),
		"what the header holds is retry-after-format's to judge")
	assert.Empty(t, conformance.ThrottledCarriesRetryAfter(answer(http.MethodGet, listPath, http.StatusServiceUnavailable, nil, "")), "a 503 only can carry one")
	assert.Empty(t, conformance.ThrottledCarriesRetryAfter(answer(http.MethodGet, listPath, http.StatusGatewayTimeout, nil, "")), "a 504 only can carry one")
}
