package upstream_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seenRequest is what a server got of a request.
type seenRequest struct {
	Method        string
	Path          string
	Query         string
	Host          string
	ContentLength int64
	Body          string
	Header        string
}

// TestRoundTripSendsTheRequestAndReturnsTheAnswer pins a plain-HTTP exchange on the transport's own
// path: the server gets the method, path, query, Host, headers, body and Content-Length that were
// sent, and the caller gets the server's status, headers and body.
func TestRoundTripSendsTheRequestAndReturnsTheAnswer(t *testing.T) {
	seen := make(chan seenRequest, 1)
	srv, _ := countingServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("read the request body: %v", err)
		}
		seen <- seenRequest{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Host, r.ContentLength, string(b), r.Header.Get("X-Test")}
		w.Header().Set("X-Answer", r.Method)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"method":"`+r.Method+`"}`)
	}))
	tr := newTransport(t)

	for _, tc := range []struct {
		method, body string
	}{
		{http.MethodGet, ""},
		{http.MethodPost, `{"a":1}`},
		{http.MethodPatch, `{"state":"on"}`},
		{http.MethodDelete, ""},
	} {
		t.Run(tc.method, func(t *testing.T) {
			var body io.Reader
			if tc.body != "" {
				body = strings.NewReader(tc.body)
			}
			req, err := http.NewRequestWithContext(testContext(t), tc.method, srv.URL+"/v1.0/devices/a%2Fb?$top=2&x=y", body)
			require.NoError(t, err)
			req.Header.Set("X-Test", "value "+tc.method)
			req.Host = "graph.example:8443"

			resp, err := tr.RoundTrip(req)
			require.NoError(t, err)
			got := readAll(t, resp)

			assert.Equal(t, http.StatusCreated, resp.StatusCode)
			assert.Equal(t, tc.method, resp.Header.Get("X-Answer"))
			assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
			assert.Equal(t, `{"method":"`+tc.method+`"}`, got)
			assert.Equal(t, int64(len(got)), resp.ContentLength)
			assert.Equal(t, 1, resp.ProtoMajor)
			assert.Equal(t, 1, resp.ProtoMinor)
			assert.Same(t, req, resp.Request)

			want := seenRequest{
				Method: tc.method, Path: "/v1.0/devices/a%2Fb", Query: "$top=2&x=y", Host: "graph.example:8443",
				ContentLength: int64(len(tc.body)), Body: tc.body, Header: "value " + tc.method,
			}
			select {
			case s := <-seen:
				if diff := cmp.Diff(want, s); diff != "" {
					t.Errorf("the request the server got (-want +got):\n%s", diff)
				}
			default:
				t.Fatal("the server got no request")
			}
		})
	}
}

// TestRoundTripSendsTheURLHostWhenTheRequestNamesNone pins the Host header of a request whose Host
// field is empty: the URL's host, port included.
func TestRoundTripSendsTheURLHostWhenTheRequestNamesNone(t *testing.T) {
	hosts := make(chan string, 1)
	srv, _ := countingServer(t, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { hosts <- r.Host }))
	req, err := http.NewRequestWithContext(testContext(t), http.MethodGet, srv.URL+"/", nil)
	require.NoError(t, err)
	req.Host = ""
	resp, err := newTransport(t).RoundTrip(req)
	require.NoError(t, err)
	readAll(t, resp)
	assert.Equal(t, strings.TrimPrefix(srv.URL, "http://"), <-hosts)
}
