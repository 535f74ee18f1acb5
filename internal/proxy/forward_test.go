package proxy_test

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/proxy"
)

// wireWriter counts the writes a request takes to reach the wire. It is only an io.Writer, as a
// connection is to a bufio.Writer in front of it.
type wireWriter struct {
	writes int
	buf    bytes.Buffer
}

func (w *wireWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.buf.Write(p)
}

// wireRecorder is an upstream transport that writes each request as the HTTP/1.1 transport would
// (through a bufio.Writer, flushed once) and answers 202 with a Location.
type wireRecorder struct {
	wire wireWriter
}

func (rt *wireRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	bw := bufio.NewWriter(&rt.wire)
	if err := r.Write(bw); err != nil {
		return nil, err
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	header := http.Header{}
	header.Set("Location", "/teamwork/devices/"+device+"/operations/0f8c2d4e-9a1b-4c3d-8e5f-6a7b8c9d0e1f")
	header.Set("request-id", "0f8c2d4e-9a1b-4c3d-8e5f-6a7b8c9d0e10")
	header.Set("client-request-id", "0f8c2d4e-9a1b-4c3d-8e5f-6a7b8c9d0e10")
	return &http.Response{StatusCode: http.StatusAccepted, Header: header, Body: http.NoBody, Request: r, ProtoMajor: 1, ProtoMinor: 1}, nil
}

func TestAForwardedRequestWithABodyReachesTheUpstreamInOneWrite(t *testing.T) {
	upstream, err := url.Parse("http://upstream.invalid")
	require.NoError(t, err)
	recorder := &wireRecorder{}
	p, err := proxy.New(proxy.Options{Upstream: upstream, Validator: loadValidator(t), Transport: recorder})
	require.NoError(t, err)
	req := httptest.NewRequest(http.MethodPost, updatePath, strings.NewReader(softwareBody))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	p.ServeHTTP(rec, req)
	require.Equal(t, http.StatusAccepted, rec.Code, rec.Body.String())

	assert.Equal(t, 1, recorder.wire.writes, "head and body in one write, not two packets:\n%s", recorder.wire.buf.String())
	sent, err := http.ReadRequest(bufio.NewReader(&recorder.wire.buf))
	require.NoError(t, err)
	body, err := io.ReadAll(sent.Body)
	require.NoError(t, err)
	assert.Equal(t, softwareBody, string(body), "the body forwarded is the one sent")
}

// rewindRecorder is an upstream transport that reads each request's body, then reads it again from
// GetBody, as a transport does to send a request again on a new connection.
type rewindRecorder struct {
	first, again string
	rewindable   bool
}

func (rt *rewindRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	first, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	rt.first = string(first)
	if rt.rewindable = r.GetBody != nil; rt.rewindable {
		body, err := r.GetBody()
		if err != nil {
			return nil, err
		}
		again, err := io.ReadAll(body)
		if err != nil {
			return nil, err
		}
		rt.again = string(again)
	}
	return &http.Response{StatusCode: http.StatusBadGateway, Header: http.Header{}, Body: http.NoBody, Request: r, ProtoMajor: 1, ProtoMinor: 1}, nil
}

func TestAForwardedRequestWithABodyCanBeSentAgain(t *testing.T) {
	upstream, err := url.Parse("http://upstream.invalid")
	require.NoError(t, err)
	recorder := &rewindRecorder{}
	p, err := proxy.New(proxy.Options{Upstream: upstream, Validator: loadValidator(t), Transport: recorder})
	require.NoError(t, err)
	req := httptest.NewRequest(http.MethodPost, updatePath, strings.NewReader(softwareBody))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	p.ServeHTTP(httptest.NewRecorder(), req)

	require.True(t, recorder.rewindable, "the forwarded request has GetBody, so a transport may send it again on a new connection")
	assert.Equal(t, softwareBody, recorder.first)
	assert.Equal(t, softwareBody, recorder.again, "GetBody gives the body from its start")
}

func TestAQueryWithASemicolonOrABarePercentIsForwardedAsSent(t *testing.T) {
	// OData separates nested query options with ';', and a $filter may hold a bare '%'.
	queries := []string{
		"$expand=members($select=id;$top=5)&$top=3",
		"$filter=startswith(displayName,'50%')",
	}
	got := make(chan string, 1)
	f := front(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.URL.RawQuery
		w.WriteHeader(http.StatusNoContent)
	}))
	for _, query := range queries {
		resp, _ := send(t, http.MethodGet, f.url+"/beta/teamwork/devices?"+query, "")
		require.Equal(t, http.StatusNoContent, resp.StatusCode)
		assert.Equal(t, query, <-got, "the upstream gets the query byte for byte")
	}
}
