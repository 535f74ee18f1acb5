package mockgraph_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/graphconform/graphconform/internal/httpserver"
	"github.com/graphconform/graphconform/internal/mockgraph"
)

// BenchmarkAccessLog is what the access log costs a request: a handler that answers at once, bare and
// wrapped by LogRequests writing to a buffered LogFile (discarded), as serve runs it. The difference
// of the two is the cost of one line.
func BenchmarkAccessLog(b *testing.B) {
	answer := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set(mockgraph.HeaderRequestID, "5a1d2c3b-0000-4000-8000-000000000001")
		w.Header().Set(mockgraph.HeaderClientRequestID, "5a1d2c3b-0000-4000-8000-000000000001")
		w.WriteHeader(http.StatusOK)
	})
	log, err := httpserver.OpenLog("off", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = log.Close() })
	for _, tt := range []struct {
		name    string
		handler http.Handler
	}{
		{"log=none", answer},
		{"log=text", mockgraph.LogRequests(answer, slog.New(slog.NewTextHandler(log, nil)))},
	} {
		b.Run(tt.name, func(b *testing.B) {
			r := httptest.NewRequest(http.MethodPatch, statePath(configA, docsState), nil)
			r.Header.Set("Authorization", "Bearer "+testToken)
			w := discardWriter{header: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				tt.handler.ServeHTTP(w, r)
			}
		})
	}
}

// discardWriter is a ResponseWriter that keeps nothing but its header.
type discardWriter struct{ header http.Header }

func (d discardWriter) Header() http.Header         { return d.header }
func (d discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d discardWriter) WriteHeader(int)             {}
