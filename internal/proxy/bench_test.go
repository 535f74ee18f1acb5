package proxy_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/loadbench"
	"github.com/graphconform/graphconform/internal/proxy"
)

// BenchmarkProxyExchange is the proxy's cost per exchange of each operation the load command sends,
// in front of the load command's bare server: the request goes through ServeHTTP in process, the
// upstream is a real server on loopback. An updateSoftware exchange is the POST and the GET of its
// Location, as a conforming client sends them.
func BenchmarkProxyExchange(b *testing.B) {
	v, err := contract.Load(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	up := httptest.NewServer(loadbench.BareHandler())
	defer up.Close()
	u, err := url.Parse(up.URL)
	if err != nil {
		b.Fatal(err)
	}
	p, err := proxy.New(proxy.Options{Upstream: u, Validator: v})
	if err != nil {
		b.Fatal(err)
	}
	for _, op := range loadbench.Operations {
		b.Run(op.Name, func(b *testing.B) {
			b.ReportAllocs()
			path := loadbench.VersionRoot + op.PathFor(0)
			for b.Loop() {
				resp := exchange(b, p, op.Method, path, op.Body)
				if location := resp.Header().Get("Location"); resp.Code == http.StatusAccepted && location != "" {
					resp = exchange(b, p, http.MethodGet, loadbench.VersionRoot+location, nil)
				}
				if resp.Code >= 300 {
					b.Fatalf("%s %s: %d %s", op.Method, path, resp.Code, resp.Body)
				}
			}
			if n := p.Violations().Count; n != 0 {
				b.Fatalf("the bare server broke the contract %d time(s): %+v", n, p.Violations())
			}
		})
	}
}

func exchange(b *testing.B, h http.Handler, method, path string, body []byte) *httptest.ResponseRecorder {
	b.Helper()
	var r io.Reader = http.NoBody
	if body != nil {
		r = bytes.NewReader(body)
	}
	req := httptest.NewRequest(method, "http://proxy.test"+path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}
