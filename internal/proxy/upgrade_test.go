package proxy_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/proxy"
)

func TestAnUpgradeTheUpstreamAcceptsBecomesATunnel(t *testing.T) {
	upgrading := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
		_, _ = io.WriteString(buf, "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
		_ = buf.Flush()
		line, _ := buf.ReadString('\n') // the upgraded protocol speaks once the client has the 101
		_, _ = io.WriteString(conn, "echo "+line)
	})
	f := front(t, upgrading)

	conn, err := net.Dial("tcp", strings.TrimPrefix(f.url, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(5*time.Second)))
	_, err = io.WriteString(conn, "GET /beta/teamwork/devices HTTP/1.1\r\nHost: proxy\r\nAuthorization: Bearer "+token+"\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
	require.NoError(t, err)
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	require.NoError(t, err, "the proxy passes the 101 on without waiting for the upgraded protocol's bytes")
	require.Equal(t, http.StatusSwitchingProtocols, resp.StatusCode)
	_, err = io.WriteString(conn, "hello\n")
	require.NoError(t, err)
	line, err := r.ReadString('\n')
	require.NoError(t, err)
	assert.Equal(t, "echo hello\n", line, "the bytes go both ways")
}

func TestAnH2CUpgradeRequestIsForwardedAsAPlainRequest(t *testing.T) {
	// curl --http2 asks a plain-HTTP server to upgrade to HTTP/2 this way.
	seen := make(chan http.Header, 1)
	up := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen <- r.Header
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"value":[]}`)
	}))
	up.EnableHTTP2 = true
	up.StartTLS()
	t.Cleanup(up.Close)
	u, err := url.Parse(up.URL)
	require.NoError(t, err)
	transport := proxy.NewTransport()
	transport.HTTPS.TLSClientConfig = up.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	p, err := proxy.New(proxy.Options{Upstream: u, Validator: loadValidator(t), Transport: transport})
	require.NoError(t, err)
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)

	req, err := http.NewRequest(http.MethodGet, srv.URL+"/beta/teamwork/devices", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Connection", "Upgrade, HTTP2-Settings")
	req.Header.Set("Upgrade", "h2c")
	req.Header.Set("HTTP2-Settings", "AAMAAABkAAQCAAAAAAIAAAAA")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, "the upstream's answer, not the proxy's: %s", body)
	assert.JSONEq(t, `{"value":[]}`, string(body))
	header := <-seen
	assert.Empty(t, header.Get("Upgrade"), "the proxy does not ask the upstream for an upgrade it would not pass on")
	assert.Empty(t, header.Get("HTTP2-Settings"))
}
