// Package badinput is a table of requests Graph refuses — broken JSON, deep nesting, huge bodies,
// wrong content types, path traversal, odd ids, wrong types, bad query options, disallowed methods,
// bad Authorization headers and malformed HTTP — and a check that a server answers each with a 4xx
// (a Graph error body wherever the server, not net/http, answers), never a 5xx, and never hangs.
// It runs against any base URL, so the mock and the proxy in front of it are held to the same table.
package badinput

import (
	"net/http"
	"strings"
)

// Resources are the ids of a world the cases address: the mock's default seed (DefaultResources)
// or another.
type Resources struct {
	Device, Config, State, User, App string
}

// DefaultResources are ids of fixtures/mock/default.yaml.
func DefaultResources() Resources {
	return Resources{
		Device: "0f3ce432-e432-0f3c-32e4-3c0f32e43c0f",
		Config: "6b1c8d2e-4f3a-4b5c-9d6e-7f8a9b0c1d2e",
		State:  "3d92af00-af00-3d92-00af-923d00af923d",
		User:   "5b649834-7412-4cce-9e69-176e95a394f5",
		App:    "NWI2NDk4MzQtNzQxMi00Y2NlLTllNjktMTc2ZTk1YTM5NGY1IyNhNmI2MzM2NS0zMWE0LTRmNDMtOTJlYy03MTBiNzE1NTdhZjk",
	}
}

// Case is one bad request.
type Case struct {
	// Name says what is wrong with it.
	Name string
	// Method, Path (escaped, with its query), Header and Body make the request; Header's
	// Authorization replaces the default bearer token ("" sends none), and a body goes as
	// application/json unless Header names a Content-Type ("" sends none).
	Method string
	Path   string
	Header map[string]string
	Body   []byte
	// Raw, when set, is sent as it is on a TCP connection instead: malformed HTTP that net/http
	// itself may answer (in plain text).
	Raw string
	// WantStatus, when set, is the status Graph answers; otherwise any 4xx passes.
	WantStatus int
}

// defaultToken is the opaque bearer token the cases send unless they say otherwise.
const defaultToken = "badinput-token"

// The paths of the operations.
func (r Resources) updateSoftware() string {
	return "/beta/teamwork/devices/" + r.Device + "/updateSoftware"
}
func (r Resources) operation() string { return "/beta/teamwork/devices/" + r.Device + "/operations/x" }
func (r Resources) operations() string {
	return "/beta/teamwork/devices/" + r.Device + "/operations"
}
func (r Resources) upgrade() string {
	return "/v1.0/users/" + r.User + "/teamwork/installedApps/" + r.App + "/upgrade"
}
func (r Resources) state() string {
	return "/beta/deviceManagement/deviceConfigurations/" + r.Config +
		"/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/" + r.State
}

