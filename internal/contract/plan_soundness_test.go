package contract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphconform/graphconform/internal/badinput"
	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/contract"
)

// The plans only ever skip kin-openapi: these tests check every exchange of a corpus twice, with
// the validator and with the same validator whose plans are off (kin-openapi alone, as before), and
// want the same findings, rule, pointer and message alike. The corpus is the bad-input table, the
// benchmark's exchanges, the examples of the description and mutations of their bodies meant to
// sit on the plans' edges: a value of each kind in each place, members removed and added, names
// given twice, invalid UTF-8, escapes, bytes after the value, deep nesting, -0 and 1e400.

func TestPlansNeverChangeTheFindingsOfTheBadInputTable(t *testing.T) {
	v := newValidator(t)
	kin := contract.WithoutPlans(v)
	ctx := context.Background()
	checked := 0
	for _, c := range badinput.Cases(badinput.DefaultResources()) {
		if c.Raw != "" {
			continue
		}
		header := http.Header{}
		if len(c.Body) > 0 {
			header.Set("Content-Type", "application/json")
		}
		for name, value := range c.Header {
			if value == "" {
				header.Del(name)
			} else {
				header.Set(name, value)
			}
		}
		route, err := v.FindRoute(c.Method, c.Path)
		if err != nil {
			continue
		}
		checked++
		got := v.CheckRequest(ctx, route, c.Method, c.Path, header, c.Body)
		want := kin.CheckRequest(ctx, route, c.Method, c.Path, header, c.Body)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: findings differ from kin-openapi's alone (-kin +planned):\n%s", c.Name, diff)
		}
	}
	if checked < 50 {
		t.Fatalf("only %d bad requests routed: the table changed, look again at this test", checked)
	}
}

func TestPlansNeverChangeTheFindingsOfMutatedRequests(t *testing.T) {
	v := newValidator(t)
	kin := contract.WithoutPlans(v)
	ctx := context.Background()
	var planned, found int
	for _, req := range corpusRequests() {
		route, err := v.FindRoute(req.Method, req.Path)
		if err != nil {
			t.Fatal(err)
		}
		bodies := append([][]byte{req.Body}, mutations(req.Body)...)
		for _, body := range bodies {
			ex := &client.Exchange{Request: client.RecordedRequest{Method: req.Method, Path: req.Path, Header: req.Header, Body: body}}
			got := v.CheckRequest(ctx, route, req.Method, req.Path, req.Header, body)
			want := kin.CheckRequest(ctx, route, req.Method, req.Path, req.Header, body)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s %s %q: findings differ from kin-openapi's alone (-kin +planned):\n%s", req.Method, req.Path, body, diff)
			}
			if contract.RequestPlanned(v, route, ex) {
				planned++
				if len(want) > 0 {
					t.Errorf("%s %s %q: the plan vouched for a request kin-openapi finds %v in", req.Method, req.Path, body, want)
				}
			}
			if len(want) > 0 {
				found++
			}
		}
	}
	t.Logf("%d requests vouched for by a plan, %d with findings", planned, found)
	if planned < 100 || found < 100 {
		t.Errorf("the corpus should hold many requests of both kinds: %d planned, %d with findings", planned, found)
	}
}

func TestPlansNeverChangeTheFindingsOfMutatedResponses(t *testing.T) {
	v := newValidator(t)
	kin := contract.WithoutPlans(v)
	ctx := context.Background()
	var planned, found int
	for _, ex := range corpusResponses(t, v) {
		route, err := v.FindRoute(ex.Request.Method, ex.Request.Path)
		if err != nil {
			t.Fatal(err)
		}
		variants := []client.Exchange{ex}
		for _, body := range mutations(ex.Response.Body) {
			m := ex
			m.Response.Body = body
			variants = append(variants, m)
		}
		for _, h := range headerMutations(ex.Response.Header) {
			m := ex
			m.Response.Header = h
			variants = append(variants, m)
		}
		for i := range variants {
			m := &variants[i]
			operation, got := v.CheckRoutedResponse(ctx, route, m)
			kinOperation, want := kin.CheckRoutedResponse(ctx, route, m)
			if diff := cmp.Diff(want, got); diff != "" || operation != kinOperation {
				t.Errorf("%s → %d %v %q: findings differ from kin-openapi's alone (-kin +planned):\n%s", operation, m.Response.Status, m.Response.Header, m.Response.Body, diff)
			}
			if contract.ResponsePlanned(v, route, m) {
				planned++
				if len(want) > 0 {
					t.Errorf("%s → %d %q: the plan vouched for a response kin-openapi finds %v in", operation, m.Response.Status, m.Response.Body, want)
				}
			}
			if len(want) > 0 {
				found++
			}
		}
	}
	t.Logf("%d responses vouched for by a plan, %d with findings", planned, found)
	if planned < 100 || found < 100 {
		t.Errorf("the corpus should hold many responses of both kinds: %d planned, %d with findings", planned, found)
	}
}

