package conformance

import (
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

// decodeObject decodes a JSON object; ok is false when data is not one.
func decodeObject(data []byte) (obj map[string]any, ok bool) {
	if err := json.Unmarshal(data, &obj); err != nil || obj == nil {
		return nil, false
	}
	return obj, true
}
