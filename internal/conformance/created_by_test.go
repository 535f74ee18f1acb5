package conformance_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/conformance"
)

func operation(createdBy string) conformance.Operation {
	var obj map[string]any
	_ = json.Unmarshal([]byte(`{"id":"o","status":"queued","createdBy":`+createdBy+`}`), &obj)
	return conformance.Operation{Object: obj}
}

func TestCreatedByCallerFailsAnOperationNamingAnotherUser(t *testing.T) {
	got := conformance.CreatedByCaller(operation(`{"user":{"id":"u2","displayName":"someone else"}}`), conformance.Caller{UserID: "u1"})
	if assert.Len(t, got, 1) {
		assert.Equal(t, "/createdBy/user/id", got[0].JSONPointer)
	}
}

func TestCreatedByCallerFailsAnOperationNamingAnotherApplicationOrAUserForAnApplication(t *testing.T) {
	app := conformance.Caller{AppID: "a1"}
	assert.Len(t, conformance.CreatedByCaller(operation(`{"application":{"id":"a2"}}`), app), 1)
	assert.Len(t, conformance.CreatedByCaller(operation(`{"user":{"id":"u1"},"application":{"id":"a1"}}`), app), 1)
	assert.Len(t, conformance.CreatedByCaller(operation(`{"application":{"id":"a1"}}`), conformance.Caller{UserID: "u1"}), 1, "a delegated update names its user")
}

func TestCreatedByCallerHolds(t *testing.T) {
	assert.Empty(t, conformance.CreatedByCaller(operation(`{"user":{"id":"u1","displayName":"me"}}`), conformance.Caller{UserID: "u1"}))
	assert.Empty(t, conformance.CreatedByCaller(operation(`{"user":{"id":"u1"},"application":{"id":"a1"}}`), conformance.Caller{UserID: "u1", AppID: "a1"}))
	assert.Empty(t, conformance.CreatedByCaller(operation(`{"application":{"id":"a1"}}`), conformance.Caller{AppID: "a1"}))
	assert.Empty(t, conformance.CreatedByCaller(operation(`{"user":null,"application":{"id":"a1"}}`), conformance.Caller{AppID: "a1"}))
	assert.Empty(t, conformance.CreatedByCaller(operation(`null`), conformance.Caller{UserID: "u1"}), "createdBy is nullable")
}
