package conformance

import (
	"bytes"
	"strings"

	"github.com/graphconform/graphconform/internal/client"
)

// stringMember reads the member name of the response body as decode does: decode is a json.Unmarshal
// of a body into a struct whose one field, a *string, is tagged name, and returns that field (nil
// when the member is absent or null) and whether the decode succeeded (false for a body that is no
// JSON, or a member that is not a string).
//
// It reads the exchange's shared decoding of the body (client.Exchange.ResponseObject) where that
// says what decode would, and calls decode where it may not: a body that is no JSON object (a null
// decodes into a struct without error; a number out of float64's range fails a map but not a struct
// that skips it), and a body whose top level names the member more than once or in another case
// (encoding/json fills a struct's field from a member of any case, the last one winning, and fails on
// a mistyped one even when a later one replaces it).
func stringMember(ex *client.Exchange, name string, decode func(body []byte) (*string, bool)) (*string, bool) {
	obj, ok := ex.ResponseObject()
	if !ok || !namedOnce(obj, name, ex.Response.Body) {
		return decode(ex.Response.Body)
	}
	switch value := obj[name].(type) {
	case nil:
		return nil, true // absent or null
	case string:
		return &value, true
	}
	return nil, false // a value of another type does not decode into a string
}

// namedOnce tells whether obj, decoded from the JSON object data, has one member named name in any
// case at most, written once: no other member name of it matches name case-insensitively, and no
// member name of data repeats another.
func namedOnce(obj map[string]any, name string, data []byte) bool {
	for key := range obj {
		if key != name && strings.EqualFold(key, name) {
			return false
		}
	}
	return topLevelMembers(data) == len(obj)
}

// topLevelMembers counts the members of the JSON object data, which must be valid JSON: the colons
// outside strings at depth one. A name written twice counts twice, though a map decoded from data
// holds it once.
func topLevelMembers(data []byte) int {
	depth, members := 0, 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			i = stringEnd(data, i+1)
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		case ':':
			if depth == 1 {
				members++
			}
		}
	}
	return members
}

// stringEnd is the offset of the quote that closes the JSON string whose contents start at from.
func stringEnd(data []byte, from int) int {
	for i := from; i < len(data); {
		j := bytes.IndexAny(data[i:], `"\`)
		if j < 0 {
			return len(data)
		}
		if data[i+j] == '"' {
			return i + j
		}
		i += j + 2 // a backslash and the character it escapes
	}
	return len(data)
}
