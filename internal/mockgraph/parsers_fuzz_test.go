package mockgraph

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets of the mock's parsers. Their seed corpora run with every go test; 'make fuzz'
// fuzzes each for FUZZTIME.

// fixture reads a file of the repository's fixtures, for a seed corpus.
func fixture(f *testing.F, path string) []byte {
	f.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", path))
	if err != nil {
		f.Fatal(err)
	}
	return data
}

// FuzzParseSeed: a seed either fails to parse with an error or is one the mock can start from.
func FuzzParseSeed(f *testing.F) {
	f.Add(fixture(f, "fixtures/mock/default.yaml"))
	f.Add([]byte("teamworkDevices: [a, A]\n"))
	f.Add([]byte("users:\n  - id: u\n    installedApps: [x, x]\n"))
	f.Add([]byte("deviceConfigurations:\n  - id: c\n    windowsUpdateStates:\n      - {id: s, status: 7}\n"))
	f.Add([]byte("&a [*a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		seed, err := ParseSeed(data)
		if err != nil {
			return
		}
		if err := seed.validate(); err != nil {
			t.Fatalf("ParseSeed accepted a seed its own rules refuse: %v", err)
		}
		s := newState(seed.clone())
		if s.index.len() != len(seed.TeamworkDevices) {
			t.Fatalf("%d devices from a seed of %d", s.index.len(), len(seed.TeamworkDevices))
		}
		for _, id := range seed.TeamworkDevices {
			if dev, ok := s.device(id, false); !ok || dev.id != id {
				t.Fatalf("device %q of the seed is not found as it was seeded", id)
			}
		}
	})
}

// FuzzParseFault: a --fault rule either fails with an error or is a rule New accepts.
func FuzzParseFault(f *testing.F) {
	for _, s := range []string{
		"teamworkDevice.updateSoftware:429:count=1:retryAfter=2",
		"*:503:latencyMs=10",
		"teamworkDevice.updateSoftware:failOperation",
		"x:429:count=-1", "::::", "*:504:retryAfter=1e999", "*:429:retryAfter=NaN",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		fault, err := ParseFault(spec)
		if err != nil {
			return
		}
		if _, err := fault.normalize(); err != nil {
			t.Fatalf("ParseFault(%q) accepted a rule normalize refuses: %v", spec, err)
		}
	})
}

// FuzzParseFaults: a faults file (YAML or JSON) either fails with an error or holds rules New
// accepts.
func FuzzParseFaults(f *testing.F) {
	f.Add(fixture(f, "fixtures/mock/faults.example.yaml"))
	f.Add([]byte(`[{"operation":"*","status":429,"retryAfter":"2.5"}]`))
	f.Add([]byte(`{"faults":[{"operation":"*","latencyMs":1}]}`))
	f.Add([]byte("- operation: '*'\n  status: 503\n  count: 99999999999999999999\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		faults, err := ParseFaults(data)
		if err != nil {
			return
		}
		for i, fault := range faults {
			if _, err := fault.normalize(); err != nil {
				t.Fatalf("ParseFaults accepted rule %d that normalize refuses: %v", i, err)
			}
		}
	})
}

// FuzzParseRate: a --rate either fails or is a non-negative number of requests a second.
func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"", "10/s", "0/s", "-1/s", "1e3/s", "99999999999999999999/s", "10/m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseRate(s)
		if err == nil && n < 0 {
			t.Fatalf("ParseRate(%q) = %d", s, n)
		}
	})
}

