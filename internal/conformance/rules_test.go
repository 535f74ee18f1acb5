package conformance_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/conformance"
	"github.com/graphconform/graphconform/internal/finding"
)

func exchange(method string, reqBody string, status int, header http.Header, respBody string) *client.Exchange {
	if header == nil {
		header = http.Header{}
	}
	if header.Get("request-id") == "" {
		header.Set("request-id", "0000")
	}
	ex := &client.Exchange{
		Request:  client.RecordedRequest{Method: method, Path: "/beta/x", Header: http.Header{}},
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

func overLimit(ex *client.Exchange) *client.Exchange {
	ex.Response.OverLimit = true
	ex.Response.BodyBytes = int64(len(ex.Response.Body))
	return ex
}

type ruleHit struct {
	RuleID, Pointer string
}

func hits(findings []finding.Finding) []ruleHit {
	out := []ruleHit{}
	for _, f := range findings {
		out = append(out, ruleHit{f.RuleID, f.JSONPointer})
	}
	return out
}

func TestEveryRuleHoldsOnAFaithfulExchangeAndBreaksOnABrokenOne(t *testing.T) {
	const patch = conformance.OperationUpdateWindowsUpdateState
	const getOp = conformance.OperationGetOperation
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
			exchange("POST", "", 204, nil, `{}`), []ruleHit{{"no-content-has-no-body", ""}}},
		{"204 with a JSON content type breaks no-content-has-no-body", "userScopeTeamsAppInstallation.upgrade",
			exchange("POST", "", 204, http.Header{"Content-Type": {"application/json; charset=utf-8"}}, ""), []ruleHit{{"no-content-has-no-body", ""}}},
		{"an exact echo holds", patch,
			exchange("PATCH", sent, 200, nil, `{"id":"s","status":"pendingReboot","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00"}`), []ruleHit{}},
		{"an echo with the same instant in another offset holds", patch,
			exchange("PATCH", sent, 200, nil, `{"id":"s","status":"pendingReboot","lastScanDateTime":"2017-01-01T07:59:18.09550180Z"}`), []ruleHit{}},
		{"an echo missing a property breaks patch-echoes-request", patch,
			exchange("PATCH", sent, 200, nil, `{"id":"s","status":"pendingReboot"}`), []ruleHit{{"patch-echoes-request", "/lastScanDateTime"}}},
		{"an echo with another value breaks patch-echoes-request", patch,
			exchange("PATCH", sent, 200, nil, `{"id":"s","status":"upToDate","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00"}`), []ruleHit{{"patch-echoes-request", "/status"}}},
		{"an echo with another instant breaks patch-echoes-request", patch,
			exchange("PATCH", sent, 200, nil, `{"id":"s","status":"pendingReboot","lastScanDateTime":"2016-12-31T23:59:19-08:00"}`), []ruleHit{{"patch-echoes-request", "/lastScanDateTime"}}},
		{"a PATCH answered with a non-object breaks patch-echoes-request", patch,
			exchange("PATCH", sent, 200, nil, `[]`), []ruleHit{{"patch-echoes-request", ""}}},
		{"the echo rule ignores other operations", "userScopeTeamsAppInstallation.upgrade",
			exchange("PATCH", sent, 200, nil, `{}`), []ruleHit{}},
		{"a status from the updateSoftware page holds", getOp,
			exchange("GET", "", 200, nil, `{"id":"o","status":"succeeded","operationType":"softwareUpdate"}`), []ruleHit{}},
		{"a status from the resource page, in its case, holds", getOp,
			exchange("GET", "", 200, nil, `{"id":"o","status":"InProgress","operationType":"softwareUpdate"}`), []ruleHit{}},
		{"an unknown status breaks operation-status-vocabulary", getOp,
			exchange("GET", "", 200, nil, `{"id":"o","status":"done","operationType":"softwareUpdate"}`), []ruleHit{{"operation-status-vocabulary", "/status"}}},
		{"fractional Retry-After holds", getOp,
			exchange("GET", "", 429, http.Header{"Retry-After": {"2.128"}}, ""), []ruleHit{}},
		{"HTTP-date Retry-After holds", getOp,
			exchange("GET", "", 503, http.Header{"Retry-After": {"Wed, 21 Oct 2015 07:28:00 GMT"}}, ""), []ruleHit{}},
		{"a word as Retry-After breaks retry-after-format", getOp,
			exchange("GET", "", 429, http.Header{"Retry-After": {"soon"}}, ""), []ruleHit{{"retry-after-format", ""}}},
		{"a negative Retry-After breaks retry-after-format", getOp,
			exchange("GET", "", 429, http.Header{"Retry-After": {"-1"}}, ""), []ruleHit{{"retry-after-format", ""}}},
		{"a redirect breaks no-redirect", getOp,
			exchange("GET", "", 307, http.Header{"Location": {"http://127.0.0.1:1/beta/x"}}, ""), []ruleHit{{"no-redirect", ""}}},
		{"a 304-free 200 holds no-redirect", getOp,
			exchange("GET", "", 200, nil, `{"id":"o","status":"queued"}`), []ruleHit{}},
		{"a body over the read limit breaks response-body-within-limit", getOp,
			overLimit(exchange("GET", "", 200, nil, `{"id":"o","sta`)), []ruleHit{{"response-body-within-limit", ""}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := hits(conformance.Check(tc.operation, tc.ex))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAResponseWithoutRequestIDIsAWarning(t *testing.T) {
	ex := exchange("GET", "", 200, nil, "")
	ex.Response.Header.Del("request-id")
	got := conformance.Check("any", ex)
	want := []finding.Finding{{RuleID: "request-id-header", Level: finding.Warning, Operation: "any", Status: 200, Message: "the response has no request-id header"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestRuleIDsAreUniqueKebabCaseAndDescribed(t *testing.T) {
	seen := map[string]bool{}
	check := func(id, description string) {
		if seen[id] {
			t.Errorf("rule %q is defined twice", id)
		}
		seen[id] = true
		for _, r := range id {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Errorf("rule %q is not kebab-case", id)
				break
			}
		}
		if description == "" {
			t.Errorf("rule %q has no description", id)
		}
	}
	for _, r := range conformance.Rules() {
		check(r.ID, r.Description)
	}
	for _, e := range conformance.Expectations() {
		check(e.ID, e.Description)
	}
}

func TestLookupOperationStatusSpeaksBothVocabularies(t *testing.T) {
	for status, want := range map[string]conformance.OperationStatus{
		"queued":     {Canonical: "queued"},
		"Scheduled":  {Canonical: "scheduled"},
		"InProgress": {Canonical: "inProgress"},
		"succeeded":  {Canonical: "succeeded", Terminal: true},
		"Successful": {Canonical: "succeeded", Terminal: true},
		"failed":     {Canonical: "failed", Terminal: true},
		"Cancelled":  {Canonical: "cancelled", Terminal: true},
	} {
		got, ok := conformance.LookupOperationStatus(status)
		if !ok || got != want {
			t.Errorf("LookupOperationStatus(%q) = %+v, %t; want %+v, true", status, got, ok, want)
		}
	}
	if _, ok := conformance.LookupOperationStatus("done"); ok {
		t.Error(`"done" is not a status the docs name`)
	}
}
