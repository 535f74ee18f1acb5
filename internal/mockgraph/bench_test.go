package mockgraph_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

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

func BenchmarkServeGetWindowsUpdateState(b *testing.B) {
	benchmarkServe(b, http.MethodGet, statePath(configA, docsState), "", http.StatusOK)
}

func BenchmarkServeListOperations(b *testing.B) {
	benchmarkServe(b, http.MethodGet, listPath(docsDevice, "$top=5"), "", http.StatusOK)
}

// BenchmarkServeUpdateSoftware starts an operation on an idle device each time: the fake clock moves
// past the previous operation's end first. The bounded history keeps what it retains constant.
func BenchmarkServeUpdateSoftware(b *testing.B) {
	f := newFixture(b, quickTimeline)
	b.ReportAllocs()
	for b.Loop() {
		f.clock.Advance(2 * time.Second)
		r := httptest.NewRequest(http.MethodPost, updateSoftwarePath(docsDevice), strings.NewReader(softwareBody))
		r.Header.Set("Authorization", "Bearer "+testToken)
		r.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		f.mock.ServeHTTP(rec, r)
		if rec.Code != http.StatusAccepted {
			b.Fatalf("updateSoftware answered %d: %s", rec.Code, rec.Body)
		}
	}
}

// BenchmarkServeGetOperation polls one operation.
func BenchmarkServeGetOperation(b *testing.B) {
	f := newFixture(b, quickTimeline)
	op := f.startUpdate(b, docsDevice)
	benchmarkServeWith(b, f, http.MethodGet, operationPath(docsDevice, op), "", http.StatusOK)
}

// BenchmarkServeAtScale is the handler on a mock seeded with 1 k and with 1 M devices, side by side:
// a PATCH of a windowsUpdateState, and updateSoftware across the devices, each idle when its turn
// comes. Throughput at 1 M should be at least 0.8× that at 1 k.
func BenchmarkServeAtScale(b *testing.B) {
	for _, op := range []string{"PATCH windowsUpdateState", "POST updateSoftware"} {
		for _, devices := range []struct {
			name string
			n    int
		}{{"1k", 1_000}, {"1M", 1_000_000}} {
			b.Run(fmt.Sprintf("op=%s/devices=%s", strings.Fields(op)[0], devices.name), func(b *testing.B) {
				m, clock := mockWithDevices(b, devices.n)
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					var r *http.Request
					want := http.StatusOK
					if op == "PATCH windowsUpdateState" {
						r = httptest.NewRequest(http.MethodPatch, statePath(configA, docsState), strings.NewReader(`{"status":"pendingReboot"}`))
					} else {
						if i%devices.n == 0 {
							clock.Advance(2 * time.Second)
						}
						r = httptest.NewRequest(http.MethodPost, updateSoftwarePath(mockgraph.SyntheticDevice(1+i%devices.n)), strings.NewReader(softwareBody))
						want = http.StatusAccepted
					}
					r.Header.Set("Authorization", "Bearer "+testToken)
					r.Header.Set("Content-Type", "application/json")
					rec := httptest.NewRecorder()
					m.ServeHTTP(rec, r)
					if rec.Code != want {
						b.Fatalf("%s answered %d: %s", op, rec.Code, rec.Body)
					}
					i++
				}
			})
		}
	}
}

// mockWithDevices is a mock of the default seed and n synthetic devices, on a fake clock. The seed
// it was built from is garbage once it returns, as it is in serve.
func mockWithDevices(b *testing.B, n int) (*mockgraph.Mock, *mockgraph.FakeClock) {
	b.Helper()
	seed, err := mockgraph.DefaultSeed().WithSyntheticDevices(n)
	if err != nil {
		b.Fatal(err)
	}
	clock := mockgraph.NewFakeClock(start)
	m, err := mockgraph.New(mockgraph.Options{Seed: seed, Clock: clock, Validator: newValidator(b), Timeline: quickTimeline})
	if err != nil {
		b.Fatal(err)
	}
	return m, clock
}

// benchmarkServeWith is benchmarkServe on a fixture of the caller's.
func benchmarkServeWith(b *testing.B, f *fixture, method, path, body string, want int) {
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