func TestPlansVouchForEveryExchangeOfTheBenchmark(t *testing.T) {
	v := newValidator(t)
	for _, tc := range benchExchanges {
		route, err := v.FindRoute(tc.ex.Request.Method, tc.ex.Request.Path)
		if err != nil {
			t.Fatal(err)
		}
		if !contract.RequestPlanned(v, route, &tc.ex) {
			t.Errorf("%s: no plan vouches for the request, kin-openapi checks it", tc.operation)
		}
		if !contract.ResponsePlanned(v, route, &tc.ex) {
			t.Errorf("%s: no plan vouches for the response, kin-openapi checks it", tc.operation)
		}
	}
}

// corpusRequests are the benchmark's requests with a body, and more of the operations that take one.
func corpusRequests() []client.RecordedRequest {
	jsonHeader := http.Header{"Content-Type": {"application/json"}}
	out := []client.RecordedRequest{
		{Method: "PATCH", Path: statePath, Header: jsonHeader, Body: []byte(`{"@odata.type":"#microsoft.graph.windowsUpdateState","deviceId":"d","userId":null,"deviceDisplayName":"n","userPrincipalName":"a@b","status":"pendingInstallation","qualityUpdateVersion":"q","featureUpdateVersion":"f","lastScanDateTime":"2016-12-31T23:59:18.0955018-08:00","lastSyncDateTime":"2017-01-01T00:02:49.3205976-08:00"}`)},
		{Method: "POST", Path: upgradeV1, Header: jsonHeader, Body: []byte(`{"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionValue":"TeamsActivity.Send.User","permissionType":"Application"},{"permissionValue":null,"permissionType":null}]}}`)},
		{Method: "POST", Path: upgradeV1, Header: http.Header{"Content-Type": {"application/json; charset=utf-8"}}, Body: []byte(`{"consentedPermissionSet":null}`)},
		{Method: "POST", Path: updatePath, Header: http.Header{"Content-Type": {graphJSON}}, Body: []byte(`{"softwareType":"firmware","softwareVersion":null}`)},
	}
	for _, tc := range benchExchanges {
		if len(tc.ex.Request.Body) > 0 {
			out = append(out, tc.ex.Request)
		}
	}
	return out
}

// corpusResponses are the benchmark's responses, Graph errors, and the description's examples of
// each response of each operation, answered to the benchmark's request of that operation.
func corpusResponses(t *testing.T, v *contract.Validator) []client.Exchange {
	t.Helper()
	requests := map[string]client.RecordedRequest{}
	var out []client.Exchange
	for _, tc := range benchExchanges {
		requests[tc.operation] = tc.ex.Request
		out = append(out, tc.ex)
	}
	for operation, req := range requests {
		for _, status := range []int{400, 404, 409, 429, 500, 503} {
			out = append(out, client.Exchange{Request: req, Response: client.RecordedResponse{Status: status,
				Header: http.Header{"Content-Type": {graphJSON}, "Retry-After": {"3"}}, Body: []byte(graphError)}})
		}
		route, err := v.FindRoute(req.Method, req.Path)
		if err != nil {
			t.Fatal(err)
		}
		responses := route.Operation().Responses
		for _, code := range slices.Sorted(func(yield func(string) bool) {
			for code := range responses.Map() {
				if !yield(code) {
					return
				}
			}
		}) {
			status, err := strconv.Atoi(strings.ReplaceAll(code, "X", "0"))
			if err != nil {
				continue
			}
			if strings.HasSuffix(code, "XX") {
				status += 18
			}
			for mediaType, media := range responses.Value(code).Value.Content {
				var examples []any
				if media.Example != nil {
					examples = append(examples, media.Example)
				}
				for _, ex := range media.Examples {
					examples = append(examples, ex.Value.Value)
				}
				for _, example := range examples {
					body, err := json.Marshal(example)
					if err != nil {
						t.Fatalf("%s %s: %v", operation, code, err)
					}
					out = append(out, client.Exchange{Request: req, Response: client.RecordedResponse{Status: status,
						Header: http.Header{"Content-Type": {mediaType}}, Body: body}})
				}
			}
		}
	}
	return out
}

