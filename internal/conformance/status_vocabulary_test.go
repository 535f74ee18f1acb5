package conformance_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/conformance"
)

func TestLookupOperationStatusSpeaksBothVocabularies(t *testing.T) {
	for status, want := range map[string]conformance.OperationStatus{
		"queued":     {Canonical: "queued"},
		"Scheduled":  {Canonical: "scheduled"},
		"InProgress": {Canonical: "inProgress"},
		"succeeded":  {Canonical: "succeeded", Terminal: true},
		"Successful": {Canonical: "succeeded", Terminal: true},
		"failed":     {Canonical: "failed", Terminal: true},
		"Cancelled":  {Canonical: "cancelled", Terminal: true},
	} {
		got, ok := conformance.LookupOperationStatus(status)
		if !ok || got != want {
			t.Errorf("LookupOperationStatus(%q) = %+v, %t; want %+v, true", status, got, ok, want)
		}
	}
	if _, ok := conformance.LookupOperationStatus("done"); ok {
		t.Error(`"done" is not a status the docs name`)
	}
}

func TestOperationStatusVocabularyJudgesTheStatusTheBodyHoldsWhenAsked(t *testing.T) {
	ex := answer(http.MethodGet, operationPath, http.StatusOK, nil, `{"id":"o","status":"queued"}`)
	assert.Empty(t, conformance.OperationStatusVocabulary(ex))
	ex.Response.Body = []byte(`{"id":"o","status":"done"}`)
	got := conformance.OperationStatusVocabulary(ex)
	if assert.Len(t, got, 1, "the replaced body's status is not the docs'") {
		assert.Equal(t, "/status", got[0].JSONPointer)
	}
	for _, body := range []string{`{"id":"o"}`, `{"id":"o","status":null}`, `{"id":"o","status":7}`, `{"id":"o","status":"done"} x`, `null`, `[]`} {
		assert.Empty(t, conformance.OperationStatusVocabulary(answer(http.MethodGet, operationPath, http.StatusOK, nil, body)),
			"%s: the schema checks report a missing, mistyped or undecodable status", body)
	}
}
