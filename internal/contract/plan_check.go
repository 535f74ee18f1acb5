package contract

import (
	"math/bits"
	"unicode/utf8"

	"github.com/graphconform/graphconform/internal/jsonlex"
)

// maxPlanDepth bounds how deeply a plan follows nested objects and arrays; a deeper document is
// left to kin-openapi (encoding/json refuses past 10000 levels).
const maxPlanDepth = 256

// acceptsJSON says whether doc is one JSON value the plan accepts, as kin-openapi's JSON body
// decoder (encoding/json, numbers as json.Number) would decode it. It reads the bytes once, builds
// no value, and accepts only strict RFC 8259 JSON, a part of what encoding/json reads. Where
// encoding/json would decode by guessing, or where the plan would have to decode to compare, it
// says no and so leaves the document to kin-openapi: invalid UTF-8 (encoding/json substitutes
// U+FFFD), an escape in a member name or in a string the plan checks, nesting deeper than
// maxPlanDepth, bytes after the value (encoding/json ignores them). A member named twice is
// checked each time: encoding/json keeps the last.
func (p *plan) acceptsJSON(doc []byte) bool {
	s := scanner{doc: doc}
	s.space()
	if !s.value(p, 0) {
		return false
	}
	s.space()
	return s.at == len(doc)
}

// acceptsString says whether the plan accepts the JSON string s.
func (p *plan) acceptsString(s string) bool {
	if p.anyValue {
		return true
	}
	if p.types&kindString == 0 {
		return false
	}
	if p.enum != nil {
		if _, ok := p.enum[s]; !ok {
			return false
		}
	}
	return p.lengthConforms(int64(utf8.RuneCountInString(s))) && (!p.dateTime || isDateTime(s))
}

// bytesConform checks a string of a document against the string keywords of p, as kin-openapi's
// enum check and visitJSONString do.
func (p *plan) bytesConform(s []byte) bool {
	if p.enum != nil {
		if _, ok := p.enum[string(s)]; !ok {
			return false
		}
	}
	return p.lengthConforms(int64(utf8.RuneCount(s))) && (!p.dateTime || isDateTime(s))
}

// checksStrings says whether p reads the text of a string: an escaped one it leaves to kin-openapi.
func (p *plan) checksStrings() bool {
	return p.enum != nil || p.minLength > 0 || p.maxLength >= 0 || p.dateTime
}

// lengthConforms checks the length of a string against minLength and maxLength. kin-openapi means
// to count UTF-16 code units but counts what ranging over a Go string yields (it adds two for a
// surrogate, which a Go string never yields): runes, an invalid byte being one.
func (p *plan) lengthConforms(runes int64) bool {
	return runes >= p.minLength && (p.maxLength < 0 || runes <= p.maxLength)
}

// scanner reads a JSON document for a plan.
type scanner struct {
	doc []byte
	// at is the offset of the next byte to read.
	at int
}

// space skips whitespace.
func (s *scanner) space() { s.at = jsonlex.Space(s.doc, s.at) }

// value reads the value at s.at and says whether p accepts it; a nil p accepts any value, as an
// undeclared member or an array without items is left unchecked by kin-openapi.
func (s *scanner) value(p *plan, depth int) bool {
	if s.at >= len(s.doc) {
		return false
	}
	c := s.doc[s.at]
	if c == 'n' {
		return s.literal("null") && (p == nil || p.nullable)
	}
	if p == nil || p.anyValue {
		return s.skip(c, depth)
	}
	switch c {
	case '"':
		if p.types&kindString == 0 {
			return false
		}
		text, escaped, ok := s.string()
		if !ok || !p.checksStrings() {
			return ok
		}
		return !escaped && p.bytesConform(text)
	case '{':
		return p.types&kindObject != 0 && s.object(p, depth+1)
	case '[':
		return p.types&kindArray != 0 && s.array(p.items, depth+1)
	}
	return false // a number or a boolean, which no plan's type permits
}

// skip reads the value at s.at, which begins with c, and says whether it is well-formed.
func (s *scanner) skip(c byte, depth int) bool {
	switch c {
	case '"':
		_, _, ok := s.string()
		return ok
	case '{':
		return s.object(nil, depth+1)
	case '[':
		return s.array(nil, depth+1)
	case 't':
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	}
	return s.number()
}

