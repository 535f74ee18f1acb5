package conformance_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/conformance"
)

// patched is a 200 answer echo to a PATCH of the state s that sent sent.
func patched(sent, echo string) *client.Exchange {
	ex := answer(http.MethodPatch, statePath, http.StatusOK, nil, echo)
	ex.Request.Body = []byte(sent)
	return ex
}

// pointers are the JSON pointers of violations.
func pointers(vs []conformance.Violation) []string {
	out := []string{}
	for _, v := range vs {
		out = append(out, v.JSONPointer)
	}
	return out
}

func TestPatchEchoesRequestJudgesTheBodiesTheExchangeHoldsWhenAsked(t *testing.T) {
	ex := patched(`{"status":"pendingReboot"}`, `{"id":"s","status":"upToDate"}`)
	assert.Equal(t, []string{"/status"}, pointers(conformance.PatchEchoesRequest(ex)))
	ex.Response.Body = []byte(`{"id":"s","status":"pendingReboot"}`)
	assert.Empty(t, conformance.PatchEchoesRequest(ex), "the replaced echo holds what was sent")
	ex.Request.Body = []byte(`{"status":"upToDate","featureUpdateVersion":"23H2"}`)
	assert.Equal(t, []string{"/featureUpdateVersion", "/status"}, pointers(conformance.PatchEchoesRequest(ex)), "the replaced request was not echoed")
	ex.Response.Body = ex.Response.Body[:10]
	got := conformance.PatchEchoesRequest(ex)
	if assert.Len(t, got, 1, "a cut echo is no object") {
		assert.Contains(t, got[0].Message, "not a JSON object")
	}
}

func TestPatchEchoesRequestComparesNullAbsentAndNumbersAsJSON(t *testing.T) {
	for _, tc := range []struct {
		sent, echo string
		want       []string
	}{
		{`{"status":null}`, `{"id":"s","status":null}`, []string{}},
		{`{"status":null}`, `{"id":"s"}`, []string{"/status"}},
		{`{"status":"upToDate"}`, `{"id":"s","status":null}`, []string{"/status"}},
		{`{"n":1}`, `{"id":"s","n":1.0}`, []string{}},
		{`{"n":1}`, `{"id":"s","n":"1"}`, []string{"/n"}},
		{`{"a/b":true}`, `{"id":"s"}`, []string{"/a~1b"}},
		{`{"@odata.type":"#x"}`, `{"id":"s"}`, []string{}},
	} {
		assert.Equal(t, tc.want, pointers(conformance.PatchEchoesRequest(patched(tc.sent, tc.echo))), "%s echoed %s", tc.sent, tc.echo)
	}
}

func TestPatchEchoesRequestLeavesARequestThatIsNoObjectAlone(t *testing.T) {
	for _, sent := range []string{``, `null`, `[]`, `"s"`, `{"status":"upToDate"} {}`, `{"status":`} {
		assert.Empty(t, conformance.PatchEchoesRequest(patched(sent, `{"id":"s"}`)), "sent %q", sent)
	}
	for _, echo := range []string{``, `null`, `[]`, `{"status":"upToDate"} x`, `{"status":"upToDate","n":1e400}`} {
		got := conformance.PatchEchoesRequest(patched(`{"status":"upToDate"}`, echo))
		if assert.Len(t, got, 1, "echo %q", echo) {
			assert.Contains(t, got[0].Message, "not a JSON object")
		}
	}
}
