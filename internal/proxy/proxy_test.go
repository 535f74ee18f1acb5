package proxy_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/har"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/proxy"
	"github.com/graphconform/graphconform/internal/rules"
)

const (
	device       = "0f3ce432-e432-0f3c-32e4-3c0f32e43c0f"
	otherDevice  = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
	token        = "proxy-test-token-0123456789"
	softwareBody = `{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}`
	updatePath   = "/beta/teamwork/devices/" + device + "/updateSoftware"
)

var (
	validatorOnce sync.Once
	validator     *contract.Validator
	validatorErr  error
)

func loadValidator(t *testing.T) *contract.Validator {
	t.Helper()
	validatorOnce.Do(func() { validator, validatorErr = contract.Load(context.Background()) })
	require.NoError(t, validatorErr)
	return validator
}

// syncBuffer is a log sink safe for the proxy's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// fronted is a proxy in front of an upstream, both real HTTP servers on loopback.
type fronted struct {
	url   string
	proxy *proxy.Proxy
	logs  *syncBuffer
}

func front(t *testing.T, upstream http.Handler, options ...func(*proxy.Options)) *fronted {
	t.Helper()
	up := httptest.NewServer(upstream)
	t.Cleanup(up.Close)
	u, err := url.Parse(up.URL)
	require.NoError(t, err)
	logs := &syncBuffer{}
	o := proxy.Options{Upstream: u, Validator: loadValidator(t), Logger: slog.New(slog.NewTextHandler(logs, nil))}
	for _, option := range options {
		option(&o)
	}
	p, err := proxy.New(o)
	require.NoError(t, err)
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return &fronted{url: srv.URL, proxy: p, logs: logs}
}

func newMock(t *testing.T) *mockgraph.Mock {
	t.Helper()
	m, err := mockgraph.New(mockgraph.Options{Seed: mockgraph.DefaultSeed(), Validator: loadValidator(t)})
	require.NoError(t, err)
	return m
}

func send(t *testing.T, method, url, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(data)
}

func TestAValidUpdateThroughTheProxyHasNoViolation(t *testing.T) {
	f := front(t, newMock(t))
	resp, _ := send(t, http.MethodPost, f.url+updatePath, softwareBody)
	require.Equal(t, http.StatusAccepted, resp.StatusCode)
	location := resp.Header.Get("Location")
	require.NotEmpty(t, location)
	resp, body := send(t, http.MethodGet, f.url+"/beta"+location, "")
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	report := f.proxy.Violations()
	assert.Equal(t, 0, report.Count, "%+v", report.Violations)
}

func TestAnInvalidSoftwareTypeIsAClientSideViolation(t *testing.T) {
	f := front(t, newMock(t))
	resp, _ := send(t, http.MethodPost, f.url+updatePath, `{"softwareType":"banana"}`)
	require.Equal(t, http.StatusBadRequest, resp.StatusCode, "the upstream answered and the proxy passed it on")
	report := f.proxy.Violations()
	require.Equal(t, 1, report.Count, "%+v", report.Violations)
	v := report.Violations[0]
	assert.Equal(t, rules.Client, v.Side)
	assert.Equal(t, []string{rules.RequestBodySchema.String()}, v.RuleIDs())
	assert.Equal(t, mockgraph.OpUpdateSoftware, v.Operation)
	assert.Equal(t, http.StatusBadRequest, v.Status)
	require.NotNil(t, v.Exchange)
	assert.JSONEq(t, `{"softwareType":"banana"}`, string(v.Exchange.Request.Body))
	assert.Equal(t, []string{"[redacted]"}, v.Exchange.Request.Header["Authorization"])
	assert.Contains(t, f.logs.String(), "side=client rules=request-body-schema")
	assert.NotContains(t, f.logs.String(), token)
}

// wrongStatus answers updateSoftware 200 instead of 202, as a broken vendor endpoint might.
func wrongStatus(mock http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/updateSoftware") {
			w.Header().Set("request-id", "c0ffee00-0000-4000-8000-000000000000")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			_, _ = io.WriteString(w, `{}`)
			return
		}
		mock.ServeHTTP(w, r)
	})
}

