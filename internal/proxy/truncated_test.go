package proxy_test

import (
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAnUpstreamAnswerCutShortOfItsContentLengthIsABadGateway(t *testing.T) {
	cutShort := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		defer conn.Close()
		_, _ = io.WriteString(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"status\"")
		_ = buf.Flush()
	})
	f := front(t, cutShort)
	resp, body := send(t, http.MethodGet, f.url+"/beta/deviceManagement/deviceConfigurations/6b1c8d2e-4f3a-4b5c-9d6e-7f8a9b0c1d2e", "")
	require.Equal(t, http.StatusBadGateway, resp.StatusCode, "not a 200 whose body ends short: %s", body)
	assert.Contains(t, body, `"code":"BadGateway"`)
	assert.Contains(t, f.logs.String(), "ended after 9 of the 1000 bytes")
}
