package rules_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/rules"
)

func exchange(method string, reqBody string, status int, header http.Header, respBody string) *client.Exchange {
	if header == nil {
		header = http.Header{}
	}
	if header.Get("request-id") == "" {
		header.Set("request-id", "0000")
	}
	path := "/beta/x"
	switch method {
	case http.MethodPatch: // the state s of configuration c
		path = "/beta/deviceManagement/deviceConfigurations/c/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/s"
	case http.MethodGet: // the operation o of device d
		path = "/beta/teamwork/devices/d/operations/o"
	}
	ex := &client.Exchange{
		Request:  client.RecordedRequest{Method: method, URL: "https://graph.example" + path, Path: path, Header: http.Header{}},
		Response: client.RecordedResponse{Status: status, Header: header},
	}
	if reqBody != "" {
		ex.Request.Body = []byte(reqBody)
	}
	if respBody != "" {
		ex.Response.Body = []byte(respBody)
	}
	return ex
}

// updateOf is a 202 to an updateSoftware of device with location.
func updateOf(device, location string) *client.Exchange {
	ex := exchange("POST", `{"softwareType":"firmware"}`, 202, http.Header{"Location": {location}}, "")
	ex.Request.Path = "/beta/teamwork/devices/" + device + "/updateSoftware"
	ex.Request.URL = "https://graph.example" + ex.Request.Path
	return ex
}

// twoLocations adds a second Location header to the response.
func twoLocations(ex *client.Exchange, location string) *client.Exchange {
	ex.Response.Header.Add("Location", location)
	return ex
}

// updateOfWithBody is a 202 to an updateSoftware of device with location and a body.
func updateOfWithBody(device, location, body string) *client.Exchange {
	ex := updateOf(device, location)
	ex.Response.Body = []byte(body)
	return ex
}

// listOf is a 200 page of device's operations.
func listOf(device, body string) *client.Exchange {
	ex := exchange("GET", "", 200, nil, body)
	ex.Request.Path = "/beta/teamwork/devices/" + device + "/operations?$top=2"
	ex.Request.URL = "https://graph.example" + ex.Request.Path
	return ex
}

func overLimit(ex *client.Exchange) *client.Exchange {
	ex.Response.OverLimit = true
	ex.Response.BodyBytes = int64(len(ex.Response.Body))
	return ex
}

type ruleHit struct {
	RuleID  rules.ID
	Pointer string
}

func hits(findings []finding.Finding) []ruleHit {
	out := []ruleHit{}
	for _, f := range findings {
		out = append(out, ruleHit{f.RuleID, f.JSONPointer})
	}
	return out
}

