package conformance

import (
	"bytes"
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
