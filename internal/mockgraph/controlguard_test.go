package mockgraph_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

func TestControlEndpointsRefuseWhatAWebPageCouldSend(t *testing.T) {
	tests := []struct {
		name        string
		method      string
		path        string
		host        string
		header      map[string]string
		body        string
		wantStatus  int
		wantCode    string
		wantInMsg   string
		configToken bool
	}{
		{name: "a script on this machine", method: http.MethodPost, path: "/_graphconform/reset", host: "127.0.0.1:8080", wantStatus: 204},
		{name: "localhost by name", method: http.MethodGet, path: "/_graphconform/state", host: "localhost:8080", wantStatus: 200},
		{name: "a name below .localhost", method: http.MethodGet, path: "/_graphconform/state", host: "mock.localhost", wantStatus: 200},
		{name: "IPv6 loopback", method: http.MethodGet, path: "/_graphconform/state", host: "[::1]:8080", wantStatus: 200},
		{name: "a name allowed by ControlHosts", method: http.MethodGet, path: "/_graphconform/state", host: "ci-runner:8080", wantStatus: 200},
		{name: "a rebound name (DNS rebinding)", method: http.MethodPost, path: "/_graphconform/reset", host: "attacker.example:8080", wantStatus: 403, wantCode: mockgraph.CodeForbidden, wantInMsg: "attacker.example"},
		{name: "a cross-origin text/plain POST", method: http.MethodPost, path: "/_graphconform/faults", host: "127.0.0.1:8080",
			header: map[string]string{"Origin": "https://attacker.example", "Content-Type": "text/plain"}, body: `{"operation":"*","status":503}`,
			wantStatus: 403, wantCode: mockgraph.CodeForbidden, wantInMsg: "another origin"},
		{name: "a null origin", method: http.MethodPost, path: "/_graphconform/reset", host: "127.0.0.1:8080",
			header: map[string]string{"Origin": "null"}, wantStatus: 403, wantCode: mockgraph.CodeForbidden},
		{name: "the same origin", method: http.MethodPost, path: "/_graphconform/reset", host: "127.0.0.1:8080",
			header: map[string]string{"Origin": "http://127.0.0.1:8080"}, wantStatus: 204},
		{name: "a cross-site fetch without Origin", method: http.MethodGet, path: "/_graphconform/violations", host: "127.0.0.1:8080",
			header: map[string]string{"Sec-Fetch-Site": "cross-site"}, wantStatus: 403, wantCode: mockgraph.CodeForbidden},
		{name: "a text/plain write", method: http.MethodPost, path: "/_graphconform/faults", host: "127.0.0.1:8080",
			header: map[string]string{"Content-Type": "text/plain"}, body: `{"operation":"*","status":503}`,
			wantStatus: 415, wantCode: mockgraph.CodeUnsupportedMediaType},
		{name: "a form write", method: http.MethodPost, path: "/_graphconform/reset", host: "127.0.0.1:8080",
			header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, body: "a=b",
			wantStatus: 415, wantCode: mockgraph.CodeUnsupportedMediaType},
		{name: "a write with a body and no content type", method: http.MethodPost, path: "/_graphconform/clock/advance", host: "127.0.0.1:8080",
			header: map[string]string{"Content-Type": ""}, body: `{"seconds":1}`, wantStatus: 415, wantCode: mockgraph.CodeUnsupportedMediaType},
		{name: "without the control token", method: http.MethodGet, path: "/_graphconform/state", host: "127.0.0.1:8080", configToken: true,
			wantStatus: 401, wantCode: mockgraph.CodeInvalidAuthenticationToken, wantInMsg: mockgraph.HeaderControlToken},
		{name: "with a wrong control token", method: http.MethodGet, path: "/_graphconform/state", host: "127.0.0.1:8080", configToken: true,
			header: map[string]string{mockgraph.HeaderControlToken: "guess"}, wantStatus: 401, wantCode: mockgraph.CodeInvalidAuthenticationToken},
		{name: "with the control token", method: http.MethodGet, path: "/_graphconform/state", host: "127.0.0.1:8080", configToken: true,
			header: map[string]string{mockgraph.HeaderControlToken: "s3cret"}, wantStatus: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixtureWith(t, func(o *mockgraph.Options) {
				o.ControlHosts = []string{"ci-runner"}
				if tt.configToken {
					o.ControlToken = "s3cret"
				}
			})
			r := httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.body))
			r.Host = tt.host
			if tt.body != "" {
				r.Header.Set("Content-Type", "application/json")
			}
			for name, value := range tt.header {
				if value == "" {
					r.Header.Del(name)
					continue
				}
				r.Header.Set(name, value)
			}
			rec := httptest.NewRecorder()
			f.mock.ServeHTTP(rec, r)
			if tt.wantCode == "" {
				assert.Equal(t, tt.wantStatus, rec.Code, rec.Body.String())
				return
			}
			body := decodeError(t, rec, tt.wantStatus, tt.wantCode)
			assert.Contains(t, body.Error.Message, tt.wantInMsg)
		})
	}
}

func TestOversizedHeadersAreAGraphError(t *testing.T) {
	f := newFixtureWith(t, func(o *mockgraph.Options) { o.MaxHeaderBytes = 4096 })
	rec := f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState), header: map[string]string{"X-Big": strings.Repeat("a", 5000)}})
	decodeError(t, rec, http.StatusRequestHeaderFieldsTooLarge, mockgraph.CodeRequestHeaderFieldsTooLarge)
	rec = f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState), header: map[string]string{"X-Small": strings.Repeat("a", 3000)}})
	assert.Equal(t, http.StatusOK, rec.Code)
}
