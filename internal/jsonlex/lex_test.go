package jsonlex_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/jsonlex"
)

func TestNumberReadsRFC8259sGrammarOnly(t *testing.T) {
	cases := map[string]int{ // the number's length at the start of the text; -1 for none
		"0": 1, "-0": 2, "12": 2, "1.5": 3, "-1.5e10": 7, "1E+2": 4, "1e-2,": 4, "01": 1, "0.5}": 3,
		"-": -1, "+1": -1, ".5": -1, "1.": -1, "1e": -1, "1e+": -1, "-a": -1, "": -1, "x": -1,
	}
	for text, want := range cases {
		end, ok := jsonlex.Number([]byte(text), 0)
		if want < 0 {
			assert.False(t, ok, "%q", text)
			assert.Equal(t, 0, end, "%q: a failed read stays where it was", text)
			continue
		}
		assert.True(t, ok, "%q", text)
		assert.Equal(t, want, end, "%q", text)
	}
}

func TestLiteralAndSpace(t *testing.T) {
	doc := []byte(" \t\r\n true nul")
	at := jsonlex.Space(doc, 0)
	assert.Equal(t, 5, at)
	end, ok := jsonlex.Literal(doc, at, "true")
	assert.True(t, ok)
	assert.Equal(t, 9, end)
	_, ok = jsonlex.Literal(doc, jsonlex.Space(doc, end), "null")
	assert.False(t, ok, "a cut literal is not one")
	assert.Equal(t, 3, jsonlex.Space([]byte("   "), 0), "a document of space only is read to its end")
}

// FuzzNumberAgreesWithEncodingJSON checks that a whole text Number reads is a number encoding/json
// reads, and the other way round.
func FuzzNumberAgreesWithEncodingJSON(f *testing.F) {
	for _, seed := range []string{"0", "-0", "1.5e10", "01", "1.", "-", "1e400", "9007199254740993"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		end, ok := jsonlex.Number([]byte(text), 0)
		whole := ok && end == len(text)
		// A valid JSON document that starts with '-' or a digit and ends with a digit is one number.
		isNumber := json.Valid([]byte(text)) && len(text) > 0 && (text[0] == '-' || isDigit(text[0])) && isDigit(text[len(text)-1])
		if whole != isNumber {
			t.Fatalf("%q: Number reads it whole %v, encoding/json takes it for a number %v", text, whole, isNumber)
		}
	})
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
