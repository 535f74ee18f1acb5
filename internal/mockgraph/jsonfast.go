package mockgraph

import "github.com/graphconform/graphconform/internal/jsonlex"

// bodyBounds are the bounds of a request body the mock accepts, as DecodePlain takes them.
var bodyBounds = jsonlex.Bounds{Depth: MaxJSONDepth, String: MaxFieldLength}

// decodeFast decodes raw, already known to be valid UTF-8, in one pass over its bytes, to what
// decodeJSON's token-by-token decoding gives. It gives up (ok false) at anything it is not sure of,
// an error or a string with escapes, and decodeJSON then decodes the body token by token, which
// says what is wrong where: the one pass is only the fast way for the bodies that are fine.
func decodeFast(raw []byte) (value any, ok bool) {
	return jsonlex.DecodePlain(raw, bodyBounds)
}
