package mockgraph

import (
	"strconv"

	"github.com/graphconform/graphconform/internal/jsonlex"
)

// scanner decodes a request body that decodeJSON accepts, in one pass over its bytes, to what
// decodeJSON's token-by-token decoding gives. It gives up (ok false) at anything it is not sure of,
// an error or a string with escapes, and decodeJSON then decodes the body token by token, which
// says what is wrong where: the scanner is only the fast way for the bodies that are fine.
type scanner struct {
	data []byte
	pos  int
}

// decodeFast decodes raw, already known to be valid UTF-8, or reports that it cannot.
func decodeFast(raw []byte) (value any, ok bool) {
	s := scanner{data: raw}
	value, ok = s.value(0)
	if !ok {
		return nil, false
	}
	s.space()
	return value, s.pos == len(s.data)
}

func (s *scanner) space() { s.pos = jsonlex.Space(s.data, s.pos) }

// value decodes the value at pos, depth levels deep, as decodeValue does.
func (s *scanner) value(depth int) (any, bool) {
	s.space()
	if s.pos >= len(s.data) {
		return nil, false
	}
	switch c := s.data[s.pos]; {
	case c == '{' || c == '[':
		if depth >= MaxJSONDepth {
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

func (s *scanner) literal(word string) (ok bool) {
	s.pos, ok = jsonlex.Literal(s.data, s.pos, word)
	return ok
}

// string decodes a string without escapes of at most MaxFieldLength bytes.
func (s *scanner) string() (any, bool) {
	start := s.pos + 1
	for i := start; i < len(s.data); i++ {
		switch c := s.data[i]; {
		case c == '"':
			if i-start > MaxFieldLength {
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
func (s *scanner) number() (any, bool) {
	start := s.pos
	end, ok := jsonlex.Number(s.data, s.pos)
	if !ok {
		return nil, false
	}
	s.pos = end
	f, err := strconv.ParseFloat(string(s.data[start:end]), 64)
	return f, err == nil
}

// object decodes the members of an object whose '{' was read; a name given twice gives up.
func (s *scanner) object(depth int) (any, bool) {
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
func (s *scanner) array(depth int) (any, bool) {
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