func TestAnUpstreamAnswering200InsteadOf202IsAServerSideViolation(t *testing.T) {
	f := front(t, wrongStatus(newMock(t)))
	resp, _ := send(t, http.MethodPost, f.url+updatePath, softwareBody)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	report := f.proxy.Violations()
	require.Equal(t, 1, report.Count, "%+v", report.Violations)
	v := report.Violations[0]
	assert.Equal(t, rules.Server, v.Side)
	assert.Contains(t, v.RuleIDs(), rules.ResponseStatusDeclared.String())
	assert.Equal(t, "c0ffee00-0000-4000-8000-000000000000", v.RequestID)
	assert.Equal(t, 1, report.Errors)
}

func TestTheViolationsEndpointListsThemAsJSON(t *testing.T) {
	f := front(t, newMock(t))
	send(t, http.MethodPost, f.url+updatePath, `{"softwareType":"banana"}`)
	resp, body := send(t, http.MethodGet, f.url+"/_graphconform/violations", "")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var report proxy.ViolationReport
	require.NoError(t, json.Unmarshal([]byte(body), &report))
	require.Len(t, report.Violations, 1)
	assert.Equal(t, rules.Client, report.Violations[0].Side)
	assert.NotContains(t, body, token)

	resp, _ = send(t, http.MethodDelete, f.url+"/_graphconform/violations", "")
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
}

func TestAnUndocumentedRequestIsTheClientsAndIsForwarded(t *testing.T) {
	f := front(t, newMock(t))
	resp, _ := send(t, http.MethodGet, f.url+"/beta/teamwork/devices/"+device+"/bananas", "")
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "the mock's own answer to an unknown segment")
	report := f.proxy.Violations()
	require.Equal(t, 1, report.Count)
	assert.Equal(t, rules.Client, report.Violations[0].Side)
	assert.Equal(t, []string{rules.OperationDocumented.String()}, report.Violations[0].RuleIDs())
}

func TestAuthorizationPassesThroughUntouched(t *testing.T) {
	var got string
	f := front(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Get("Authorization")
		w.WriteHeader(http.StatusNoContent)
	}))
	send(t, http.MethodPost, f.url+"/v1.0/users/u/teamwork/installedApps/a/upgrade", "")
	assert.Equal(t, "Bearer "+token, got)
}

func TestLocationAndNextLinkPointingAtTheUpstreamAreRewrittenToTheProxy(t *testing.T) {
	var upstream string
	f := front(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("request-id", "c0ffee00-0000-4000-8000-000000000000")
		if strings.HasSuffix(r.URL.Path, "/updateSoftware") {
			w.Header().Set("Location", upstream+"/beta/teamwork/devices/"+device+"/operations/op-1")
			w.WriteHeader(http.StatusAccepted)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"value":[],"@odata.nextLink":"`+upstream+`/beta/teamwork/devices/`+device+`/operations?$top=1&$skiptoken=abc"}`)
	}), func(o *proxy.Options) { upstream = o.Upstream.String() })

	resp, _ := send(t, http.MethodPost, f.url+updatePath, softwareBody)
	require.Equal(t, http.StatusAccepted, resp.StatusCode)
	assert.Equal(t, f.url+"/beta/teamwork/devices/"+device+"/operations/op-1", resp.Header.Get("Location"))

	resp, body := send(t, http.MethodGet, f.url+"/beta/teamwork/devices/"+device+"/operations", "")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var page map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &page), body)
	assert.Equal(t, f.url+"/beta/teamwork/devices/"+device+"/operations?$top=1&$skiptoken=abc", page["@odata.nextLink"])
	assert.Equal(t, resp.ContentLength, int64(len(body)))
}

func TestTheMocksNextLinkIsFollowedThroughTheProxy(t *testing.T) {
	m, err := mockgraph.New(mockgraph.Options{Seed: mockgraph.DefaultSeed(), Validator: loadValidator(t),
		Timeline: mockgraph.Timeline{Queued: time.Millisecond, Running: time.Millisecond, Outcome: mockgraph.StatusSucceeded}})
	require.NoError(t, err)
	f := front(t, m)
	for range 2 {
		resp, body := send(t, http.MethodPost, f.url+updatePath, softwareBody)
		require.Equal(t, http.StatusAccepted, resp.StatusCode, body)
		time.Sleep(5 * time.Millisecond) // the operation ends, so the next update is no conflict
		resp, body = send(t, http.MethodGet, f.url+"/beta"+resp.Header.Get("Location"), "")
		require.Equal(t, http.StatusOK, resp.StatusCode, "the client polls before it updates again: %s", body)
	}
	resp, body := send(t, http.MethodGet, f.url+"/beta/teamwork/devices/"+device+"/operations?$top=1", "")
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	var page map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &page))
	next, ok := page["@odata.nextLink"].(string)
	require.True(t, ok, "two operations, a page of one: %s", body)
	assert.True(t, strings.HasPrefix(next, f.url+"/beta/"), "the client stays on the proxy: %s", next)
	resp, body = send(t, http.MethodGet, next, "")
	assert.Equal(t, http.StatusOK, resp.StatusCode, body)
	assert.Equal(t, 0, f.proxy.Violations().Count, "%+v", f.proxy.Violations().Violations)
}

func TestABodyOverTheLimitIsStreamedWholeAndUnchecked(t *testing.T) {
	big := strings.Repeat("x", 10000)
	f := front(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"echo":"`+string(got)+`"}`)
	}), func(o *proxy.Options) { o.BodyLimit = 1000 })
	resp, body := send(t, http.MethodPatch, f.url+"/beta/deviceManagement/deviceConfigurations/c/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/s", big)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, `{"echo":"`+big+`"}`, body, "both bodies passed whole")
	assert.Equal(t, 0, f.proxy.Violations().Count, "neither body was checked")
	assert.Contains(t, f.logs.String(), "larger than the body limit")
}

