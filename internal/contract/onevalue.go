package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/graphconform/graphconform/internal/jsonlex"
)

// dataAfterValueError says a JSON body holds more than one JSON value: kin-openapi's JSON body
// decoder reads the first and ignores what follows, so the validator checks it itself.
type dataAfterValueError struct {
	// offset is the offset of the first byte after the body's first value that is not whitespace.
	offset int
	// size is the body's length in bytes.
	size int
}

// Error says where the extra data begins and what a sender should do.
func (e *dataAfterValueError) Error() string {
	return fmt.Sprintf("there is data after the JSON value, from byte %d of %d: send exactly one JSON value", e.offset, e.size)
}

// checkOneValue returns a *dataAfterValueError when body is a JSON value followed by more than
// whitespace, and nil otherwise: for one value with whitespace around it, and for a body whose
// first value does not decode, which kin-openapi's decoder reports itself. It reads the body as
// encoding/json, kin-openapi's decoder, does.
func checkOneValue(body []byte) error {
	if json.Valid(body) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var first json.RawMessage
	if err := dec.Decode(&first); err != nil {
		return nil
	}
	if at := jsonlex.Space(body, int(dec.InputOffset())); at < len(body) {
		return &dataAfterValueError{offset: at, size: len(body)}
	}
	return nil
}

// bodyDecoder is the decoder kin-openapi decodes a body of mediaType with: the one registered
// for it, or for application/json when it is a "+json" type with none; nil when there is none.
func bodyDecoder(mediaType string) openapi3filter.BodyDecoder {
	decoder := openapi3filter.RegisteredBodyDecoder(mediaType)
	if decoder == nil && strings.HasSuffix(mediaType, "+json") {
		decoder = openapi3filter.RegisteredBodyDecoder("application/json")
	}
	return decoder
}

// kinJSONDecoder is kin-openapi's JSON body decoder, by its code pointer.
var kinJSONDecoder = reflect.ValueOf(openapi3filter.JSONBodyDecoder).Pointer()

// isKinJSON says whether decoder is kin-openapi's JSON body decoder.
func isKinJSON(decoder openapi3filter.BodyDecoder) bool {
	return decoder != nil && reflect.ValueOf(decoder).Pointer() == kinJSONDecoder
}

// decodesWithKinJSON says whether kin-openapi's ValidateRequest decodes a body of contentType, for
// media, with its JSON body decoder: media has a schema (without one kin-openapi reads no body),
// not a binary string (read as bytes), and the decoder of the media type is kin-openapi's JSON one.
func decodesWithKinJSON(media *openapi3.MediaType, contentType string) bool {
	if media == nil || media.Schema == nil {
		return false
	}
	if s := media.Schema.Value; s != nil && s.Type.Is(openapi3.TypeString) && s.Format == "binary" {
		return false
	}
	return isKinJSON(bodyDecoder(mediaTypeOf(contentType)))
}
