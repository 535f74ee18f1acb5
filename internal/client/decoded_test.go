package client_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/client"
)

// sameMap tells whether two maps are one and the same, not merely equal.
func sameMap(a, b map[string]any) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

func TestResponseObjectIsTheBodyAsOneJSONObject(t *testing.T) {
	ex := &client.Exchange{Response: client.RecordedResponse{Body: []byte(` {"id":"o","n":1.5,"error":null,"set":{"user":{"id":"u"}}} `)}}
	obj, ok := ex.ResponseObject()
	require.True(t, ok)
	assert.Equal(t, map[string]any{"id": "o", "n": 1.5, "error": nil, "set": map[string]any{"user": map[string]any{"id": "u"}}}, obj)
}

func TestResponseObjectRefusesWhatIsNotExactlyOneObject(t *testing.T) {
	for _, body := range []string{"", " ", "null", "[]", `"s"`, "7", "true", `{"a":1} x`, `{}{}`, `{"a":1`, `{"a":1e400}`, "<html/>"} {
		ex := &client.Exchange{Request: client.RecordedRequest{Body: []byte(body)}, Response: client.RecordedResponse{Body: []byte(body)}}
		obj, ok := ex.ResponseObject()
		assert.False(t, ok, "response %q", body)
		assert.Nil(t, obj, "response %q", body)
		obj, ok = ex.RequestObject()
		assert.False(t, ok, "request %q", body)
		assert.Nil(t, obj, "request %q", body)
	}
}

func TestBodyObjectsAreDecodedOncePerBody(t *testing.T) {
	ex := &client.Exchange{
		Request:  client.RecordedRequest{Body: []byte(`{"status":"pendingReboot"}`)},
		Response: client.RecordedResponse{Body: []byte(`{"id":"s","status":"pendingReboot"}`)},
	}
	first, _ := ex.ResponseObject()
	again, _ := ex.ResponseObject()
	assert.True(t, sameMap(first, again), "the second call decodes nothing")
	sent, _ := ex.RequestObject()
	sentAgain, _ := ex.RequestObject()
	assert.True(t, sameMap(sent, sentAgain), "the second call decodes nothing")
	assert.Equal(t, map[string]any{"status": "pendingReboot"}, sent, "the request has a memo of its own")
}

func TestABodyReplacedAfterDecodingIsDecodedAnew(t *testing.T) {
	ex := &client.Exchange{
		Request:  client.RecordedRequest{Body: []byte(`{"status":"pendingReboot"}`)},
		Response: client.RecordedResponse{Body: []byte(`{"id":"s"}`)},
	}
	_, _ = ex.ResponseObject()
	_, _ = ex.RequestObject()

	ex.Response.Body = []byte(`{"id":"t"}`) // as long as the first
	obj, ok := ex.ResponseObject()
	require.True(t, ok)
	assert.Equal(t, "t", obj["id"])
	ex.Request.Body = []byte(`{"status":"upToDate"}`)
	obj, ok = ex.RequestObject()
	require.True(t, ok)
	assert.Equal(t, "upToDate", obj["status"])

	ex.Response.Body = ex.Response.Body[:5] // cut, as a report cuts it: same first byte, shorter
	_, ok = ex.ResponseObject()
	assert.False(t, ok, "a cut body is no longer an object")
	ex.Response.Body = []byte("null")
	_, ok = ex.ResponseObject()
	assert.False(t, ok)
	ex.Response.Body = nil
	_, ok = ex.ResponseObject()
	assert.False(t, ok)
	ex.Request.Body = []byte(`{} {}`)
	_, ok = ex.RequestObject()
	assert.False(t, ok)
}

func TestACopyOfAnExchangeReadsItsOwnBody(t *testing.T) {
	ex := &client.Exchange{Response: client.RecordedResponse{Body: []byte(`{"id":"s"}`)}}
	original, _ := ex.ResponseObject()
	cp := *ex
	shared, _ := cp.ResponseObject()
	assert.True(t, sameMap(original, shared), "a copy with the same body shares its decoding")
	cp.Response.Body = []byte(`{"id":"copy"}`)
	obj, _ := cp.ResponseObject()
	assert.Equal(t, "copy", obj["id"])
	obj, _ = ex.ResponseObject()
	assert.Equal(t, "s", obj["id"], "the original keeps its body's decoding")
	cut := ex.ForReport(3)
	_, ok := cut.ResponseObject()
	assert.False(t, ok, "the report's cut body is decoded as it is")
}

