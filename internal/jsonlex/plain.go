package jsonlex

import "strconv"

// Bounds limit what DecodePlain decodes: a document beyond them is given up.
type Bounds struct {
	// Depth is how deeply objects and arrays may nest: 1 allows an object or an array of scalars.
	Depth int
	// String is the longest string in bytes, member names included.
	String int
}

// DecodePlain decodes doc, which must be valid UTF-8, in one pass over its bytes, to what
// encoding/json's Unmarshal into an any gives it: objects as map[string]any, arrays as []any, numbers
// as float64. It decodes only the plain documents most bodies are, one JSON value within bounds whose
// strings hold no escape and whose objects name no member twice, and gives up (ok false) at anything
// else, valid or not: the caller then decodes doc with encoding/json, which says what is wrong where.
func DecodePlain(doc []byte, bounds Bounds) (value any, ok bool) {
	s := plainScanner{data: doc, bounds: bounds}
	value, ok = s.value(0)
	if !ok {
		return nil, false
	}
	s.space()
	return value, s.pos == len(s.data)
}

// plainScanner is DecodePlain's position in its document.
type plainScanner struct {
	data   []byte
	pos    int
	bounds Bounds
}

func (s *plainScanner) space() { s.pos = Space(s.data, s.pos) }

// value decodes the value at pos, inside depth objects and arrays.
func (s *plainScanner) value(depth int) (any, bool) {
	s.space()
	if s.pos >= len(s.data) {
		return nil, false
	}
	switch c := s.data[s.pos]; {
	case c == '{' || c == '[':
		if depth >= s.bounds.Depth {
			return nil, false
		}
		s.pos++
		if c == '{' {
			return s.object(depth + 1)
		}
		return s.array(depth + 1)
	case c == '"':
		return s.string()
	case c == 't':
		return true, s.literal("true")
	case c == 'f':
		return false, s.literal("false")
	case c == 'n':
		return nil, s.literal("null")
	default:
		return s.number()
	}
}

func (s *plainScanner) literal(word string) (ok bool) {
	s.pos, ok = Literal(s.data, s.pos, word)
	return ok
}

// string decodes a string without escapes or control characters, within the bounds.
func (s *plainScanner) string() (any, bool) {
	start := s.pos + 1
	for i := start; i < len(s.data); i++ {
		switch c := s.data[i]; {
		case c == '"':
			if i-start > s.bounds.String {
				return nil, false
			}
			s.pos = i + 1
			return string(s.data[start:i]), true
		case c == '\\' || c < 0x20:
			return nil, false
		}
	}
	return nil, false
}

// number decodes a number of JSON's grammar that a float64 holds.
func (s *plainScanner) number() (any, bool) {
	start := s.pos
	end, ok := Number(s.data, s.pos)
	if !ok {
		return nil, false
	}
	s.pos = end
	f, err := strconv.ParseFloat(string(s.data[start:end]), 64)
	return f, err == nil
}

// object decodes the members of an object whose '{' was read; a name given twice gives up.
func (s *plainScanner) object(depth int) (any, bool) {
	obj := map[string]any{}
	s.space()
	if s.pos < len(s.data) && s.data[s.pos] == '}' {
		s.pos++
		return obj, true
	}
	for {
		s.space()
		if s.pos >= len(s.data) || s.data[s.pos] != '"' {
			return nil, false
		}
		name, ok := s.string()
		if !ok {
			return nil, false
		}
		if _, dup := obj[name.(string)]; dup {
			return nil, false
		}
		s.space()
		if s.pos >= len(s.data) || s.data[s.pos] != ':' {
			return nil, false
		}
		s.pos++
		value, ok := s.value(depth)
		if !ok {
			return nil, false
		}
		obj[name.(string)] = value
		s.space()
		if s.pos >= len(s.data) {
			return nil, false
		}
		switch s.data[s.pos] {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return obj, true
		default:
			return nil, false
		}
	}
}

// array decodes the items of an array whose '[' was read.
func (s *plainScanner) array(depth int) (any, bool) {
	list := []any{}
	s.space()
	if s.pos < len(s.data) && s.data[s.pos] == ']' {
		s.pos++
		return list, true
	}
	for {
		value, ok := s.value(depth)
		if !ok {
			return nil, false
		}
		list = append(list, value)
		s.space()
		if s.pos >= len(s.data) {
			return nil, false
		}
		switch s.data[s.pos] {
		case ',':
			s.pos++
		case ']':
			s.pos++
			return list, true
		default:
			return nil, false
		}
	}
}
