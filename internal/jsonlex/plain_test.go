package jsonlex_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/jsonlex"
)

// testBounds are small, so that the tests reach them.
var testBounds = jsonlex.Bounds{Depth: 4, String: 16}

func TestDecodePlainDecodesAsEncodingJSON(t *testing.T) {
	for _, doc := range []string{
		`{"id":"o","n":-1.5e3,"t":true,"f":false,"z":null,"a":[1,"x",{}],"o":{"p":[]}}`, ` {} `, `[]`, `"é日本"`, `0`, `null`,
		"\t[ 1 ,\n2 ]\r",
	} {
		got, ok := jsonlex.DecodePlain([]byte(doc), testBounds)
		if assert.True(t, ok, doc) {
			var want any
			assert.NoError(t, json.Unmarshal([]byte(doc), &want), doc)
			assert.Equal(t, want, got, doc)
		}
	}
}

func TestDecodePlainGivesUpAtWhatIsNotPlain(t *testing.T) {
	for _, doc := range []string{
		``, ` `, `{"a":1,"a":2}`, `{"a\u0062":1}`, `"\n"`, "\"a\x01\"", `{"a":1} x`, `{}{}`, `{"a":1`, `[1,]`, `{"a":nul}`, `01`, `1e999`,
		`[[[[[]]]]]`, `"` + strings.Repeat("x", 17) + `"`, `{"` + strings.Repeat("x", 17) + `":1}`,
	} {
		_, ok := jsonlex.DecodePlain([]byte(doc), testBounds)
		assert.False(t, ok, doc)
	}
	_, ok := jsonlex.DecodePlain([]byte(`[[[[]]]]`), testBounds)
	assert.True(t, ok, "Depth nested arrays are within the bounds")
	_, ok = jsonlex.DecodePlain([]byte(`"`+strings.Repeat("x", 16)+`"`), testBounds)
	assert.True(t, ok, "a string of String bytes is within the bounds")
}

// FuzzDecodePlainAgreesWithEncodingJSON: what DecodePlain decodes, encoding/json decodes alike.
func FuzzDecodePlainAgreesWithEncodingJSON(f *testing.F) {
	for _, doc := range []string{
		`{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}`, `{"a":1,"a":2}`, `[[[]]]`, `1e999`, `-0.5e+3`, `01`, `[1,]`,
		`{"a":{"b":[1,2,{"c":null}]}}`, `"x"`, `{} {}`, `{"\u0000":"\ud800"}`, ` {"a" : true , "b":false} `, `{"é":"日本"}`, `tru`, `{"a":nul}`,
	} {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		if !utf8.Valid(doc) {
			return
		}
		got, ok := jsonlex.DecodePlain(doc, testBounds)
		if !ok {
			return
		}
		var want any
		if err := json.Unmarshal(doc, &want); err != nil {
			t.Fatalf("DecodePlain decoded %q, which encoding/json refuses: %v", doc, err)
		}
		assert.Equal(t, want, got, "%q", doc)
	})
}