// headerMutations are headers of a response with the declared ones missing, empty, repeated and
// named in lower case, and with other content types.
func headerMutations(header http.Header) []http.Header {
	var out []http.Header
	with := func(change func(h http.Header)) {
		h := header.Clone()
		if h == nil {
			h = http.Header{}
		}
		change(h)
		out = append(out, h)
	}
	for _, name := range []string{"Location", "Retry-After", "Content-Type"} {
		with(func(h http.Header) { h.Del(name) })
		with(func(h http.Header) { h[name] = []string{} })
		with(func(h http.Header) { h[name] = []string{""} })
		with(func(h http.Header) { h[name] = append([]string{"x"}, h[name]...) })
		with(func(h http.Header) { h[strings.ToLower(name)] = h[name]; delete(h, name) })
	}
	for _, ct := range []string{"application/JSON", "application/problem+json", "application/vnd.graph+json", "text/plain", "application/json;charset=utf-8", " application/json "} {
		with(func(h http.Header) { h.Set("Content-Type", ct) })
	}
	return out
}

// replacements are values put in each place of a document.
var replacements = []any{nil, true, false, json.Number("0"), json.Number("-0"), json.Number("1e400"), json.Number("1.5"),
	"", "x", "pendingReboot", "softwareUpdate", "Application", "teamsClient", "2026-11-22T08:15:00Z", "2026-11-22T08:15:00",
	"#microsoft.graph.windowsUpdateState", []any{}, []any{nil}, []any{"x"}, map[string]any{}, map[string]any{"id": "x"},
	map[string]any{"user": map[string]any{"id": 1}}, map[string]any{"code": "c", "message": "m"}}

// mutations are variants of a JSON document: each member removed, each value replaced by each of
// replacements, an unknown member added to each object, and byte-level edits encoding/json and a
// strict reader may read differently.
func mutations(doc []byte) [][]byte {
	var out [][]byte
	add := func(v any) {
		b, err := json.Marshal(v)
		if err == nil {
			out = append(out, b)
		}
	}
	if root, err := decode(doc); err == nil {
		for _, variant := range structuralVariants(root) {
			add(variant)
		}
	}
	text := string(doc)
	out = append(out,
		[]byte(text+" x"), []byte(text+"{}"), []byte(text+"\n\t "), []byte(" \r\n"+text), []byte("\ufeff"+text),
		[]byte(`null`), []byte(`[]`), []byte(`"x"`), []byte(`1`), []byte(``), []byte(` `), []byte(`{`), []byte(`{}`),
		[]byte(strings.Replace(text, `"`, `"\ud800`, 2)), []byte(strings.Replace(text, `"`, `"`+"\xff", 2)),
		[]byte(strings.Replace(text, `"`, `"\u00`+"", 2)))
	if strings.HasPrefix(text, "{") && len(text) > 2 {
		inner := text[1 : len(text)-1]
		// A member given twice: encoding/json keeps the last.
		for name, bogus := range map[string]string{"status": `"bogus"`, "id": `1`, "softwareType": `"bios"`, "error": `{"code":1}`, "value": `{}`, "@odata.type": `"#x"`} {
			out = append(out, []byte(`{"`+name+`":`+bogus+`,`+inner+`}`), []byte(`{`+inner+`,"`+name+`":`+bogus+`}`))
		}
		out = append(out, []byte(`{"\u0069d":"s1",`+inner+`}`), []byte(`{`+inner+`,"\u0069d":"s1"}`))
		for _, depth := range []int{200, 300, 10001} {
			out = append(out, []byte(`{`+inner+`,"deep":`+strings.Repeat("[", depth)+strings.Repeat("]", depth)+`}`))
		}
		// Escaped spellings of every string.
		out = append(out, []byte(escapeFirstLetters(text)))
	}
	return out
}

