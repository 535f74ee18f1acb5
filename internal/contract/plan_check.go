package contract

import (
	"bytes"
	"sync"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// maxPlanDepth bounds how deeply a plan follows nested objects and arrays; a deeper document is
// left to kin-openapi (encoding/json refuses past 10000 levels).
const maxPlanDepth = 256

// acceptsJSON says whether doc is one JSON value the plan accepts, as kin-openapi's JSON body
// decoder (encoding/json, numbers as json.Number) would decode it. It reads the bytes once with a
// strict RFC 8259 tokenizer and builds no value. What encoding/json would decode with a guess —
// a member named twice (it keeps the last), invalid UTF-8 (it substitutes U+FFFD), nesting deeper
// than maxPlanDepth, bytes after the value (it ignores them) — gets a no, and so kin-openapi's say.
func (p *plan) acceptsJSON(doc []byte) bool {
	r := readers.Get().(*planReader)
	defer r.release()
	r.src.Reset(doc)
	r.dec.Reset(&r.src)
	if !r.value(p, 0) {
		return false
	}
	return len(bytes.TrimLeft(doc[r.dec.InputOffset():], " \t\r\n")) == 0
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

// planReader reads one document for a plan; readers keeps them for reuse.
type planReader struct {
	src bytes.Reader
	dec *jsontext.Decoder
	// text holds an unescaped string.
	text []byte
}

var readers = sync.Pool{New: func() any {
	r := &planReader{}
	r.dec = jsontext.NewDecoder(&r.src)
	return r
}}

// release forgets the document and returns r to readers.
func (r *planReader) release() {
	r.src.Reset(nil)
	r.dec.Reset(&r.src)
	readers.Put(r)
}

// value reads the next value and says whether p accepts it; a nil p accepts any value, as an
// undeclared member or an array without items is left unchecked.
func (r *planReader) value(p *plan, depth int) bool {
	kind := r.dec.PeekKind()
	switch {
	case kind == 0:
		return false
	case p == nil:
		return r.skip(depth)
	case kind == 'n':
		_, err := r.dec.ReadToken()
		return err == nil && p.nullable
	case p.anyValue:
		return r.skip(depth)
	}
	switch kind {
	case '"':
		s, ok := r.readString()
		return ok && p.types&kindString != 0 && p.stringConforms(s)
	case '{':
		return p.types&kindObject != 0 && r.object(p, depth+1)
	case '[':
		return p.types&kindArray != 0 && r.array(p.items, depth+1)
	}
	return false // a number or a boolean, which no plan's type permits
}

// readString reads a string value or name, unescaped; the bytes are valid until the next read.
func (r *planReader) readString() ([]byte, bool) {
	raw, err := r.dec.ReadValue()
	if err != nil || len(raw) < 2 || raw[0] != '"' {
		return nil, false
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw[1 : len(raw)-1], true
	}
	r.text, err = jsontext.AppendUnquote(r.text[:0], raw)
	return r.text, err == nil
}

// object reads an object whose '{' is next and says whether p accepts it.
func (r *planReader) object(p *plan, depth int) bool {
	if depth > maxPlanDepth {
		return false
	}
	if _, err := r.dec.ReadToken(); err != nil {
		return false
	}
	var count int64
	var seen uint64
	for r.dec.PeekKind() != '}' {
		name, ok := r.readString()
		if !ok {
			return false
		}
		m := p.members[string(name)]
		seen |= m.bit
		switch {
		case m.plan != nil:
			if !r.value(m.plan, depth) {
				return false
			}
		case p.closed:
			return false
		default:
			if !r.skip(depth) {
				return false
			}
		}
		count++
	}
	if _, err := r.dec.ReadToken(); err != nil {
		return false
	}
	return seen&p.required == p.required && count >= p.minProperties && (p.maxProperties < 0 || count <= p.maxProperties)
}

// array reads an array whose '[' is next and says whether every item is one items accepts.
func (r *planReader) array(items *plan, depth int) bool {
	if depth > maxPlanDepth {
		return false
	}
	if _, err := r.dec.ReadToken(); err != nil {
		return false
	}
	for r.dec.PeekKind() != ']' {
		if !r.value(items, depth) {
			return false
		}
	}
	_, err := r.dec.ReadToken()
	return err == nil
}

// skip reads the next value, whatever it is, and says whether it is well-formed.
func (r *planReader) skip(depth int) bool {
	switch r.dec.PeekKind() {
	case 0:
		return false
	case '{':
		if depth+1 > maxPlanDepth {
			return false
		}
		if _, err := r.dec.ReadToken(); err != nil {
			return false
		}
		for r.dec.PeekKind() != '}' {
			if _, ok := r.readString(); !ok || !r.skip(depth+1) {
				return false
			}
		}
		_, err := r.dec.ReadToken()
		return err == nil
	case '[':
		return r.array(nil, depth+1)
	}
	_, err := r.dec.ReadValue()
	return err == nil
}

// stringConforms checks a string against the string keywords of p, as kin-openapi's enum check
// and visitJSONString do.
func (p *plan) stringConforms(s []byte) bool {
	if p.enum != nil {
		if _, ok := p.enum[string(s)]; !ok {
			return false
		}
	}
	return p.lengthConforms(int64(utf8.RuneCount(s))) && (!p.dateTime || isDateTime(s))
}

// lengthConforms checks the length of a string against minLength and maxLength. kin-openapi means
// to count UTF-16 code units but counts what ranging over a Go string yields (it adds two for a
// surrogate, which a Go string never yields): runes, an invalid byte being one.
func (p *plan) lengthConforms(runes int64) bool {
	return runes >= p.minLength && (p.maxLength < 0 || runes <= p.maxLength)
}
