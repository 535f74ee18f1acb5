package variants

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
)

// replaceBody gives the request a new body, as if the client had sent it.
func replaceBody(r *http.Request, body []byte) {
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	r.Header.Set("Content-Length", strconv.Itoa(len(body)))
}

// readBody reads the request body and puts it back.
func readBody(r *http.Request) []byte {
	body, _ := io.ReadAll(r.Body)
	replaceBody(r, body)
	return body
}

// jsonObject decodes a body as a JSON object; ok is false for anything else.
func jsonObject(body []byte) (obj map[string]any, ok bool) {
	if json.Unmarshal(body, &obj) != nil || obj == nil {
		return nil, false
	}
	return obj, true
}

// validUpdateBody is an updateSoftware body the docs accept.
var validUpdateBody = []byte(`{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}`)

// acceptingUpdateBodies wraps the mock so that an updateSoftware body for which invalid returns true
// reaches the mock as a valid one: the server accepts what it should refuse.
func acceptingUpdateBodies(invalid func(body []byte) bool) func(http.Handler) http.Handler {
	return requests(func(r *http.Request) {
		if isUpdateSoftware(r) && invalid(readBody(r)) {
			replaceBody(r, validUpdateBody)
		}
	})
}

// acceptingPatchBodies wraps the mock so that a PATCH body for which invalid returns true reaches the
// mock as a harmless valid one.
func acceptingPatchBodies(invalid func(obj map[string]any) bool) func(http.Handler) http.Handler {
	return requests(func(r *http.Request) {
		if !isStatePatch(r) {
			return
		}
		if obj, ok := jsonObject(readBody(r)); ok && invalid(obj) {
			replaceBody(r, []byte(`{"status":"upToDate"}`))
		}
	})
}
