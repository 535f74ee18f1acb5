package conformance_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/conformance"
)

const anError = `{"code":"SoftwareUpdateFailed","message":"m"}`

func TestOperationErrorOnlyWhenFailedFailsASucceededOperationWithAnError(t *testing.T) {
	for _, status := range []string{"succeeded", "Successful", "queued", "InProgress", "cancelled"} {
		got := conformance.OperationErrorOnlyWhenFailed(answer(http.MethodGet, operationPath, http.StatusOK, nil, `{"id":"o","status":"`+status+`","error":`+anError+`}`))
		if assert.Len(t, got, 1, status) {
			assert.Equal(t, "/error", got[0].JSONPointer)
		}
	}
}

func TestOperationErrorOnlyWhenFailedFailsAListedOperationWithAnError(t *testing.T) {
	got := conformance.OperationErrorOnlyWhenFailed(answer(http.MethodGet, listPath+"?$top=5", http.StatusOK, nil,
		`{"value":[{"id":"a","status":"failed","error":`+anError+`},{"id":"b","status":"succeeded","error":`+anError+`}]}`))
	if assert.Len(t, got, 1) {
		assert.Equal(t, "/value/1/error", got[0].JSONPointer)
	}
}

func TestOperationErrorOnlyWhenFailedHolds(t *testing.T) {
	for _, body := range []string{
		`{"id":"o","status":"failed","error":` + anError + `}`,
		`{"id":"o","status":"Failed","error":` + anError + `}`,
		`{"id":"o","status":"succeeded","error":null}`,
		`{"id":"o","status":"queued"}`,
		`{"id":"o","status":"done","error":` + anError + `}`, // operation-status-vocabulary's to report
	} {
		assert.Empty(t, conformance.OperationErrorOnlyWhenFailed(answer(http.MethodGet, operationPath, http.StatusOK, nil, body)), body)
	}
	assert.Empty(t, conformance.OperationErrorOnlyWhenFailed(answer(http.MethodGet, operationPath, http.StatusNotFound, nil, `{"error":{"code":"NotFound","message":"m"}}`)),
		"a Graph error is no operation")
}

func TestOperationErrorOnlyWhenFailedFailsAnErrorWhoseNameIsEscaped(t *testing.T) {
	got := conformance.OperationErrorOnlyWhenFailed(answer(http.MethodGet, operationPath, http.StatusOK, nil, `{"id":"o","status":"succeeded","\u0065rror":`+anError+`}`))
	assert.Len(t, got, 1, "a member name written with an escape is still the member")
}
