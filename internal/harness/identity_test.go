package harness_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
	"github.com/graphconform/graphconform/internal/target"
)

// rewriting wraps the mock: a response to a request that match accepts has its Location and body
// rewritten by rewrite.
func rewriting(match func(*http.Request) bool, rewrite func(location string, body []byte) (string, []byte)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			location, body := rec.Header().Get("Location"), rec.Body.Bytes()
			if match(r) {
				location, body = rewrite(location, body)
			}
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			if location != "" {
				w.Header().Set("Location", location)
			}
			w.Header().Del("Content-Length")
			w.WriteHeader(rec.Code)
			_, _ = w.Write(body)
		})
	}
}

// brokenIdentities are servers whose responses name something other than what their request named.
var brokenIdentities = []struct {
	name string
	rule rules.ID
	tags string
	wrap func(http.Handler) http.Handler
}{
	{"the 202 Location names another device's operation", rules.LocationNamesDeviceOperation, "@updateSoftware && @lro",
		rewriting(func(r *http.Request) bool {
			return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/updateSoftware")
		},
			func(location string, body []byte) (string, []byte) {
				return regexp.MustCompile(`/devices/[^/]+/`).ReplaceAllString(location, "/devices/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/"), body
			})},
	{"the operation carries another id", rules.OperationCarriesItsID, "@updateSoftware && @lro",
		rewriting(func(r *http.Request) bool {
			return r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/operations/")
		},
			func(location string, body []byte) (string, []byte) {
				return location, regexp.MustCompile(`"id":"[^"]+"`).ReplaceAll(body, []byte(`"id":"00000000-0000-0000-0000-000000000000"`))
			})},
	{"the PATCH echo is another state", rules.PatchEchoCarriesIdentity, "@windowsUpdateState && @mutates",
		rewriting(func(r *http.Request) bool { return r.Method == http.MethodPatch },
			func(location string, body []byte) (string, []byte) {
				return location, regexp.MustCompile(`"id":"[^"]+"`).ReplaceAll(body, []byte(`"id":"00000000-0000-0000-0000-000000000000"`))
			})},
	{"the PATCH echo is typed as another resource", rules.ResourceODataType, "@windowsUpdateState && @mutates",
		rewriting(func(r *http.Request) bool { return r.Method == http.MethodPatch },
			func(location string, body []byte) (string, []byte) {
				return location, bytes.Replace(body, []byte(`"#microsoft.graph.windowsUpdateState"`), []byte(`"#microsoft.graph.deviceConfiguration"`), 1)
			})},
	{"the nextLink turns to another device's operations", rules.NextLinkStaysOnTheCollection, "@updateSoftware && @lro",
		rewriting(func(r *http.Request) bool {
			return r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/operations")
		},
			func(location string, body []byte) (string, []byte) {
				return location, regexp.MustCompile(`(@odata\.nextLink":"[^"]*/devices/)[^/]+/`).ReplaceAll(body, []byte("${1}1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/"))
			})},
}

func TestEveryIdentityRuleFailsAServerThatNamesSomethingElse(t *testing.T) {
	validator := newValidator(t)
	for _, tc := range brokenIdentities {
		t.Run(tc.name, func(t *testing.T) {
			result, err := harness.Run(context.Background(), harness.Options{
				Target:    &target.Embedded{Seed: mockgraph.DefaultSeed(), Validator: validator, Wrap: tc.wrap},
				Validator: validator,
				Tags:      tc.tags,
				Output:    io.Discard,
				NoColors:  true,
			})
			require.NoError(t, err)
			require.Equal(t, harness.ExitNonConformant, result.Status)
			found := false
			for _, sc := range result.Run.Scenarios {
				for _, f := range sc.AllFindings() {
					found = found || f.RuleID == tc.rule
				}
			}
			require.True(t, found, "no scenario found %s", tc.rule)
		})
	}
}
