package mockgraph_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/mockgraph"
)

func TestOverTheWireEveryOperationConformsAndODataContextNamesTheServer(t *testing.T) {
	for _, tls := range []bool{false, true} {
		name := "http"
		if tls {
			name = "https"
		}
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, mockgraph.Timeline{})
			var srv *httptest.Server
			if tls {
				srv = httptest.NewTLSServer(f.mock)
			} else {
				srv = httptest.NewServer(f.mock)
			}
			defer srv.Close()
			c := &client.Client{BaseURL: srv.URL, Token: testToken, HTTP: srv.Client()}
			ctx := context.Background()

			do := func(req client.Request) *client.Exchange {
				t.Helper()
				ex, err := c.Do(ctx, req)
				require.NoError(t, err)
				_, findings := f.validator.CheckResponse(ctx, ex)
				assert.Empty(t, findings, "%s %s does not conform", req.Method, req.Path)
				assert.Regexp(t, uuidPattern, ex.Response.Header.Get("request-id"))
				assert.NotEmpty(t, ex.Response.Header.Get("client-request-id"))
				return ex
			}

			ex := do(client.Request{Method: http.MethodPost, Path: updateSoftwarePath(docsDevice), Body: []byte(softwareBody)})
			require.Equal(t, http.StatusAccepted, ex.Response.Status)
			assert.Equal(t, "text/plain", ex.Response.Header.Get("Content-Type"))
			assert.Empty(t, ex.Response.Body)
			location := ex.Response.Header.Get("Location")
			require.True(t, strings.HasPrefix(location, "/teamwork/devices/"+docsDevice+"/operations/"), location)

			ex = do(client.Request{Method: http.MethodGet, Path: "/beta" + location})
			require.Equal(t, http.StatusOK, ex.Response.Status)
			assert.Equal(t, mockgraph.ContentTypeJSON, ex.Response.Header.Get("Content-Type"))
			assert.Equal(t, "2", ex.Response.Header.Get("Retry-After"), "2s until the queued operation starts, rounded up")
			assert.Contains(t, string(ex.Response.Body), `"@odata.context":"`+srv.URL+`/beta/$metadata#teamwork/devices('`+docsDevice+`')/operations/$entity"`)

			ex = do(client.Request{Method: http.MethodPost, Path: updateSoftwarePath(docsDevice), Body: []byte(softwareBody)})
			assert.Equal(t, http.StatusConflict, ex.Response.Status)

			ex = do(client.Request{Method: http.MethodPost, Path: upgradePath("v1.0", adeleUPN, adeleApp)})
			assert.Equal(t, http.StatusNoContent, ex.Response.Status)
			assert.Empty(t, ex.Response.Header.Get("Content-Type"))
			assert.Empty(t, ex.Response.Body)

			ex = do(client.Request{Method: http.MethodPatch, Path: statePath(configB, stateOfB), Body: []byte(`{"status":"upToDate"}`)})
			require.Equal(t, http.StatusOK, ex.Response.Status)
			assert.Contains(t, string(ex.Response.Body), `"@odata.context":"`+srv.URL+`/beta/$metadata#deviceManagement/deviceConfigurations('`+configB+`')`)

			ex = do(client.Request{Method: http.MethodGet, Path: statePath(configB, stateOfB), NoAuth: true})
			assert.Equal(t, http.StatusUnauthorized, ex.Response.Status)
			assert.True(t, strings.HasPrefix(ex.Response.Header.Get("WWW-Authenticate"), "Bearer"))

			ex = do(client.Request{Method: http.MethodPost, Path: updateSoftwarePath(docsDevice), Body: []byte(`{"softwareType":"teamsClient","softwareVersion":"` + strings.Repeat("1", 2<<20) + `"}`)})
			assert.Equal(t, http.StatusRequestEntityTooLarge, ex.Response.Status)
		})
	}
}

func TestOverTheWireUnknownPathIsAGraphError(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	srv := httptest.NewServer(f.mock)
	defer srv.Close()
	c := &client.Client{BaseURL: srv.URL, Token: testToken}
	ex, err := c.Do(context.Background(), client.Request{Method: http.MethodGet, Path: "/beta/teamwork/devices/" + docsDevice + "/operationz"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusBadRequest, ex.Response.Status)
	assert.Contains(t, string(ex.Response.Body), "Resource not found for the segment 'operationz'.")
}
