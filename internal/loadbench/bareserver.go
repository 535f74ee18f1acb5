package loadbench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"time"

	"github.com/graphconform/graphconform/internal/upstream"
)

// BareServer is BareHandler, or a plain forwarder to it, served on a loopback port.
type BareServer struct {
	// URL is the server's base URL, http://127.0.0.1:PORT.
	URL    string
	server *http.Server
	served chan error
}

// StartBare serves BareHandler on addr (host:port; port 0 for a free one).
func StartBare(addr string) (*BareServer, error) { return serveBare(addr, BareHandler()) }

// StartForwarder serves on addr (host:port; port 0 for a free one) a plain httputil.ReverseProxy to
// upstream over transport, copying bodies with buffers from pool: what forwarding alone costs,
// without checks, records or logs. As proxy does, it reads a request body of known length up to
// upstream.MaxOwnBody before forwarding it from memory, so that net/http writes the request's head
// and body to the upstream at once.
func StartForwarder(addr string, upstream *url.URL, transport http.RoundTripper, pool httputil.BufferPool) (*BareServer, error) {
	forward := &httputil.ReverseProxy{
		Rewrite:    func(pr *httputil.ProxyRequest) { pr.SetURL(upstream) },
		Transport:  transport,
		BufferPool: pool,
	}
	return serveBare(addr, forwardFromMemory(forward))
}

// forwardFromMemory reads the body of a request of known length, up to upstream.MaxOwnBody, before
// next forwards it; a body that ends short is a 400.
func forwardFromMemory(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > 0 && r.ContentLength <= upstream.MaxOwnBody {
			body := make([]byte, r.ContentLength)
			if _, err := io.ReadFull(r.Body, body); err != nil {
				http.Error(w, `{"error":{"code":"BadRequest","message":"the request body ended before its Content-Length"}}`, http.StatusBadRequest)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		}
		next.ServeHTTP(w, r)
	})
}

// serveBare serves h on addr.
func serveBare(addr string, h http.Handler) (*BareServer, error) {
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s for the bare server: %w (choose another address, or port 0 for a free one)", addr, err)
	}
	s := &BareServer{
		URL:    "http://" + listener.Addr().String(),
		server: &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute},
		served: make(chan error, 1),
	}
	go func() { s.served <- s.server.Serve(listener) }()
	return s, nil
}

// Stop shuts the server down, waiting at most grace for requests in flight.
func (s *BareServer) Stop(grace time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	shutdownErr := s.server.Shutdown(ctx)
	if shutdownErr != nil {
		_ = s.server.Close()
	}
	if err := <-s.served; !errors.Is(err, http.ErrServerClosed) {
		return errors.Join(shutdownErr, err)
	}
	return shutdownErr
}