// structuralVariants are root with one change each, at every place of the tree.
func structuralVariants(root any) []any {
	var out []any
	var walk func(v any, replace func(any) any)
	walk = func(v any, replace func(any) any) {
		for _, r := range replacements {
			out = append(out, replace(r))
		}
		switch v := v.(type) {
		case map[string]any:
			out = append(out, replace(with(v, "unknownProperty", "x")))
			for _, k := range slices.Sorted(func(yield func(string) bool) {
				for k := range v {
					if !yield(k) {
						return
					}
				}
			}) {
				out = append(out, replace(without(v, k)))
				walk(v[k], func(x any) any { return replace(with(v, k, x)) })
			}
		case []any:
			out = append(out, replace(append(slices.Clone(v), v...)), replace([]any{}))
			for i := range v {
				walk(v[i], func(x any) any {
					c := slices.Clone(v)
					c[i] = x
					return replace(c)
				})
			}
		}
	}
	walk(root, func(x any) any { return x })
	return out
}

// with is a copy of m with k set to v.
func with(m map[string]any, k string, v any) map[string]any {
	c := make(map[string]any, len(m)+1)
	for key, value := range m {
		c[key] = value
	}
	c[k] = v
	return c
}

// without is a copy of m without k.
func without(m map[string]any, k string) map[string]any {
	c := with(m, k, nil)
	delete(c, k)
	return c
}

// decode decodes doc as kin-openapi's JSON body decoder does.
func decode(doc []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// escapeFirstLetters writes the first letter of every string of a document as a \u escape.
func escapeFirstLetters(text string) string {
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		b.WriteByte(text[i])
		if text[i] == '"' && i+1 < len(text) && ('a' <= text[i+1] && text[i+1] <= 'z') {
			fmt.Fprintf(&b, `\u%04x`, text[i+1])
			i++
		}
	}
	return b.String()
}

func TestPlansNeverChangeTheFindingsOfQueries(t *testing.T) {
	v := newValidator(t)
	kin := contract.WithoutPlans(v)
	ctx := context.Background()
	var planned, found int
	for _, base := range []string{"/beta/teamwork/devices/d1/operations", "/beta/teamwork/devices/d1/operations/o1", statePath} {
		for _, query := range []string{"", "?", "?$top=1", "?$top=50", "?$top=0", "?$top=51", "?$top=-1", "?$top=", "?$top", "?$top=1.5",
			"?$top=ten", "?$top=+2", "?$top=02", "?$top=%32", "?$top=9223372036854775808", "?$top=&$top=3", "?$top=3&$top=99",
			"?$top=2;x", "?$top=%zz", "?$TOP=0", "?$skiptoken=", "?$skiptoken=abc&$top=2", "?$skiptoken=%ff", "?x=1", "?$top=1#f", "?$top=1\x7f"} {
			path := base + query
			route, err := v.FindRoute("GET", path)
			if err != nil {
				continue
			}
			ex := &client.Exchange{Request: client.RecordedRequest{Method: "GET", Path: path, Header: http.Header{}}}
			got := v.CheckRequest(ctx, route, "GET", path, http.Header{}, nil)
			want := kin.CheckRequest(ctx, route, "GET", path, http.Header{}, nil)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("GET %q: findings differ from kin-openapi's alone (-kin +planned):\n%s", path, diff)
			}
			if contract.RequestPlanned(v, route, ex) {
				planned++
			}
			if len(want) > 0 {
				found++
			}
		}
	}
	t.Logf("%d queries vouched for by a plan, %d with findings", planned, found)
	if planned < 20 || found < 8 {
		t.Errorf("the queries should be of both kinds: %d planned, %d with findings", planned, found)
	}
}
