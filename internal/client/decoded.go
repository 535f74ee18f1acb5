package client

import (
	"encoding/json"
	"sync/atomic"
	"unicode/utf8"

	"github.com/graphconform/graphconform/internal/jsonlex"
)

// RequestObject returns the request body decoded as one JSON object; ok is false when the body is not
// exactly one JSON object (empty, null, another kind of value, malformed, or followed by more data).
//
// The body is decoded once and the result remembered for as long as Request.Body is the same slice (the
// same first byte and length): a caller that assigns another body gets that body's decoding. A body
// changed in place, byte by byte, is not noticed; replace it instead. The map is shared by every caller:
// treat it, and every value in it, as read-only. RequestObject is safe for concurrent use; copying an
// Exchange while another goroutine decodes it is not, as for any other of its fields.
func (e *Exchange) RequestObject() (obj map[string]any, ok bool) {
	return e.decodedRequest.object(e.Request.Body)
}

// ResponseObject returns the response body decoded as one JSON object; ok is false when the body is not
// exactly one JSON object (empty, null, another kind of value, malformed, or followed by more data).
//
// The body is decoded once and the result remembered for as long as Response.Body is the same slice
// (the same first byte and length): a caller that assigns another body, or cuts it, gets that body's
// decoding. A body changed in place, byte by byte, is not noticed; replace it instead. The map is
// shared by every caller: treat it, and every value in it, as read-only. ResponseObject is safe for
// concurrent use; copying an Exchange while another goroutine decodes it is not, as for any other of
// its fields.
func (e *Exchange) ResponseObject() (obj map[string]any, ok bool) {
	return e.decodedResponse.object(e.Response.Body)
}

// objectMemo remembers the decoding of a body as a JSON object. Its zero value remembers none; a copy
// shares what the original remembered, which stays true of the same body.
type objectMemo struct {
	decoded atomic.Value // a *decodedObject
}

// decodedObject is one body's decoding and which body it is of: the body's first byte and length.
// Holding the first byte keeps that body in memory, so no other body can start at its address.
type decodedObject struct {
	first *byte
	size  int
	obj   map[string]any
	ok    bool
}

// object returns body decoded as a JSON object, decoding it unless m remembers that very body. Two
// goroutines asking at once may both decode it; they get equal maps, and m keeps one.
func (m *objectMemo) object(body []byte) (map[string]any, bool) {
	if len(body) == 0 {
		return nil, false // an empty body holds no JSON value
	}
	first := &body[0]
	if d, _ := m.decoded.Load().(*decodedObject); d != nil && d.first == first && d.size == len(body) {
		return d.obj, d.ok
	}
	obj, ok := DecodeObject(body)
	m.decoded.Store(&decodedObject{first: first, size: len(body), obj: obj, ok: ok})
	return obj, ok
}

// plainBounds are the bounds of a body decoded in one pass (jsonlex.DecodePlain): deeper or longer
// than any body of these operations, and a body beyond them is decoded by json.Unmarshal alike.
var plainBounds = jsonlex.Bounds{Depth: 64, String: 1 << 20}

// DecodeObject decodes data as exactly one JSON object, as json.Unmarshal reads one: data after the
// object, or a null, is no object. It is how RequestObject and ResponseObject decode a body, for a
// JSON text that is not a whole body (an item of a list page). A plain body is decoded in one pass, to what json.Unmarshal gives;
// any other, json.Unmarshal decodes.
func DecodeObject(data []byte) (obj map[string]any, ok bool) {
	if utf8.Valid(data) {
		if value, plain := jsonlex.DecodePlain(data, plainBounds); plain {
			obj, ok = value.(map[string]any)
			return obj, ok // one JSON value: an object, or another that json.Unmarshal refuses
		}
	}
	if err := json.Unmarshal(data, &obj); err != nil || obj == nil {
		return nil, false
	}
	return obj, true
}