// object reads the object at s.at and says whether p accepts it; a nil p accepts any object.
func (s *scanner) object(p *plan, depth int) bool {
	if depth > maxPlanDepth {
		return false
	}
	s.at++ // '{'
	s.space()
	// seen has the bit of each member of p read; undeclared counts the others.
	var seen, undeclared uint64
	if s.at < len(s.doc) && s.doc[s.at] == '}' {
		s.at++
	} else {
		for {
			if s.at >= len(s.doc) || s.doc[s.at] != '"' {
				return false
			}
			name, escaped, ok := s.string()
			if !ok || escaped && p != nil {
				return false
			}
			s.space()
			if s.at >= len(s.doc) || s.doc[s.at] != ':' {
				return false
			}
			s.at++
			s.space()
			var m member
			if p != nil {
				m = p.members[string(name)]
				switch {
				case m.plan == nil && p.closed:
					return false
				case m.bit != 0:
					seen |= m.bit
				default:
					undeclared++
				}
			}
			if !s.value(m.plan, depth) {
				return false
			}
			s.space()
			if s.at >= len(s.doc) {
				return false
			}
			if s.doc[s.at] == '}' {
				s.at++
				break
			}
			if s.doc[s.at] != ',' {
				return false
			}
			s.at++
			s.space()
		}
	}
	if p == nil {
		return true
	}
	// encoding/json keeps one value of a name given twice: the members the plan knows count once
	// each, and the others at least once if any and at most as often as they were read.
	known := uint64(bits.OnesCount64(seen))
	atLeast, atMost := int64(known+min(undeclared, 1)), int64(known+undeclared)
	return seen&p.required == p.required && atLeast >= p.minProperties && (p.maxProperties < 0 || atMost <= p.maxProperties)
}

// array reads the array at s.at and says whether items accepts every item.
func (s *scanner) array(items *plan, depth int) bool {
	if depth > maxPlanDepth {
		return false
	}
	s.at++ // '['
	s.space()
	if s.at < len(s.doc) && s.doc[s.at] == ']' {
		s.at++
		return true
	}
	for {
		if !s.value(items, depth) {
			return false
		}
		s.space()
		if s.at >= len(s.doc) {
			return false
		}
		switch s.doc[s.at] {
		case ']':
			s.at++
			return true
		case ',':
			s.at++
			s.space()
		default:
			return false
		}
	}
}

// string reads the string at s.at: its text between the quotes, still escaped, and whether it
// has an escape; ok is false for a string that is not valid UTF-8 or not well-formed.
func (s *scanner) string() (text []byte, escaped, ok bool) {
	start := s.at + 1
	for i := start; i < len(s.doc); {
		c := s.doc[i]
		if plainStringBytes[c] {
			i++
			continue
		}
		switch {
		case c == '"':
			s.at = i + 1
			return s.doc[start:i], escaped, true
		case c == '\\':
			escaped = true
			if i+1 >= len(s.doc) {
				return nil, false, false
			}
			switch s.doc[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+5 >= len(s.doc) || !isHex(s.doc[i+2]) || !isHex(s.doc[i+3]) || !isHex(s.doc[i+4]) || !isHex(s.doc[i+5]) {
					return nil, false, false
				}
				i += 6
			default:
				return nil, false, false
			}
		case c < utf8.RuneSelf: // a control character
			return nil, false, false
		default:
			r, size := utf8.DecodeRune(s.doc[i:])
			if r == utf8.RuneError && size == 1 {
				return nil, false, false
			}
			i += size
		}
	}
	return nil, false, false
}

// plainStringBytes are the bytes that stand for themselves in a JSON string: ASCII but the
// control characters, '"' and '\\'.
var plainStringBytes = func() (set [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		set[c] = c != '"' && c != '\\'
	}
	return set
}()

// literal reads word (true, false or null) at s.at.
func (s *scanner) literal(word string) (ok bool) {
	s.at, ok = jsonlex.Literal(s.doc, s.at, word)
	return ok
}

// number reads a number at s.at, in RFC 8259's grammar.
func (s *scanner) number() (ok bool) {
	s.at, ok = jsonlex.Number(s.doc, s.at)
	return ok
}
