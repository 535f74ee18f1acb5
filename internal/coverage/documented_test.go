package coverage_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/coverage"
	"github.com/graphconform/graphconform/spec"
)

// TestComputeCountsOnlyExplicitStatuses pins which response keys are documented statuses: three digits
// only, never a range nor default; an operation without operationId is named by method and path.
func TestComputeCountsOnlyExplicitStatuses(t *testing.T) {
	doc, err := spec.Parse(context.Background(), []byte(`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things:
    get:
      responses:
        "200": {description: ok, headers: {ETag: {schema: {type: string}}, Link: {required: true, schema: {type: string}}}}
        "2XX": {description: some success}
        "404": {description: missing}
        "4XX": {description: an error}
        default: {description: anything}
`))
	require.NoError(t, err)
	got := coverage.Compute(doc, runOf(exchange("GET /things", 200, "ETag"), exchange("GET /things", 201), exchange("GET /things", 500)))
	want := coverage.Coverage{Operations: []coverage.Operation{{
		ID: "GET /things", Method: "GET", Path: "/things", Exchanges: 3,
		Statuses: []coverage.Status{
			{Code: 200, Seen: 1, Headers: []coverage.Header{{Name: "ETag", Seen: 1}, {Name: "Link", Required: true}}},
			{Code: 404},
		},
		OtherStatuses: []coverage.Status{{Code: 201, Seen: 1}, {Code: 500, Seen: 1}},
	}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Compute mismatch (-want +got):\n%s", diff)
	}
	wantMissing := []coverage.Gap{{Operation: "GET /things", Status: 200, Header: "Link"}, {Operation: "GET /things", Status: 404}}
	if diff := cmp.Diff(wantMissing, got.Missing()); diff != "" {
		t.Errorf("Missing() mismatch (-want +got):\n%s", diff)
	}
}

func TestComputeWithoutADescriptionListsEveryOperationAsUnknown(t *testing.T) {
	got := coverage.Compute(nil, runOf(exchange("op", 200)))
	want := coverage.Coverage{Unknown: []coverage.Operation{{ID: "op", Exchanges: 1, Statuses: []coverage.Status{}, OtherStatuses: []coverage.Status{{Code: 200, Seen: 1}}}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Compute mismatch (-want +got):\n%s", diff)
	}
}