func TestTheUpstreamsTLSIsVerified(t *testing.T) {
	up := httptest.NewTLSServer(newMock(t))
	t.Cleanup(up.Close)
	u, err := url.Parse(up.URL)
	require.NoError(t, err)
	logs := &syncBuffer{}
	p, err := proxy.New(proxy.Options{Upstream: u, Validator: loadValidator(t), Logger: slog.New(slog.NewTextHandler(logs, nil))})
	require.NoError(t, err)
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	resp, body := send(t, http.MethodPost, srv.URL+updatePath, softwareBody)
	assert.Equal(t, http.StatusBadGateway, resp.StatusCode)
	assert.Contains(t, body, "certificate")

	trusting, err := proxy.New(proxy.Options{Upstream: u, Validator: loadValidator(t), Transport: up.Client().Transport})
	require.NoError(t, err)
	srv2 := httptest.NewServer(trusting)
	t.Cleanup(srv2.Close)
	resp, _ = send(t, http.MethodPost, srv2.URL+updatePath, softwareBody)
	assert.Equal(t, http.StatusAccepted, resp.StatusCode)
}

func TestTheHARRecordsEveryExchangeWithoutTheToken(t *testing.T) {
	var harLog bytes.Buffer
	rec, err := har.NewStream(&harLog, har.Creator{Name: "graphconform", Version: "test"})
	require.NoError(t, err)
	f := front(t, newMock(t), func(o *proxy.Options) { o.HAR = rec })
	send(t, http.MethodPost, f.url+updatePath, softwareBody)
	send(t, http.MethodPost, f.url+"/beta/teamwork/devices/"+otherDevice+"/updateSoftware", `{"softwareType":"banana"}`)
	require.NoError(t, rec.Close())

	var log struct {
		Log struct {
			Version string `json:"version"`
			Entries []struct {
				Request struct {
					Method   string `json:"method"`
					URL      string `json:"url"`
					Headers  []struct{ Name, Value string }
					PostData struct{ Text string } `json:"postData"`
				} `json:"request"`
				Response struct {
					Status int `json:"status"`
				} `json:"response"`
				Comment string `json:"comment"`
			} `json:"entries"`
		} `json:"log"`
	}
	require.NoError(t, json.Unmarshal(harLog.Bytes(), &log), harLog.String())
	assert.Equal(t, "1.2", log.Log.Version)
	require.Len(t, log.Log.Entries, 2)
	assert.Equal(t, http.StatusAccepted, log.Log.Entries[0].Response.Status)
	assert.Equal(t, f.url+updatePath, log.Log.Entries[0].Request.URL)
	assert.Equal(t, softwareBody, log.Log.Entries[0].Request.PostData.Text)
	assert.Equal(t, "client: request-body-schema", log.Log.Entries[1].Comment)
	assert.NotContains(t, harLog.String(), token)
	assert.Contains(t, harLog.String(), `"name":"Authorization","value":"[redacted]"`)
}

