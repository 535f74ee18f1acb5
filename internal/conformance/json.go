package conformance

import (
	"bytes"
	"encoding/json"
	"mime"
	"strings"
)

// isJSON tells whether a Content-Type names JSON, with or without parameters.
func isJSON(contentType string) bool {
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mediaType == "application/json" || strings.HasSuffix(mediaType, "+json")
}

// mayHoldKey tells whether a JSON text may hold an object member named key, without decoding it: a
// text with no backslash writes every member name as it is, so one that does not hold "key", quotes
// included, has no such member. A rule that finds nothing without the member skips decoding then.
func mayHoldKey(data []byte, key string) bool {
	return bytes.IndexByte(data, '\\') >= 0 || bytes.Contains(data, []byte(`"`+key+`"`))
}

// decodeObject decodes a JSON object; ok is false when data is not one. It reads a JSON value as
// client.Exchange's ResponseObject reads a body: a rule that judges a whole body asks the exchange, which
// decodes it once for every rule.
func decodeObject(data []byte) (obj map[string]any, ok bool) {
	if err := json.Unmarshal(data, &obj); err != nil || obj == nil {
		return nil, false
	}
	return obj, true
}