// FuzzDecodeJSON: what decodeJSON accepts is valid UTF-8 JSON within the bounds, and decodes to what
// encoding/json decodes; what it refuses it refuses with a message.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{
		`{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}`, `{"a":1,"a":2}`, `[[[]]]`, `1e999`,
		"{\"a\":\"\xff\"}", `{"a":{"b":[1,2,{"c":null}]}}`, `"x"`, `{} {}`, `{"\u0000":"\ud800"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		value, bad := decodeJSON(raw)
		if bad != nil {
			if bad.message == "" {
				t.Fatalf("decodeJSON refused %q without a message", raw)
			}
			return
		}
		if !utf8.Valid(raw) || !json.Valid(raw) {
			t.Fatalf("decodeJSON accepted %q, which is not valid UTF-8 JSON", raw)
		}
		var want any
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatalf("decodeJSON accepted %q, which encoding/json refuses: %v", raw, err)
		}
		got, _ := json.Marshal(value)
		wantJSON, _ := json.Marshal(want)
		if string(got) != string(wantJSON) {
			t.Fatalf("decodeJSON(%q) = %s, encoding/json decodes %s", raw, got, wantJSON)
		}
	})
}

// FuzzReadToken: a bearer token is opaque, a JWT the mock reads, or an error; a JWT's claims are
// within MaxClaimLength.
func FuzzReadToken(f *testing.F) {
	for _, s := range []string{
		"opaque", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzY3AiOiJhIGIifQ.",
		MintToken(TokenClaims{Scopes: []string{"TeamworkDevice.ReadWrite.All"}, UserID: "u", Name: "n"}),
		MintToken(TokenClaims{Roles: []string{"r"}, AppID: "a"}), "eyJ.eyJ.", "eyJhbGciOiJub25lIn0.WzFd.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, token string) {
		p, err := readToken(token)
		if err != nil {
			return
		}
		for _, s := range append(append([]string{}, p.scopes...), p.roles...) {
			if len(s) > MaxClaimLength {
				t.Fatalf("a claim of %d bytes was read", len(s))
			}
		}
		if p.caller.User == nil && p.caller.Application == nil {
			t.Fatalf("readToken(%q) names no caller", token)
		}
	})
}

// FuzzCheckQuery: a query is accepted only when every $option in it is declared, once.
func FuzzCheckQuery(f *testing.F) {
	for _, s := range []string{"$top=1", "$top=1&$top=2", "$skiptoken=%ZZ", "$filter=x", "a=b&&c", "$TOP=1", "%24top=1&$top=2"} {
		f.Add(s)
	}
	declared := map[string]bool{"$top": true, "$skiptoken": true}
	f.Fuzz(func(t *testing.T, rawQuery string) {
		if checkQuery(rawQuery, OpListOperations, declared) != nil {
			return
		}
		if checkQuery(rawQuery, OpUpdateSoftware, nil) == nil && containsOption(rawQuery) {
			t.Fatalf("%q passed for an operation that declares no option", rawQuery)
		}
	})
}

// containsOption reports whether a well-encoded query has a $option.
func containsOption(rawQuery string) bool {
	for i := 0; i < len(rawQuery); i++ {
		if (i == 0 || rawQuery[i-1] == '&') && (rawQuery[i] == '$' || (i+2 < len(rawQuery) && rawQuery[i:i+3] == "%24")) {
			return true
		}
	}
	return false
}

// FuzzDecodeFast: what the one-pass scanner decodes, the token-by-token decoding decodes alike.
func FuzzDecodeFast(f *testing.F) {
	for _, s := range []string{
		`{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}`, `{"a":1,"a":2}`, `[[[]]]`, `1e999`, `-0.5e+3`, `01`, `[1,]`,
		`{"a":{"b":[1,2,{"c":null}]}}`, `"x"`, `{} {}`, `{"\u0000":"\ud800"}`, ` {"a" : true , "b":false} `, `{"é":"日本"}`, `tru`, `{"a":nul}`,
		strings.Repeat("[", MaxJSONDepth) + strings.Repeat("]", MaxJSONDepth), strings.Repeat("[", MaxJSONDepth+1) + strings.Repeat("]", MaxJSONDepth+1),
		`{"a":"` + strings.Repeat("x", MaxFieldLength+1) + `"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if !utf8.Valid(raw) {
			return
		}
		fast, ok := decodeFast(raw)
		if !ok {
			return
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		slow, bad := decodeValue(dec, "", 0)
		if bad != nil {
			t.Fatalf("the scanner decoded %q, which decodeValue refuses: %s", raw, bad.message)
		}
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			t.Fatalf("the scanner decoded %q, which has more after its value", raw)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("the scanner decoded %q to %#v, decodeValue to %#v", raw, fast, slow)
		}
	})
}