// Cases returns the table for the world r.
func Cases(r Resources) []Case {
	var cases []Case
	add := func(c Case) { cases = append(cases, c) }

	bodyOps := []struct{ name, method, path string }{
		{"updateSoftware", http.MethodPost, r.updateSoftware()},
		{"PATCH windowsUpdateState", http.MethodPatch, r.state()},
		{"upgrade", http.MethodPost, r.upgrade()},
	}
	// Graph answers 400 to each of these; the ones marked want are checked for exactly that.
	brokenBodies := []struct {
		name, body string
		want       int
	}{
		{"an unclosed object", `{`, http.StatusBadRequest},
		{"a lone closing brace", `}`, 0},
		{"a member without a value", `{"softwareType":}`, 0},
		{"an unclosed array", `[`, 0},
		{"a trailing comma", `{"softwareType":"teamsClient",}`, http.StatusBadRequest},
		{"a truncated null", `nul`, 0},
		{"a truncated true", `tru`, 0},
		{"an unterminated string", `{"softwareType":"teamsClient`, 0},
		{"a missing colon", `{"a" "b"}`, 0},
		{"single quotes", `{'softwareType':'teamsClient'}`, 0},
		{"a raw NUL", "\x00", 0},
		{"a UTF-16 byte-order mark", "\xff\xfe{\x00}\x00", 0},
		{"invalid UTF-8 in a string", "{\"softwareType\":\"teams\xffClient\"}", http.StatusBadRequest},
		{"a UTF-8 byte-order mark", "\xef\xbb\xbf{}", 0},
		{"duplicate keys, valid last", `{"softwareType":"bios","softwareType":"teamsClient","status":"x","status":"upToDate"}`, http.StatusBadRequest},
		{"duplicate keys, valid first", `{"softwareType":"teamsClient","softwareType":"bios","status":"upToDate","status":"x"}`, http.StatusBadRequest},
		{"deeply nested arrays", strings.Repeat("[", 10000) + strings.Repeat("]", 10000), http.StatusBadRequest},
		{"deeply nested objects", strings.Repeat(`{"a":`, 5000) + "1" + strings.Repeat("}", 5000), http.StatusBadRequest},
		{"a number out of range", `1e999`, 0},
		{"a member number out of range", `{"softwareType":1e999}`, 0},
		{"garbage after the object", `{"softwareType":"teamsClient"}garbage`, 0},
		{"two objects", `{}{}`, 0},
		{"an array", `[]`, 0},
		{"a number", `1`, 0},
		{"a string", `"teamsClient"`, 0},
		{"null", `null`, 0},
		{"a control character in a string", "{\"softwareType\":\"teams\x01Client\"}", 0},
		{"an escaped lone surrogate", `{"softwareType":"\ud800"}`, 0},
		{"a 1 MiB string", `{"softwareType":"` + strings.Repeat("a", 1<<20) + `"}`, 0},
	}
	for _, op := range bodyOps {
		for _, b := range brokenBodies {
			add(Case{Name: op.name + ": " + b.name, Method: op.method, Path: op.path, Body: []byte(b.body), WantStatus: b.want})
		}
		add(Case{Name: op.name + ": a 10 MB body", Method: op.method, Path: op.path,
			Body: []byte(`{"softwareType":"` + strings.Repeat("a", 10<<20) + `"}`), WantStatus: http.StatusRequestEntityTooLarge})
		for _, ct := range []string{"text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/jsonx", ";;;", "application/json; charset=\"", ""} {
			add(Case{Name: op.name + ": content type " + quoteOrNone(ct), Method: op.method, Path: op.path,
				Header: map[string]string{"Content-Type": ct}, Body: []byte(`{"softwareType":"teamsClient","status":"upToDate"}`)})
		}
	}

	typed := []struct{ name, method, path, body string }{
		{"softwareType a number", http.MethodPost, r.updateSoftware(), `{"softwareType":1,"softwareVersion":"1.0"}`},
		{"softwareType null", http.MethodPost, r.updateSoftware(), `{"softwareType":null,"softwareVersion":"1.0"}`},
		{"softwareType an object", http.MethodPost, r.updateSoftware(), `{"softwareType":{},"softwareVersion":"1.0"}`},
		{"softwareVersion an array", http.MethodPost, r.updateSoftware(), `{"softwareType":"teamsClient","softwareVersion":[]}`},
		{"softwareType unknown", http.MethodPost, r.updateSoftware(), `{"softwareType":"toaster","softwareVersion":"1.0"}`},
		{"softwareVersion 2000 characters", http.MethodPost, r.updateSoftware(), `{"softwareType":"teamsClient","softwareVersion":"` + strings.Repeat("9", 2000) + `"}`},
		{"softwareVersion 500 KB", http.MethodPost, r.updateSoftware(), `{"softwareType":"teamsClient","softwareVersion":"` + strings.Repeat("9", 500_000) + `"}`},
		{"a 2000-character member name", http.MethodPost, r.updateSoftware(), `{"` + strings.Repeat("k", 2000) + `":1}`},
		{"status a number", http.MethodPatch, r.state(), `{"status":1}`},
		{"status an array", http.MethodPatch, r.state(), `{"status":["upToDate"]}`},
		{"status unknown", http.MethodPatch, r.state(), `{"status":"melted"}`},
		{"lastScanDateTime a number", http.MethodPatch, r.state(), `{"lastScanDateTime":123}`},
		{"lastScanDateTime not a date", http.MethodPatch, r.state(), `{"lastScanDateTime":"yesterday"}`},
		{"an unknown property", http.MethodPatch, r.state(), `{"bogus":"x"}`},
		{"an id of another state", http.MethodPatch, r.state(), `{"id":"00000000-0000-0000-0000-000000000000"}`},
		{"an id a number", http.MethodPatch, r.state(), `{"id":5}`},
		{"consentedPermissionSet an array", http.MethodPost, r.upgrade(), `{"consentedPermissionSet":[]}`},
		{"consentedPermissionSet a string", http.MethodPost, r.upgrade(), `{"consentedPermissionSet":"x"}`},
		{"resourceSpecificPermissions with null", http.MethodPost, r.upgrade(), `{"consentedPermissionSet":{"resourceSpecificPermissions":[null]}}`},
	}
	for _, c := range typed {
		add(Case{Name: c.name, Method: c.method, Path: c.path, Body: []byte(c.body), WantStatus: http.StatusBadRequest})
	}

	for _, p := range []struct{ name, path string }{
		{"dot-dot segments", "/beta/teamwork/devices/../../v1.0/users"},
		{"escaped dot-dot segments", "/beta/teamwork/devices/..%2F..%2Fetc%2Fpasswd/updateSoftware"},
		{"escaped dots", "/beta/teamwork/devices/%2e%2e/%2e%2e/updateSoftware"},
		{"an escaped NUL id", "/beta/teamwork/devices/%00/updateSoftware"},
		{"a double slash", "/beta//teamwork/devices/" + r.Device + "/updateSoftware"},
		{"a leading double slash", "//beta/teamwork/devices/" + r.Device + "/updateSoftware"},
		{"an unknown version", "/v2.0/teamwork/devices/" + r.Device + "/updateSoftware"},
		{"an upper-case version", "/BETA/teamwork/devices/" + r.Device + "/updateSoftware"},
		{"the root", "/"},
		{"favicon", "/favicon.ico"},
		{"an unknown segment", "/beta/teamwork/gadgets"},
		{"a backslash", "/beta/teamwork\\devices/" + r.Device + "/updateSoftware"},
		{"a 60 KB unknown path", "/beta/" + strings.Repeat("x", 60_000)},
	} {
		add(Case{Name: "path: " + p.name, Method: http.MethodPost, Path: p.path, Body: []byte(`{"softwareType":"teamsClient"}`)})
	}

	for _, id := range []struct{ name, id string }{
		{"an accented id", "%C3%BC"},
		{"an emoji id", "%F0%9F%92%A5"},
		{"a right-to-left id", "%E2%80%AE" + "abc"},
		{"a zero-width id", "%E2%80%8B"},
		{"a 10 KB id", strings.Repeat("a", 10_000)},
		{"a quoted id", "%27%20or%201%3D1"},
		{"a space id", "%20"},
		{"invalid UTF-8 id", "%FF%FE"},
	} {
		add(Case{Name: "updateSoftware: " + id.name, Method: http.MethodPost, Path: "/beta/teamwork/devices/" + id.id + "/updateSoftware",
			Body: []byte(`{"softwareType":"teamsClient","softwareVersion":"1.0"}`)})
		add(Case{Name: "windowsUpdateState: " + id.name, Method: http.MethodGet,
			Path: "/beta/deviceManagement/deviceConfigurations/" + r.Config + "/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/" + id.id})
		add(Case{Name: "upgrade: " + id.name, Method: http.MethodPost, Path: "/v1.0/users/" + id.id + "/teamwork/installedApps/" + r.App + "/upgrade"})
	}

	for _, q := range []struct{ name, path string }{
		{"$filter on a list", r.operations() + "?$filter=status%20eq%20'queued'"},
		{"an unknown option", r.operations() + "?$bogus=1"},
		{"a repeated $top", r.operations() + "?$top=1&$top=2"},
		{"a repeated $top in another case", r.operations() + "?$TOP=1&$top=2"},
		{"a badly escaped $skiptoken", r.operations() + "?$skiptoken=%ZZ"},
		{"a $skiptoken not issued", r.operations() + "?$skiptoken=garbage"},
		{"a negative $top", r.operations() + "?$top=-1"},
		{"a $top that is not a number", r.operations() + "?$top=abc"},
		{"a $top beyond 50", r.operations() + "?$top=51"},
		{"a $top in exponent form", r.operations() + "?$top=1e3"},
		{"a huge $top", r.operations() + "?$top=99999999999999999999"},
		{"$select on a list", r.operations() + "?$select=id"},
		{"a bad escape in a parameter", r.operations() + "?a=%"},
		{"$expand on a state", r.state() + "?$expand=*"},
		{"$filter on a state", r.state() + "?$filter='"},
	} {
		add(Case{Name: "query: " + q.name, Method: http.MethodGet, Path: q.path, WantStatus: http.StatusBadRequest})
	}
	add(Case{Name: "query: $top on updateSoftware", Method: http.MethodPost, Path: r.updateSoftware() + "?$top=1",
		Body: []byte(`{"softwareType":"teamsClient","softwareVersion":"1.0"}`), WantStatus: http.StatusBadRequest})

	allowed := []struct {
		path    string
		methods []string
	}{
		{r.updateSoftware(), []string{http.MethodPost}},
		{r.operation(), []string{http.MethodGet}},
		{r.operations(), []string{http.MethodGet}},
		{r.upgrade(), []string{http.MethodPost}},
		{r.state(), []string{http.MethodGet, http.MethodPatch}},
		{"/_graphconform/reset", []string{http.MethodPost}},
		{"/_graphconform/state", []string{http.MethodGet}},
		{"/_graphconform/clock/advance", []string{http.MethodPost}},
		{"/_graphconform/faults", []string{http.MethodGet, http.MethodPost, http.MethodDelete}},
		{"/_graphconform/violations", []string{http.MethodGet}},
	}
	for _, a := range allowed {
		for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions, "TRACE", "PROPFIND"} {
			if contains(a.methods, method) {
				continue
			}
			add(Case{Name: "method " + method + " " + a.path, Method: method, Path: a.path, WantStatus: http.StatusMethodNotAllowed})
		}
	}

	for _, auth := range []struct{ name, value string }{
		{"no Authorization", ""},
		{"the scheme alone", "Bearer"},
		{"an empty token", "Bearer "},
		{"Basic", "Basic dXNlcjpwYXNz"},
		{"a token of three words", "Bearer a b c"},
		{"a JWT whose header does not decode", "Bearer eyJhbGciOi!!.eyJzY3AiOiJ4In0.sig"},
		{"a JWT whose payload does not decode", "Bearer eyJhbGciOiJub25lIn0.%%%.x"},
		{"a JWT whose payload is an array", "Bearer eyJhbGciOiJub25lIn0.WzFd."},
		{"a JWT with a 40 KB claim", "Bearer eyJhbGciOiJub25lIn0." + b64(`{"name":"`+strings.Repeat("n", 40_000)+`"}`) + "."},
		{"a 100 KB token", "Bearer " + strings.Repeat("t", 100_000)},
		{"Negotiate", "Negotiate abc"},
	} {
		header := map[string]string{"Authorization": auth.value}
		add(Case{Name: "auth: " + auth.name, Method: http.MethodPost, Path: r.updateSoftware(), Header: header,
			Body: []byte(`{"softwareType":"teamsClient","softwareVersion":"1.0"}`)})
	}

	for _, c := range []struct{ name, method, path, contentType, origin, body string }{
		{"a cross-origin text/plain POST", http.MethodPost, "/_graphconform/faults", "text/plain", "https://attacker.example", `{"operation":"*","status":503}`},
		{"a text/plain POST", http.MethodPost, "/_graphconform/reset", "text/plain", "", `x`},
		{"a fault with a status of 200", http.MethodPost, "/_graphconform/faults", "application/json", "", `{"operation":"*","status":200}`},
		{"a fault list with null", http.MethodPost, "/_graphconform/faults", "application/json", "", `[null]`},
		{"a fault with duplicate keys", http.MethodPost, "/_graphconform/faults", "application/json", "", `{"operation":"*","operation":"x","status":503}`},
		{"a clock advance by a string", http.MethodPost, "/_graphconform/clock/advance", "application/json", "", `{"seconds":"2"}`},
		{"a clock advance by 1e999", http.MethodPost, "/_graphconform/clock/advance", "application/json", "", `{"seconds":1e999}`},
		{"an unknown control endpoint", http.MethodGet, "/_graphconform/nothing", "", "", ""},
		{"a control path with dot-dot", http.MethodGet, "/_graphconform/../beta/x", "", "", ""},
	} {
		header := map[string]string{"Content-Type": c.contentType}
		if c.origin != "" {
			header["Origin"] = c.origin
		}
		add(Case{Name: "control: " + c.name, Method: c.method, Path: c.path, Header: header, Body: []byte(c.body)})
	}
	add(Case{Name: "control: a rebound Host", Method: http.MethodPost, Path: "/_graphconform/reset", Header: map[string]string{"Host": "attacker.example"}, WantStatus: http.StatusForbidden})

	// net/http answers most of these itself, in plain text; the ones marked want are checked.
	for _, raw := range []struct {
		name, raw string
		want      int
	}{
		{"a raw NUL in the path", "GET /beta/teamwork/devices/\x00/operations HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", http.StatusBadRequest},
		{"a space in the path", "GET /beta/teamwork devices HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 0},
		{"a garbage request line", "HELLO\r\n\r\n", 0},
		{"HTTP/0.9", "GET /\r\n\r\n", 0},
		{"a bad escape in the path", "POST /beta/teamwork/devices/a%zzb/updateSoftware HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 0},
		{"a header without a colon", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nNoColon\r\n\r\n", 0},
		{"2 MB of headers", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + strings.Repeat("a", 2<<20) + "\r\n\r\n", http.StatusRequestHeaderFieldsTooLarge},
		{"a method with a slash", "GE/T / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 0},
		{"a negative Content-Length", "POST " + r.updateSoftware() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n", 0},
		{"two Content-Lengths", "POST " + r.updateSoftware() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 0},
		{"a malformed chunk", "POST " + r.updateSoftware() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n", 0},
		{"a NUL in a header value", "GET " + r.state() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer a\x00b\r\n\r\n", 0},
		{"a Host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 0},
		{"no Host in HTTP/1.1", "GET " + r.state() + " HTTP/1.1\r\n\r\n", 0},
	} {
		add(Case{Name: "raw: " + raw.name, Raw: raw.raw, WantStatus: raw.want})
	}
	// net/http answers an unknown HTTP version itself, before any handler: 505 HTTP Version Not
	// Supported, the one 5xx the table allows, because it is the right answer.
	add(Case{Name: "raw: an unknown protocol version", Raw: "GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n", WantStatus: http.StatusHTTPVersionNotSupported})
	return cases
}

func quoteOrNone(s string) string {
	if s == "" {
		return "none"
	}
	return "'" + s + "'"
}

func contains(list []string, s string) bool {
	for _, item := range list {
		if item == s {
			return true
		}
	}
	return false
}
