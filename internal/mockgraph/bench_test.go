package mockgraph_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

// benchmarkServe measures the mock's handler, spec validation included, on one request, without the
// network: what a client's test suite pays per request beyond the HTTP round trip.
func benchmarkServe(b *testing.B, method, path, body string, want int) {
	f := newFixture(b, mockgraph.DefaultTimeline())
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest(method, path, strings.NewReader(body))
		r.Header.Set("Authorization", "Bearer "+testToken)
		if body != "" {
			r.Header.Set("Content-Type", "application/json")
		}
		rec := httptest.NewRecorder()
		f.mock.ServeHTTP(rec, r)
		if rec.Code != want {
			b.Fatalf("%s %s answered %d, want %d: %s", method, path, rec.Code, want, rec.Body)
		}
	}
}

func BenchmarkServeUpgrade(b *testing.B) {
	benchmarkServe(b, http.MethodPost, upgradePath("v1.0", adeleUPN, adeleApp), "", http.StatusNoContent)
}

func BenchmarkServePatchWindowsUpdateState(b *testing.B) {
	benchmarkServe(b, http.MethodPatch, statePath(configA, docsState), `{"status":"pendingReboot","lastScanDateTime":"2026-11-22T08:15:00.5+01:00"}`, http.StatusOK)
}

func BenchmarkServeInvalidBody(b *testing.B) {
	benchmarkServe(b, http.MethodPost, updateSoftwarePath(docsDevice), `{"softwareType":"bios"}`, http.StatusBadRequest)
}
