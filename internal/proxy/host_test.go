package proxy_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/proxy"
)

func TestALocationForAnHTTP10ClientWithoutHostPointsAtTheProxy(t *testing.T) {
	var upstream string
	f := front(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Location", upstream+"/beta/teamwork/devices/"+device+"/operations/op-1")
		w.WriteHeader(http.StatusAccepted)
	}), func(o *proxy.Options) { upstream = o.Upstream.String() })

	conn, err := net.Dial("tcp", strings.TrimPrefix(f.url, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(5*time.Second)))
	// HTTP/1.0 does not require a Host header.
	_, err = io.WriteString(conn, "POST "+updatePath+" HTTP/1.0\r\nAuthorization: Bearer "+token+"\r\nContent-Type: application/json\r\nContent-Length: "+
		strconv.Itoa(len(softwareBody))+"\r\n\r\n"+softwareBody)
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	_ = resp.Body.Close()
	require.Equal(t, http.StatusAccepted, resp.StatusCode)
	assert.Equal(t, f.url+"/beta/teamwork/devices/"+device+"/operations/op-1", resp.Header.Get("Location"),
		"the address the client reached the proxy at stands in for the Host it did not send")
}

func TestAConnectRequestIsRefusedWithAGraphError(t *testing.T) {
	// A client told to use the proxy as its HTTPS_PROXY asks it for a tunnel instead.
	reached := make(chan string, 1)
	f := front(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached <- r.Method + " " + r.RequestURI
		w.WriteHeader(http.StatusOK)
	}))

	conn, err := net.Dial("tcp", strings.TrimPrefix(f.url, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(5*time.Second)))
	_, err = io.WriteString(conn, "CONNECT graph.microsoft.com:443 HTTP/1.1\r\nHost: graph.microsoft.com:443\r\n\r\n")
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: http.MethodConnect})
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode, "%s", body)
	assert.Contains(t, string(body), `"code":"MethodNotAllowed"`)
	assert.Contains(t, string(body), "not a forward proxy")
	select {
	case got := <-reached:
		t.Errorf("the upstream was sent %s", got)
	default:
	}
}