func TestBodyObjectsAreSafeForConcurrentUse(t *testing.T) {
	ex := &client.Exchange{
		Request:  client.RecordedRequest{Body: []byte(`{"status":"pendingReboot"}`)},
		Response: client.RecordedResponse{Body: []byte(`{"id":"s","status":"pendingReboot"}`)},
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			obj, ok := ex.ResponseObject()
			assert.True(t, ok)
			assert.Equal(t, "s", obj["id"])
			obj, ok = ex.RequestObject()
			assert.True(t, ok)
			assert.Equal(t, "pendingReboot", obj["status"])
		})
	}
	wg.Wait()
}

func TestDecodingLeavesTheRecordOfAnExchangeAsItWas(t *testing.T) {
	ex := &client.Exchange{
		Request:  client.RecordedRequest{Method: http.MethodPatch, URL: "https://graph.example/beta/x", Path: "/beta/x", Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"status":"pendingReboot"}`)},
		Response: client.RecordedResponse{Status: http.StatusOK, Header: http.Header{"Request-Id": {"r"}}, Body: []byte(`{"id":"s"}`), BodyBytes: 10},
	}
	fresh := *ex
	before, err := json.Marshal(ex)
	require.NoError(t, err)
	_, _ = ex.RequestObject()
	_, _ = ex.ResponseObject()
	after, err := json.Marshal(ex)
	require.NoError(t, err)
	assert.Equal(t, string(before), string(after))
	var fields map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(after, &fields))
	assert.ElementsMatch(t, []string{"request", "response", "started", "elapsed"}, keys(fields), "the record holds no decoding")
	assert.Empty(t, cmp.Diff(&fresh, ex, cmpopts.IgnoreUnexported(client.Exchange{})), "decoding changes no recorded field")
}

func keys(m map[string]json.RawMessage) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// unmarshalObject is what json.Unmarshal makes of a body as a JSON object: the reading
// RequestObject and ResponseObject keep.
func unmarshalObject(body []byte) (map[string]any, bool) {
	var obj map[string]any
	if err := json.Unmarshal(body, &obj); err != nil || obj == nil {
		return nil, false
	}
	return obj, true
}

// objectBodies are bodies decoded in one pass and bodies json.Unmarshal must decode.
var objectBodies = []string{
	`{"id":"o","status":"succeeded","n":1.5e3,"createdBy":{"user":{"id":"u"},"application":null},"tags":["a",1,true,[]]}`,
	`{}`, ` { } `, `null`, `[]`, `[{"id":"o"}]`, `"o"`, `7`, `{"id":"o"} x`, `{}{}`, `{"id":`, ``,
	`{"id":"o","id":"p"}`, `{"id":1,"id":"o"}`, `{"i\u0064":"o"}`, `{"id":"\u00e9"}`, "{\"id\":\"\xff\"}", "{\"id\":\"a\x01\"}",
	`{"n":1e400}`, `{"n":-0}`, `{"n":01}`, `{"é":"日本"}`,
	`{"a":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`,
}

func TestResponseObjectReadsABodyAsJSONUnmarshalDoes(t *testing.T) {
	for _, body := range objectBodies {
		assertReadsAsUnmarshal(t, []byte(body))
	}
}

func FuzzResponseObjectReadsAsJSONUnmarshal(f *testing.F) {
	for _, body := range objectBodies {
		f.Add([]byte(body))
	}
	f.Fuzz(assertReadsAsUnmarshal)
}

func assertReadsAsUnmarshal(t *testing.T, body []byte) {
	ex := &client.Exchange{Response: client.RecordedResponse{Body: body}}
	got, gotOK := ex.ResponseObject()
	want, wantOK := unmarshalObject(body)
	assert.Equal(t, wantOK, gotOK, "%q", body)
	assert.Equal(t, want, got, "%q", body)
}