func TestEveryRuleHoldsOnAFaithfulExchangeAndBreaksOnABrokenOne(t *testing.T) {
	const patch = "windowsUpdateState.update"
	const getOp = "teamworkDevice.getOperation"
	const update = "teamworkDevice.updateSoftware"
	const list = "teamworkDevice.listOperations"
	const sent = `{"@odata.type":"#microsoft.graph.windowsUpdateState","status":"pendingReboot","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00"}`
	cases := []struct {
		name      string
		operation string
		ex        *client.Exchange
		want      []ruleHit
	}{
		{"204 without a body holds", "userScopeTeamsAppInstallation.upgrade",
			exchange("POST", "", 204, nil, ""), []ruleHit{}},
		{"204 with a body breaks no-content-has-no-body", "userScopeTeamsAppInstallation.upgrade",
			exchange("POST", "", 204, nil, `{}`), []ruleHit{{rules.NoContentHasNoBody, ""}}},
		{"204 with a JSON content type breaks no-content-has-no-body", "userScopeTeamsAppInstallation.upgrade",
			exchange("POST", "", 204, http.Header{"Content-Type": {"application/json; charset=utf-8"}}, ""), []ruleHit{{rules.NoContentHasNoBody, ""}}},
		{"204 declaring the length of a body breaks no-content-has-no-body", "userScopeTeamsAppInstallation.upgrade",
			exchange("POST", "", 204, http.Header{"Content-Length": {"17"}}, ""), []ruleHit{{rules.NoContentHasNoBody, ""}}},
		{"204 declaring a length of 0 holds", "userScopeTeamsAppInstallation.upgrade",
			exchange("POST", "", 204, http.Header{"Content-Length": {"0"}}, ""), []ruleHit{}},
		{"an exact echo holds", patch,
			exchange("PATCH", sent, 200, nil, `{"id":"s","status":"pendingReboot","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00"}`), []ruleHit{}},
		{"an echo with the same instant in another offset holds", patch,
			exchange("PATCH", sent, 200, nil, `{"id":"s","status":"pendingReboot","lastScanDateTime":"2017-01-01T07:59:18.09550180Z"}`), []ruleHit{}},
		{"an echo missing a property breaks patch-echoes-request", patch,
			exchange("PATCH", sent, 200, nil, `{"id":"s","status":"pendingReboot"}`), []ruleHit{{rules.PatchEchoesRequest, "/lastScanDateTime"}}},
		{"an echo with another value breaks patch-echoes-request", patch,
			exchange("PATCH", sent, 200, nil, `{"id":"s","status":"upToDate","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00"}`), []ruleHit{{rules.PatchEchoesRequest, "/status"}}},
		{"an echo with another instant breaks patch-echoes-request", patch,
			exchange("PATCH", sent, 200, nil, `{"id":"s","status":"pendingReboot","lastScanDateTime":"2016-12-31T23:59:19-08:00"}`), []ruleHit{{rules.PatchEchoesRequest, "/lastScanDateTime"}}},
		{"a PATCH answered with a non-object breaks patch-echoes-request", patch,
			exchange("PATCH", sent, 200, nil, `[]`), []ruleHit{{rules.PatchEchoesRequest, ""}}},
		{"the echo rule ignores other operations", "userScopeTeamsAppInstallation.upgrade",
			exchange("PATCH", sent, 200, nil, `{}`), []ruleHit{}},
		{"a status from the updateSoftware page holds", getOp,
			exchange("GET", "", 200, nil, `{"id":"o","status":"succeeded","operationType":"softwareUpdate"}`), []ruleHit{}},
		{"a status from the resource page, in its case, holds", getOp,
			exchange("GET", "", 200, nil, `{"id":"o","status":"InProgress","operationType":"softwareUpdate"}`), []ruleHit{}},
		{"an unknown status breaks operation-status-vocabulary", getOp,
			exchange("GET", "", 200, nil, `{"id":"o","status":"done","operationType":"softwareUpdate"}`), []ruleHit{{rules.OperationStatusVocabulary, "/status"}}},
		{"fractional Retry-After holds", getOp,
			exchange("GET", "", 429, http.Header{"Retry-After": {"2.128"}}, ""), []ruleHit{}},
		{"HTTP-date Retry-After holds", getOp,
			exchange("GET", "", 503, http.Header{"Retry-After": {"Wed, 21 Oct 2015 07:28:00 GMT"}}, ""), []ruleHit{}},
		{"a word as Retry-After breaks retry-after-format", getOp,
			exchange("GET", "", 429, http.Header{"Retry-After": {"soon"}}, ""), []ruleHit{{rules.RetryAfterFormat, ""}}},
		{"a negative Retry-After breaks retry-after-format", getOp,
			exchange("GET", "", 429, http.Header{"Retry-After": {"-1"}}, ""), []ruleHit{{rules.RetryAfterFormat, ""}}},
		{"a hexadecimal Retry-After breaks retry-after-format", getOp,
			exchange("GET", "", 429, http.Header{"Retry-After": {"0x2p0"}}, ""), []ruleHit{{rules.RetryAfterFormat, ""}}},
		{"a Retry-After with an exponent breaks retry-after-format", getOp,
			exchange("GET", "", 503, http.Header{"Retry-After": {"1e1"}}, ""), []ruleHit{{rules.RetryAfterFormat, ""}}},
		{"a Retry-After with a plus sign breaks retry-after-format", getOp,
			exchange("GET", "", 429, http.Header{"Retry-After": {"+3"}}, ""), []ruleHit{{rules.RetryAfterFormat, ""}}},
		{"a Location naming the updated device's operation holds", update,
			updateOf("d", "/teamwork/devices/d/operations/op1"), []ruleHit{}},
		{"a Location with the version and an absolute URL holds", update,
			updateOf("d", "https://graph.example/beta/teamwork/devices/d/operations/op1"), []ruleHit{}},
		{"a Location naming another device breaks location-names-device-operation", update,
			updateOf("d", "/teamwork/devices/other/operations/op1"), []ruleHit{{rules.LocationNamesDeviceOperation, ""}}},
		{"a Location in another version than the update breaks location-names-device-operation", update,
			updateOf("d", "/v1.0/teamwork/devices/d/operations/op1"), []ruleHit{{rules.LocationNamesDeviceOperation, ""}}},
		{"an absolute Location in another version than the update breaks location-names-device-operation", update,
			updateOf("d", "https://graph.example/v1.0/teamwork/devices/d/operations/op1"), []ruleHit{{rules.LocationNamesDeviceOperation, ""}}},
		{"a Location with userinfo breaks location-names-device-operation", update,
			updateOf("d", "https://user:secret@graph.example/beta/teamwork/devices/d/operations/op1"), []ruleHit{{rules.LocationNamesDeviceOperation, ""}}},
		{"two Locations break location-names-device-operation", update,
			twoLocations(updateOf("d", "/teamwork/devices/d/operations/op1"), "/teamwork/devices/other/operations/op2"), []ruleHit{{rules.LocationNamesDeviceOperation, ""}}},
		{"a Location naming no operation breaks location-names-device-operation", update,
			updateOf("d", "/teamwork/devices/d/operations/"), []ruleHit{{rules.LocationNamesDeviceOperation, ""}}},
		{"a Location elsewhere in the device breaks location-names-device-operation", update,
			updateOf("d", "/teamwork/devices/d/health/op1"), []ruleHit{{rules.LocationNamesDeviceOperation, ""}}},
		{"an operation with another id breaks operation-carries-its-id", getOp,
			exchange("GET", "", 200, nil, `{"id":"o2","status":"queued"}`), []ruleHit{{rules.OperationCarriesItsID, "/id"}}},
		{"an operation without an id breaks operation-carries-its-id", getOp,
			exchange("GET", "", 200, nil, `{"status":"queued"}`), []ruleHit{{rules.OperationCarriesItsID, "/id"}}},
		{"an echo of another state breaks patch-echo-carries-identity", patch,
			exchange("PATCH", `{"status":"upToDate"}`, 200, nil, `{"id":"t","status":"upToDate"}`), []ruleHit{{rules.PatchEchoCarriesIdentity, "/id"}}},
		{"an echo of another type breaks resource-odata-type", patch,
			exchange("PATCH", `{"status":"upToDate"}`, 200, nil, `{"@odata.type":"#microsoft.graph.windowsUpdateForBusinessConfiguration","id":"s","status":"upToDate"}`), []ruleHit{{rules.ResourceODataType, "/@odata.type"}}},
		{"an operation of another type breaks resource-odata-type", getOp,
			exchange("GET", "", 200, nil, `{"@odata.type":"#microsoft.graph.windowsUpdateState","id":"o","status":"queued"}`), []ruleHit{{rules.ResourceODataType, "/@odata.type"}}},
		{"a 429 without Retry-After breaks throttled-carries-retry-after", getOp,
			exchange("GET", "", 429, nil, `{"error":{"code":"TooManyRequests","message":"m"}}`), []ruleHit{{rules.ThrottledCarriesRetryAfter, ""}}},
		{"a 429 with another code breaks throttled-error-code", getOp,
			exchange("GET", "", 429, http.Header{"Retry-After": {"2"}}, `{"error":{"code":"BadRequest","message":"m"}}`), []ruleHit{{rules.ThrottledErrorCode, "/error/code"}}},
		{"a camelCase throttling code holds", getOp,
			exchange("GET", "", 429, http.Header{"Retry-After": {"2"}}, `{"error":{"code":"tooManyRequests","message":"m"}}`), []ruleHit{}},
		{"a succeeded operation with an error breaks operation-error-only-when-failed", getOp,
			exchange("GET", "", 200, nil, `{"id":"o","status":"succeeded","error":{"code":"c","message":"m"}}`), []ruleHit{{rules.OperationErrorOnlyWhenFailed, "/error"}}},
		{"a failed operation with an error holds", getOp,
			exchange("GET", "", 200, nil, `{"id":"o","status":"failed","error":{"code":"c","message":"m"}}`), []ruleHit{}},
		{"a 202 with a body breaks accepted-has-no-body, a warning", update,
			updateOfWithBody("d", "/teamwork/devices/d/operations/op1", `{"id":"op1"}`), []ruleHit{{rules.AcceptedHasNoBody, ""}}},
		{"an echo without @odata.type holds", patch,
			exchange("PATCH", `{"status":"upToDate"}`, 200, nil, `{"id":"s","status":"upToDate"}`), []ruleHit{}},
		{"a nextLink on the same collection holds", list,
			listOf("d", `{"value":[],"@odata.nextLink":"https://graph.example/beta/teamwork/devices/d/operations?$top=2&$skiptoken=x"}`), []ruleHit{}},
		{"a nextLink of another device breaks next-link-stays-on-the-collection", list,
			listOf("d", `{"value":[],"@odata.nextLink":"https://graph.example/beta/teamwork/devices/e/operations?$skiptoken=x"}`), []ruleHit{{rules.NextLinkStaysOnTheCollection, "/@odata.nextLink"}}},
		{"a nextLink in another version breaks next-link-stays-on-the-collection", list,
			listOf("d", `{"value":[],"@odata.nextLink":"https://graph.example/v1.0/teamwork/devices/d/operations?$skiptoken=x"}`), []ruleHit{{rules.NextLinkStaysOnTheCollection, "/@odata.nextLink"}}},
		{"a redirect breaks no-redirect", getOp,
			exchange("GET", "", 307, http.Header{"Location": {"http://127.0.0.1:1/beta/x"}}, ""), []ruleHit{{rules.NoRedirect, ""}}},
		{"a 200 holds no-redirect", getOp,
			exchange("GET", "", 200, nil, `{"id":"o","status":"queued"}`), []ruleHit{}},
		{"a body over the read limit breaks response-body-within-limit", getOp,
			overLimit(exchange("GET", "", 200, nil, `{"id":"o","sta`)), []ruleHit{{rules.ResponseBodyWithinLimit, ""}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := hits(finding.OfExchange(tc.operation, tc.ex))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAResponseWithoutRequestIDIsAWarning(t *testing.T) {
	ex := exchange("GET", "", 200, nil, "")
	ex.Response.Header.Del("request-id")
	got := finding.OfExchange("any", ex)
	want := []finding.Finding{{RuleID: rules.RequestIDHeader, Level: finding.Warning, Operation: "any", Status: 200, Message: "the response has no request-id header"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
