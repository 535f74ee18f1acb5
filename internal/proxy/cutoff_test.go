package proxy_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/har"
	"github.com/graphconform/graphconform/internal/proxy"
	"github.com/graphconform/graphconform/internal/rules"
)

// undocumentedPath is a path the description lacks: every exchange on it breaks operation-documented.
const undocumentedPath = "/beta/teamwork/devices/" + device + "/bananas"

// getCutOff sends a GET whose answer the proxy cuts off, and returns the part of the body that came.
func getCutOff(t *testing.T, url string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	body, err := io.ReadAll(resp.Body)
	require.Error(t, err, "the proxy aborts the connection of an answer it cannot finish")
	require.NoError(t, ctx.Err(), "the proxy ended the exchange, not the client's own deadline")
	return body
}

func TestAStreamedExchangeCutOffAtTheExchangeTimeoutKeepsItsViolationAndHAREntry(t *testing.T) {
	const sent = 4 << 10
	stalling := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, `{"value":"`+strings.Repeat("a", sent-len(`{"value":"`)))
		w.(http.Flusher).Flush()
		<-r.Context().Done() // the proxy closes its connection at the exchange timeout
	})
	var harLog bytes.Buffer
	rec, err := har.NewStream(&harLog, har.Creator{Name: "graphconform", Version: "test"})
	require.NoError(t, err)
	f := front(t, stalling, func(o *proxy.Options) {
		o.BodyLimit = 1024
		o.ExchangeTimeout = 200 * time.Millisecond
		o.HAR = rec
	})

	body := getCutOff(t, f.url+undocumentedPath)
	assert.Len(t, body, sent, "the client gets what the upstream sent before it stalled")

	report := f.proxy.Violations()
	require.Equal(t, 1, report.Count, "%+v", report.Violations)
	assert.Equal(t, rules.Client, report.Violations[0].Side)
	assert.Equal(t, []string{rules.OperationDocumented.String()}, report.Violations[0].RuleIDs())
	assert.Equal(t, http.StatusOK, report.Violations[0].Status)
	assert.Contains(t, f.logs.String(), "the exchange was cut off before its end")

	require.NoError(t, rec.Close())
	var log struct {
		Log struct {
			Entries []struct {
				Response struct {
					Status int `json:"status"`
				} `json:"response"`
				Comment string `json:"comment"`
			} `json:"entries"`
		} `json:"log"`
	}
	require.NoError(t, json.Unmarshal(harLog.Bytes(), &log), harLog.String())
	require.Len(t, log.Log.Entries, 1)
	assert.Equal(t, http.StatusOK, log.Log.Entries[0].Response.Status)
	assert.Contains(t, log.Log.Entries[0].Comment, rules.OperationDocumented.String())
}

// Not parallel: it replaces the standard logger's output.
func TestTheReverseProxysOwnLinesGoToTheProxysLogger(t *testing.T) {
	var standard syncBuffer
	previous, flags := log.Writer(), log.Flags()
	log.SetOutput(&standard)
	t.Cleanup(func() { log.SetOutput(previous); log.SetFlags(flags) })

	// An upstream that announces more body than it sends, then closes the connection.
	short := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		_, _ = io.WriteString(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 8192\r\n\r\n"+`{"value":"`+strings.Repeat("a", 3000))
		_ = buf.Flush()
		// The rest a moment later, so that the proxy most likely reads the body in two parts: then the
		// second fills the connection's 4 KiB write buffer, and what is left over is still buffered at
		// the cut (this test lost those 10 bytes now and then before the proxy flushed at a cut).
		time.Sleep(20 * time.Millisecond)
		_, _ = io.WriteString(buf, strings.Repeat("a", 4<<10-3000))
		_ = buf.Flush()
	})
	f := front(t, short, func(o *proxy.Options) { o.BodyLimit = 1024 })

	body := getCutOff(t, f.url+undocumentedPath)
	assert.Len(t, body, len(`{"value":"`)+4<<10, "every byte the upstream sent before the cut reaches the client")

	assert.Contains(t, f.logs.String(), "httputil: ReverseProxy read error during body copy")
	assert.Contains(t, f.logs.String(), "level=WARN")
	assert.NotContains(t, standard.String(), "ReverseProxy", "the standard logger, on stderr, got the reverse proxy's line")
	assert.Equal(t, 1, f.proxy.Violations().Count, "%+v", f.proxy.Violations().Violations)
}
