package mockgraph_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

// FuzzMockNeverAnswers5xxOrPanics feeds the mock arbitrary methods, paths, content types and bodies,
// control endpoints included: whatever comes, it answers a 2xx or 4xx. Its seed corpus runs with
// every go test.
func FuzzMockNeverAnswers5xxOrPanics(f *testing.F) {
	seeds := []struct{ method, path, contentType, body string }{
		{"POST", updateSoftwarePath(docsDevice), "application/json", softwareBody},
		{"POST", updateSoftwarePath(docsDevice), "application/json", `null`},
		{"POST", updateSoftwarePath(docsDevice), "application/json", `"teamsClient"`},
		{"POST", updateSoftwarePath(docsDevice), "application/json", `{"softwareType":null}`},
		{"POST", updateSoftwarePath(docsDevice), "application/json", `{"softwareType":["teamsClient"]}`},
		{"POST", updateSoftwarePath("%2F..%2F"), "application/json", softwareBody},
		{"POST", updateSoftwarePath("a%zzb"), "application/json", softwareBody},
		{"POST", upgradePath("v1.0", "%40", adeleApp), "application/json", `[1,2]`},
		{"POST", upgradePath("v1.0", adeleID, adeleApp), "application/json", `{"consentedPermissionSet":{"resourceSpecificPermissions":[null]}}`},
		{"POST", upgradePath("v1.0", adeleID, adeleApp), "application/json", `{"consentedPermissionSet":{"resourceSpecificPermissions":"x"}}`},
		{"PATCH", statePath(configA, docsState), "application/json", `{"id":5}`},
		{"PATCH", statePath(configA, docsState), "application/json", `{"id":null}`},
		{"PATCH", statePath(configA, docsState), "application/json", `{"status":{"nested":true}}`},
		{"PATCH", statePath(configA, docsState), "application/json", `1e999`},
		{"PATCH", statePath(configA, docsState), "application/json", "\xff\xfe"},
		{"PATCH", statePath(configA, docsState), "multipart/form-data; boundary=x", "--x--"},
		{"PATCH", statePath(configA, docsState), ";;;", `{}`},
		{"GET", operationPath(docsDevice, "x"), "application/json", `{"body":"on a GET"}`},
		{"GET", "/", "", ""},
		{"GET", "//beta/teamwork/devices", "", ""},
		{"GET", "/beta/", "", ""},
		{"OPTIONS", statePath(configA, docsState), "", ""},
		{"HEAD", statePath(configA, docsState), "", ""},
		{"post", updateSoftwarePath(docsDevice), "application/json", softwareBody},
		{"GET", statePath(configA, docsState) + "?$select=id&$filter='", "", ""},
		{"GET", listPath(docsDevice, "$top=1&$skiptoken=%ZZ"), "", ""},
		{"GET", listPath(docsDevice, "$top=99999999999999999999"), "", ""},
		{"GET", listPath("%00", "$skiptoken=Z3JhcGhjb25mb3JtLW9wZXJhdGlvbnMtYmVmb3JlOi0x"), "", ""},
		{"POST", "/_graphconform/faults", "application/json", `{"operation":"*","status":429,"retryAfter":1e999}`},
		{"POST", "/_graphconform/faults", "application/json", `[{"operation":"*","latencyMs":1},null]`},
		{"POST", "/_graphconform/clock/advance", "application/json", `{"seconds":1e-320}`},
		{"POST", "/_graphconform/reset", "", ""},
		{"GET", "/_graphconform/../beta/x", "", ""},
		{"DELETE", "/_graphconform/violations", "", ""},
	}
	for _, s := range seeds {
		f.Add(s.method, s.path, s.contentType, s.body)
	}
	v := newValidator(f)
	m, err := mockgraph.New(mockgraph.Options{Seed: mockgraph.DefaultSeed(), Clock: mockgraph.NewFakeClock(start), Validator: v})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method, path, contentType, body string) {
		u, err := url.ParseRequestURI(path)
		if err != nil || !validMethod(method) {
			t.Skip()
		}
		r := &http.Request{
			Method: method, URL: u, RequestURI: path, Host: "127.0.0.1:8080",
			Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header: http.Header{"Authorization": {"Bearer " + testToken}},
			Body:   http.NoBody,
		}
		if contentType != "" {
			r.Header.Set("Content-Type", contentType)
		}
		if body != "" {
			r.Body = readCloser{bytes.NewReader([]byte(body))}
			r.ContentLength = int64(len(body))
		}
		rec := httptest.NewRecorder()
		m.ServeHTTP(rec, r)
		// A fault rule posted to the control endpoint answers 5xx on purpose; each input starts afresh.
		defer m.Reset()
		if rec.Code >= 500 || rec.Code < 200 {
			t.Fatalf("%s %s (%s) %q: status %d: %s", method, path, contentType, body, rec.Code, rec.Body.String())
		}
		if rec.Header().Get("request-id") == "" {
			t.Fatalf("%s %s: no request-id", method, path)
		}
	})
}

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

// validMethod reports whether s is an HTTP token, as a server would accept as a method.
func validMethod(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c <= ' ' || c >= 0x7f || bytes.ContainsRune([]byte(`"(),/:;<=>?@[\]{}`), c) {
			return false
		}
	}
	return true
}
