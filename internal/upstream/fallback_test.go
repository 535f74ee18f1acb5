package upstream_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/upstream"
)

// countingHTTPS is an http.Transport that counts the connections it dials, so that a test can tell
// which path a request took.
func countingHTTPS(dials *atomic.Int32) *http.Transport {
	var d net.Dialer
	return &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		dials.Add(1)
		return d.DialContext(ctx, network, addr)
	}}
}

// TestHTTPSRequestGoesThroughHTTPS pins that an https:// request is HTTPS's to send, with its TLS
// configuration, and that CloseIdleConnections closes HTTPS's idle connections too.
func TestHTTPSRequestGoesThroughHTTPS(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "secure "+r.URL.Path)
	}))
	counter := newConnCounter()
	srv.Config.ConnState = counter.connState
	srv.StartTLS()
	t.Cleanup(srv.Close)
	var dials atomic.Int32
	https := countingHTTPS(&dials)
	https.TLSClientConfig = srv.Client().Transport.(*http.Transport).TLSClientConfig
	tr := &upstream.Transport{HTTPS: https}

	resp, body := send(t, tr, http.MethodGet, srv.URL+"/x", "")
	assert.Equal(t, "secure /x", body)
	assert.NotNil(t, resp.TLS, "the response's TLS state")
	assert.Equal(t, int32(1), dials.Load(), "connections HTTPS dialed")

	tr.CloseIdleConnections()
	counter.waitClosed(t, 1)
}

// TestUpgradeRequestGoesThroughHTTPS pins that a request asking for an upgrade is HTTPS's to send,
// which gives back the upgraded connection as the body.
func TestUpgradeRequestGoesThroughHTTPS(t *testing.T) {
	srv, _ := countingServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "echo" {
			http.Error(w, "want Upgrade: echo", http.StatusBadRequest)
			return
		}
		c, rw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		defer func() { _ = c.Close() }()
		_, _ = rw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n")
		_ = rw.Flush()
		line, _ := rw.ReadString('\n')
		_, _ = rw.WriteString("echo " + line)
		_ = rw.Flush()
	}))
	var dials atomic.Int32
	tr := &upstream.Transport{HTTPS: countingHTTPS(&dials)}
	t.Cleanup(tr.CloseIdleConnections)
	req, err := http.NewRequestWithContext(testContext(t), http.MethodGet, srv.URL+"/", nil)
	require.NoError(t, err)
	req.Header.Set("Connection", "Upgrade")
	req.Header.Set("Upgrade", "echo")
	resp, err := tr.RoundTrip(req)
	require.NoError(t, err)
	defer func() { _ = resp.Body.Close() }()
	require.Equal(t, http.StatusSwitchingProtocols, resp.StatusCode)
	rw, ok := resp.Body.(io.ReadWriter)
	require.True(t, ok, "the body of a 101 is the connection")
	_, err = io.WriteString(rw, "hello\n")
	require.NoError(t, err)
	line, err := bufio.NewReader(rw).ReadString('\n')
	require.NoError(t, err)
	assert.Equal(t, "echo hello\n", line)
	assert.Equal(t, int32(1), dials.Load(), "connections HTTPS dialed")
}

// TestConnectRequestGoesThroughHTTPS pins that a CONNECT is HTTPS's to send.
func TestConnectRequestGoesThroughHTTPS(t *testing.T) {
	methods := make(chan string, 1)
	srv, _ := countingServer(t, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { methods <- r.Method }))
	var dials atomic.Int32
	tr := &upstream.Transport{HTTPS: countingHTTPS(&dials)}
	t.Cleanup(tr.CloseIdleConnections)
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	req, err := http.NewRequestWithContext(testContext(t), http.MethodConnect, srv.URL, nil)
	require.NoError(t, err)
	req.Host = u.Host
	resp, err := tr.RoundTrip(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	select {
	case method := <-methods:
		assert.Equal(t, http.MethodConnect, method)
	case <-time.After(waitLimit):
		t.Error("the server got no request")
	}
	assert.Equal(t, int32(1), dials.Load(), "connections HTTPS dialed")
}

// TestProxiedRequestGoesThroughHTTPS pins that a request HTTPS.Proxy sends through a proxy is
// HTTPS's: the proxy gets it with its absolute URI, and the origin gets nothing.
func TestProxiedRequestGoesThroughHTTPS(t *testing.T) {
	origin, originConns := countingServer(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "origin")
	}))
	uris := make(chan string, 1)
	proxy, _ := countingServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		uris <- r.RequestURI
		_, _ = io.WriteString(w, "proxy")
	}))
	proxyURL, err := url.Parse(proxy.URL)
	require.NoError(t, err)
	tr := &upstream.Transport{HTTPS: &http.Transport{Proxy: http.ProxyURL(proxyURL)}}
	t.Cleanup(tr.CloseIdleConnections)

	_, body := send(t, tr, http.MethodGet, origin.URL+"/v1.0/me?x=1", "")
	assert.Equal(t, "proxy", body)
	select {
	case uri := <-uris:
		assert.Equal(t, origin.URL+"/v1.0/me?x=1", uri, "the request URI the proxy got")
	default:
		t.Error("the proxy got no request")
	}
	opened, _ := originConns.counts()
	assert.Zero(t, opened, "connections to the origin")
}

// TestRequestWhoseProxyCannotBeToldFails pins a Proxy that fails: the request goes to HTTPS, which
// reports the error, and not straight to the upstream.
func TestRequestWhoseProxyCannotBeToldFails(t *testing.T) {
	origin, originConns := countingServer(t, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	errProxy := errors.New("no proxy configuration")
	tr := &upstream.Transport{HTTPS: &http.Transport{Proxy: func(*http.Request) (*url.URL, error) { return nil, errProxy }}}
	t.Cleanup(tr.CloseIdleConnections)
	_, err := sendErr(t, tr, http.MethodGet, origin.URL+"/", "")
	require.ErrorIs(t, err, errProxy)
	opened, _ := originConns.counts()
	assert.Zero(t, opened, "connections to the origin")
}

// TestProxyThatSaysDirectKeepsTheOwnPath pins a Proxy that returns no proxy: the request is sent on
// the transport's own connections, not HTTPS's.
func TestProxyThatSaysDirectKeepsTheOwnPath(t *testing.T) {
	srv, _ := countingServer(t, bodyHandler)
	var dials atomic.Int32
	https := countingHTTPS(&dials)
	https.Proxy = func(*http.Request) (*url.URL, error) { return nil, nil }
	tr := &upstream.Transport{HTTPS: https}
	t.Cleanup(tr.CloseIdleConnections)
	send(t, tr, http.MethodGet, srv.URL+"/", "")
	assert.Zero(t, dials.Load(), "connections HTTPS dialed")
}

// TestZeroTransportSendsPlainHTTP pins the zero Transport: usable, with HTTPS a clone of
// http.DefaultTransport (whose environment proxy leaves loopback alone).
func TestZeroTransportSendsPlainHTTP(t *testing.T) {
	srv, counter := countingServer(t, bodyHandler)
	var tr upstream.Transport
	t.Cleanup(tr.CloseIdleConnections)
	send(t, &tr, http.MethodGet, srv.URL+"/", "")
	send(t, &tr, http.MethodGet, srv.URL+"/", "")
	require.NotNil(t, tr.HTTPS)
	assert.NotSame(t, http.DefaultTransport, tr.HTTPS)
	opened, _ := counter.counts()
	assert.Equal(t, 1, opened, "connections opened")
}
