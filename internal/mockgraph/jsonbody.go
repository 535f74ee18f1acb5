package mockgraph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The bounds of a JSON request body the mock accepts, beyond MaxRequestBytes.
const (
	// MaxFieldLength bounds every string of a request body, names of members included: Graph
	// documents no longer string for the properties these operations take.
	MaxFieldLength = 1024
	// MaxJSONDepth bounds how deeply objects and arrays of a request body nest.
	MaxJSONDepth = 32
)

// bodyError says why a request body is not JSON the mock accepts, and where.
type bodyError struct {
	// pointer is the JSON pointer of the offending value, "" for the whole body.
	pointer string
	message string
}

// Error returns the message.
func (e *bodyError) Error() string { return e.message }

// decodeJSON decodes a request body as Graph reads one: valid UTF-8, one JSON value, no member named
// twice in an object, nesting at most MaxJSONDepth deep and no string longer than MaxFieldLength.
// Numbers decode as float64, as encoding/json does.
func decodeJSON(raw []byte) (any, *bodyError) {
	if !utf8.Valid(raw) {
		return nil, &bodyError{message: "The request body is not valid UTF-8. Send JSON encoded as UTF-8."}
	}
	if value, ok := decodeFast(raw); ok {
		return value, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	value, bad := decodeValue(dec, "", 0)
	if bad != nil {
		return nil, bad
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &bodyError{message: "The request body is not valid JSON: more follows its first value. Send one JSON object."}
	}
	return value, nil
}

// decodeValue decodes the next value of dec, found at pointer, depth levels deep.
func decodeValue(dec *json.Decoder, pointer string, depth int) (any, *bodyError) {
	tok, err := dec.Token()
	if err != nil {
		return nil, &bodyError{pointer: pointer, message: fmt.Sprintf("The request body is not valid JSON (%v). Send a JSON object.", err)}
	}
	switch t := tok.(type) {
	case json.Delim:
		if depth >= MaxJSONDepth {
			return nil, &bodyError{pointer: pointer, message: fmt.Sprintf("The request body nests deeper than %d levels. Send a flatter JSON object.", MaxJSONDepth)}
		}
		if t == '{' {
			return decodeObject(dec, pointer, depth+1)
		}
		return decodeArray(dec, pointer, depth+1)
	case string:
		if len(t) > MaxFieldLength {
			return nil, &bodyError{pointer: pointer, message: fmt.Sprintf("The value at '%s' is %d bytes long; the mock accepts strings of at most %d. Send a shorter value.", pointerOrRoot(pointer), len(t), MaxFieldLength)}
		}
		return t, nil
	case json.Number:
		f, err := strconv.ParseFloat(string(t), 64)
		if err != nil {
			return nil, &bodyError{pointer: pointer, message: fmt.Sprintf("The number at '%s' is out of range (%s). Send a number a 64-bit float holds.", pointerOrRoot(pointer), truncate(string(t), 64))}
		}
		return f, nil
	default: // bool or nil
		return t, nil
	}
}

// decodeObject decodes the members of an object whose '{' was read.
func decodeObject(dec *json.Decoder, pointer string, depth int) (any, *bodyError) {
	obj := map[string]any{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, &bodyError{pointer: pointer, message: fmt.Sprintf("The request body is not valid JSON (%v). Send a JSON object.", err)}
		}
		name, _ := tok.(string) // a member's name is always a string token
		member := pointer + "/" + escapePointer(name)
		if len(name) > MaxFieldLength {
			return nil, &bodyError{pointer: pointer, message: fmt.Sprintf("A member name at '%s' is %d bytes long; the mock accepts names of at most %d.", pointerOrRoot(pointer), len(name), MaxFieldLength)}
		}
		if _, dup := obj[name]; dup {
			return nil, &bodyError{pointer: member, message: fmt.Sprintf("The property '%s' appears more than once in an object of the request body. Send each property once.", truncate(name, maxEchoedSegment))}
		}
		value, bad := decodeValue(dec, member, depth)
		if bad != nil {
			return nil, bad
		}
		obj[name] = value
	}
	if _, err := dec.Token(); err != nil {
		return nil, &bodyError{pointer: pointer, message: fmt.Sprintf("The request body is not valid JSON (%v). Send a JSON object.", err)}
	}
	return obj, nil
}

// decodeArray decodes the items of an array whose '[' was read.
func decodeArray(dec *json.Decoder, pointer string, depth int) (any, *bodyError) {
	list := []any{}
	for dec.More() {
		value, bad := decodeValue(dec, pointer+"/"+strconv.Itoa(len(list)), depth)
		if bad != nil {
			return nil, bad
		}
		list = append(list, value)
	}
	if _, err := dec.Token(); err != nil {
		return nil, &bodyError{pointer: pointer, message: fmt.Sprintf("The request body is not valid JSON (%v). Send a JSON object.", err)}
	}
	return list, nil
}

// escapePointer escapes a member name as a JSON pointer token.
func escapePointer(name string) string {
	return strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1")
}

// pointerOrRoot shows a JSON pointer in a message; the whole body is "/".
func pointerOrRoot(pointer string) string {
	if pointer == "" {
		return "/"
	}
	return truncate(pointer, maxEchoedSegment)
}
