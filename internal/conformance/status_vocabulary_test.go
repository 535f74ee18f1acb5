package conformance_test

import (
	"testing"

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
