package loadbench

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkRequest is one PATCH windowsUpdateState exchange on a kept-alive connection, the
// generator's own cost beside a server that answers at once (the server's allocations count too).
func BenchmarkRequest(b *testing.B) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"status":"pendingReboot"}`))
	}))
	defer server.Close()
	b.Run("lean", func(b *testing.B) {
		t, err := newTarget(server.URL+VersionRoot, "t0k", DefaultRequestTimeout)
		if err != nil {
			b.Fatal(err)
		}
		c := newConn(context.Background(), t)
		defer c.Close()
		op := PatchWindowsUpdateState
		req := t.request(op.Method, t.root.EscapedPath()+op.Path, op.Body)
		b.ReportAllocs()
		for b.Loop() {
			if status, err := c.send(req); err != nil || status != http.StatusOK {
				b.Fatalf("status %d, error %v", status, err)
			}
		}
	})
}
