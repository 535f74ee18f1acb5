package contract_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/graphconform/graphconform/internal/client"
)

// BenchmarkCheckResponse measures validating one PATCH echo: route, request input, status, headers and
// body schema. Every exchange of every run pays this once.
func BenchmarkCheckResponse(b *testing.B) {
	v := newValidator(b)
	ex := &client.Exchange{
		Request: client.RecordedRequest{Method: "PATCH", Path: statePath, Header: http.Header{"Content-Type": {"application/json"}},
			Body: []byte(`{"status":"pendingReboot","lastScanDateTime":"2026-11-22T08:15:00.5+01:00"}`)},
		Response: client.RecordedResponse{Status: 200, Header: http.Header{"Content-Type": {graphJSON}},
			Body: []byte(`{"@odata.context":"x","@odata.type":"#microsoft.graph.windowsUpdateState","id":"s1","deviceId":"d","userId":"u","deviceDisplayName":"n","userPrincipalName":"a@b","status":"pendingReboot","qualityUpdateVersion":"q","featureUpdateVersion":"f","lastScanDateTime":"2026-11-22T08:15:00.5+01:00","lastSyncDateTime":"2026-11-22T08:15:00Z"}`)},
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, findings := v.CheckResponse(ctx, ex); len(findings) != 0 {
			b.Fatalf("the exchange should conform: %v", findings)
		}
	}
}