func TestAnUnreachableUpstreamIs502WithAGraphError(t *testing.T) {
	u, err := url.Parse("http://127.0.0.1:1")
	require.NoError(t, err)
	p, err := proxy.New(proxy.Options{Upstream: u, Validator: loadValidator(t), Transport: &http.Transport{ResponseHeaderTimeout: time.Second}})
	require.NoError(t, err)
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	resp, body := send(t, http.MethodPost, srv.URL+updatePath, softwareBody)
	assert.Equal(t, http.StatusBadGateway, resp.StatusCode)
	assert.Contains(t, body, `"code":"BadGateway"`)
	assert.Equal(t, 0, p.Violations().Count, "an unreachable upstream is no verdict")
}

func TestNewRefusesAnUpstreamThatIsNotAnHTTPURL(t *testing.T) {
	for _, raw := range []string{"graph.microsoft.com", "ftp://graph.microsoft.com", "/beta"} {
		u, err := url.Parse(raw)
		require.NoError(t, err)
		_, err = proxy.New(proxy.Options{Upstream: u, Validator: loadValidator(t)})
		assert.ErrorContains(t, err, "absolute http:// or https:// URL", raw)
	}
	// As url.URL.JoinPath makes of a URL without a path: the request line would read "POST graph/beta/…".
	relative := &url.URL{Scheme: "http", Host: "127.0.0.1:8080", Path: "graph"}
	_, err := proxy.New(proxy.Options{Upstream: relative, Validator: loadValidator(t)})
	assert.ErrorContains(t, err, "absolute http:// or https:// URL")
}

func TestAGzippedRequestBodyIsCheckedAsSent(t *testing.T) {
	f := front(t, newMock(t))
	for body, want := range map[string]int{softwareBody: 0, `{"softwareType":"banana"}`: 1} {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		_, err := zw.Write([]byte(body))
		require.NoError(t, err)
		require.NoError(t, zw.Close())
		before := f.proxy.Violations().Count
		req, err := http.NewRequest(http.MethodPost, f.url+"/beta/teamwork/devices/"+otherDevice+"/updateSoftware", &buf)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Content-Encoding", "gzip")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		assert.Equal(t, want, f.proxy.Violations().Count-before, "%s: %+v", body, f.proxy.Violations().Violations)
		if want == 0 {
			assert.Equal(t, http.StatusAccepted, resp.StatusCode, "the mock reads a gzipped body too")
		}
	}
}

func TestADotSegmentOutOfTheControlPrefixIsCheckedLikeAnyRequest(t *testing.T) {
	// An upstream that resolves dot segments, as many servers do, would serve the operation.
	upstream := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusAccepted) })
	for _, prefix := range []string{"/_graphconform/..", "/_graphconform/%2e%2E", "/_graphconform/./.."} {
		t.Run(prefix, func(t *testing.T) {
			f := front(t, upstream)
			resp, _ := send(t, http.MethodPost, f.url+prefix+updatePath, `{"softwareType":"notAType"}`)
			assert.NotZero(t, f.proxy.Violations().Errors, "answered %d and checked nothing", resp.StatusCode)
		})
	}
}

func TestAPathOnlyLinkBelowTheUpstreamsBasePathLosesTheBasePath(t *testing.T) {
	const base = "/graph"
	f := front(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("request-id", "c0ffee00-0000-4000-8000-000000000000")
		if strings.HasSuffix(r.URL.Path, "/updateSoftware") {
			w.Header().Set("Location", base+"/beta/teamwork/devices/"+device+"/operations/op-1")
			w.WriteHeader(http.StatusAccepted)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"value":[],"@odata.nextLink":"`+base+`/beta/teamwork/devices/`+device+`/operations?$top=1&$skiptoken=abc"}`)
	}), func(o *proxy.Options) {
		u := *o.Upstream
		u.Path = base
		o.Upstream = &u
	})

	resp, body := send(t, http.MethodPost, f.url+updatePath, softwareBody)
	require.Equal(t, http.StatusAccepted, resp.StatusCode, body)
	assert.Equal(t, "/beta/teamwork/devices/"+device+"/operations/op-1", resp.Header.Get("Location"),
		"resolved against the proxy, the Location names what the proxy forwards to the upstream's %s/beta/…", base)

	resp, body = send(t, http.MethodGet, f.url+"/beta/teamwork/devices/"+device+"/operations", "")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var page map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &page), body)
	assert.Equal(t, "/beta/teamwork/devices/"+device+"/operations?$top=1&$skiptoken=abc", page["@odata.nextLink"])
}
