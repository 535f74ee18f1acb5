package contract_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/graphconform/graphconform/internal/client"
)

// benchExchanges are one conformant exchange of each operation of the description.
var benchExchanges = []struct {
	operation string
	ex        client.Exchange
}{
	{"teamworkDevice.updateSoftware", client.Exchange{
		Request: client.RecordedRequest{Method: "POST", Path: updatePath, Header: http.Header{"Content-Type": {"application/json"}},
			Body: []byte(`{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}`)},
		Response: client.RecordedResponse{Status: 202, Header: http.Header{"Location": {"/teamwork/devices/d1/operations/o1"}, "Content-Type": {"text/plain"}}},
	}},
	{"teamworkDevice.getOperation", client.Exchange{
		Request: client.RecordedRequest{Method: "GET", Path: opPath, Header: http.Header{}},
		Response: client.RecordedResponse{Status: 200, Header: http.Header{"Content-Type": {graphJSON}, "Retry-After": {"2"}},
			Body: []byte(`{"@odata.context":"x","id":"o1","status":"inProgress","operationType":"softwareUpdate","createdDateTime":"2026-11-22T08:15:00Z","lastActionDateTime":"2026-11-22T08:15:02Z","attemptsCount":1,"startedDateTime":"2026-11-22T08:15:01Z","error":null,"createdBy":{"user":{"id":"u1","displayName":"Adele"}},"lastActionBy":null}`)},
	}},
	{"teamworkDevice.listOperations", client.Exchange{
		Request: client.RecordedRequest{Method: "GET", Path: "/beta/teamwork/devices/d1/operations?$top=2", Header: http.Header{}},
		Response: client.RecordedResponse{Status: 200, Header: http.Header{"Content-Type": {graphJSON}},
			Body: []byte(`{"@odata.context":"x","value":[{"id":"o1","status":"succeeded","operationType":"softwareUpdate","createdDateTime":"2026-11-22T08:15:00Z"},{"id":"o2","status":"queued","operationType":"softwareUpdate","createdDateTime":"2026-11-22T08:16:00Z"}],"@odata.nextLink":"https://graph.microsoft.com/beta/teamwork/devices/d1/operations?$top=2&$skiptoken=abc"}`)},
	}},
	{"userScopeTeamsAppInstallation.upgrade", client.Exchange{
		Request:  client.RecordedRequest{Method: "POST", Path: upgradeV1, Header: http.Header{}},
		Response: client.RecordedResponse{Status: 204, Header: http.Header{}},
	}},
	{"windowsUpdateState.update", client.Exchange{
		Request: client.RecordedRequest{Method: "PATCH", Path: statePath, Header: http.Header{"Content-Type": {"application/json"}},
			Body: []byte(`{"status":"pendingReboot","lastScanDateTime":"2026-11-22T08:15:00.5+01:00"}`)},
		Response: client.RecordedResponse{Status: 200, Header: http.Header{"Content-Type": {graphJSON}},
			Body: []byte(`{"@odata.context":"x","@odata.type":"#microsoft.graph.windowsUpdateState","id":"s1","deviceId":"d","userId":"u","deviceDisplayName":"n","userPrincipalName":"a@b","status":"pendingReboot","qualityUpdateVersion":"q","featureUpdateVersion":"f","lastScanDateTime":"2026-11-22T08:15:00.5+01:00","lastSyncDateTime":"2026-11-22T08:15:00Z"}`)},
	}},
	{"windowsUpdateState.get", client.Exchange{
		Request: client.RecordedRequest{Method: "GET", Path: statePath, Header: http.Header{}},
		Response: client.RecordedResponse{Status: 200, Header: http.Header{"Content-Type": {graphJSON}},
			Body: []byte(`{"@odata.context":"x","@odata.type":"#microsoft.graph.windowsUpdateState","id":"s1","deviceId":"d","userId":"u","deviceDisplayName":"n","userPrincipalName":"a@b","status":"upToDate","qualityUpdateVersion":"q","featureUpdateVersion":"f","lastScanDateTime":"2026-11-22T08:15:00.5+01:00","lastSyncDateTime":"2026-11-22T08:15:00Z"}`)},
	}},
}

// BenchmarkValidateExchange validates one exchange (its request and its response) of each operation,
// two ways side by side: impl=naive is kin-openapi used the obvious way (FindRoute, ValidateRequest,
// ValidateResponse on a fresh http.Request), impl=graphconform is the Validator as the proxy uses
// it (FindRoute, CheckRequest, CheckRoutedResponse). Compare them with benchstat -col /impl.
func BenchmarkValidateExchange(b *testing.B) {
	v := newValidator(b)
	naive, err := gorillamux.NewRouter(v.Doc())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, tc := range benchExchanges {
		ex := tc.ex
		b.Run("op="+tc.operation+"/impl=naive", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := validateNaively(ctx, naive, &ex); err != nil {
					b.Fatalf("the exchange should conform: %v", err)
				}
			}
		})
		b.Run("op="+tc.operation+"/impl=graphconform", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				route, err := v.FindRoute(ex.Request.Method, ex.Request.Path)
				if err != nil {
					b.Fatal(err)
				}
				if findings := v.CheckRequest(ctx, route, ex.Request.Method, ex.Request.Path, ex.Request.Header, ex.Request.Body); len(findings) != 0 {
					b.Fatalf("the request should conform: %v", findings)
				}
				if _, findings := v.CheckRoutedResponse(ctx, route, &ex); len(findings) != 0 {
					b.Fatalf("the response should conform: %v", findings)
				}
			}
		})
	}
}

// validateNaively is the obvious use of kin-openapi: route the request, validate it, validate the
// response, with the options graphconform uses.
func validateNaively(ctx context.Context, router routers.Router, ex *client.Exchange) error {
	req, err := http.NewRequestWithContext(ctx, ex.Request.Method, ex.Request.Path, bytes.NewReader(ex.Request.Body))
	if err != nil {
		return err
	}
	req.Header = ex.Request.Header.Clone()
	route, params, err := router.FindRoute(req)
	if err != nil {
		return err
	}
	options := &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
	input := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: options}
	if err := openapi3filter.ValidateRequest(ctx, input); err != nil {
		return err
	}
	return openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
		RequestValidationInput: input,
		Status:                 ex.Response.Status,
		Header:                 ex.Response.Header,
		Body:                   io.NopCloser(bytes.NewReader(ex.Response.Body)),
		Options:                options,
	})
}
