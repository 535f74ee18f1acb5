// Package jsonlex reads the lexical pieces of a JSON document (RFC 8259) in place, without
// decoding them: the scanners that check or decode a body in one pass share it. DecodePlain decodes,
// in one pass, the plain documents most bodies are, as encoding/json decodes them.
package jsonlex

// Space returns the offset of the first byte from at on that is not JSON whitespace.
func Space(doc []byte, at int) int {
	for at < len(doc) {
		switch doc[at] {
		case ' ', '\t', '\n', '\r':
			at++
		default:
			return at
		}
	}
	return at
}

// Literal reads word (true, false or null) at at: the offset after it, and whether it is there.
func Literal(doc []byte, at int, word string) (end int, ok bool) {
	if len(doc)-at < len(word) || string(doc[at:at+len(word)]) != word {
		return at, false
	}
	return at + len(word), true
}

// Number reads a number at at, in RFC 8259's grammar -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?:
// the offset after it, and whether there is one.
func Number(doc []byte, at int) (end int, ok bool) {
	i := at
	if i < len(doc) && doc[i] == '-' {
		i++
	}
	switch {
	case i < len(doc) && doc[i] == '0':
		i++
	case i < len(doc) && '1' <= doc[i] && doc[i] <= '9':
		i = digits(doc, i)
	default:
		return at, false
	}
	if i < len(doc) && doc[i] == '.' {
		if i+1 >= len(doc) || !isDigit(doc[i+1]) {
			return at, false
		}
		i = digits(doc, i+1)
	}
	if i < len(doc) && (doc[i] == 'e' || doc[i] == 'E') {
		i++
		if i < len(doc) && (doc[i] == '+' || doc[i] == '-') {
			i++
		}
		if i >= len(doc) || !isDigit(doc[i]) {
			return at, false
		}
		i = digits(doc, i)
	}
	return i, true
}

// digits returns the offset of the first byte from i on that is not a digit.
func digits(doc []byte, i int) int {
	for i < len(doc) && isDigit(doc[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
