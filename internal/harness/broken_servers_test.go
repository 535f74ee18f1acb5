package harness_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/target"
	"github.com/graphconform/graphconform/spec"
)

// breakage rewrites the mock's answer to one request; it returns false to leave the answer as it is.
type breakage func(r *http.Request, resp *httptest.ResponseRecorder) (status int, header http.Header, body []byte, broke bool)

// breaking wraps the mock so that it breaks one promise of the contract.
func breaking(b breakage) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			r.Body = io.NopCloser(bytes.NewReader(body))
			status, header, out, broke := b(r, rec)
			if !broke {
				status, header, out = rec.Code, rec.Header(), rec.Body.Bytes()
			}
			for k, v := range header {
				w.Header()[k] = v
			}
			w.Header().Del("Content-Length") // the body may have changed
			w.WriteHeader(status)
			_, _ = w.Write(out)
		})
	}
}

func isUpdateSoftware(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/updateSoftware")
}

func isOperationGet(r *http.Request) bool {
	return r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/operations/")
}

// runAgainst runs the whole suite against the mock wrapped by wrap.
func runAgainst(t *testing.T, wrap func(http.Handler) http.Handler) *harness.Result {
	t.Helper()
	ctx := context.Background()
	doc, err := spec.Load(ctx)
	require.NoError(t, err)
	validator, err := contract.New(doc)
	require.NoError(t, err)
	result, err := harness.Run(ctx, harness.Options{
		Target:    &target.Embedded{Seed: mockgraph.DefaultSeed(), Validator: validator, Wrap: wrap},
		Validator: validator,
		Output:    io.Discard,
		NoColors:  true,
	})
	require.NoError(t, err)
	return result
}

// failures maps each failed scenario to the rule IDs of its error findings.
func failures(run record.Run) map[string][]string {
	out := map[string][]string{}
	for _, sc := range run.Scenarios {
		if sc.Passed {
			continue
		}
		rules := []string{}
		for _, f := range sc.AllFindings() {
			if f.Level == "error" && !contains(rules, f.RuleID) {
				rules = append(rules, f.RuleID)
			}
		}
		sort.Strings(rules)
		out[sc.Name] = rules
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

const (
	scenarioUpdate   = "An update is accepted with a Location that resolves to its operation, which ends"
	scenarioConflict = "A second update while the first is queued is refused with 409 Conflict"
	scenarioUpgrade  = "Upgrading an installed app answers 204 with no body"
	scenarioPatch    = "A PATCH answers 200 echoing the updated windowsUpdateState"
)

func TestSuitePassesAgainstTheFaithfulMock(t *testing.T) {
	result := runAgainst(t, nil)
	require.Equal(t, harness.ExitConformant, result.Status, "failures: %v", failures(result.Run))
	require.Len(t, result.Run.Scenarios, 4)
}

// TestSuiteFailsAgainstABrokenServer pins that each headline promise is checked: a server that breaks
// it fails exactly the scenarios that rely on it, with the rule that says why.
func TestSuiteFailsAgainstABrokenServer(t *testing.T) {
	cases := []struct {
		name   string
		breaks breakage
		want   map[string][]string
	}{
		{
			name: "updateSoftware answers 200 instead of 202",
			breaks: func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isUpdateSoftware(r) && rec.Code == http.StatusAccepted {
					return http.StatusOK, rec.Header(), nil, true
				}
				return 0, nil, nil, false
			},
			want: map[string][]string{
				scenarioUpdate:   {contract.RuleResponseStatus},
				scenarioConflict: {contract.RuleResponseStatus},
			},
		},
		{
			name: "the 202 of updateSoftware has no Location",
			breaks: func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isUpdateSoftware(r) && rec.Code == http.StatusAccepted {
					h := rec.Header().Clone()
					h.Del("Location")
					return rec.Code, h, nil, true
				}
				return 0, nil, nil, false
			},
			want: map[string][]string{
				scenarioUpdate:   {contract.RuleResponseHeader},
				scenarioConflict: {contract.RuleResponseHeader},
			},
		},
		{
			name: "no 409 while an update is queued",
			breaks: func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isUpdateSoftware(r) && rec.Code == http.StatusConflict {
					h := http.Header{"Location": {"/teamwork/devices/x/operations/accepted-again"}, "Request-Id": {"r"}}
					return http.StatusAccepted, h, nil, true
				}
				return 0, nil, nil, false
			},
			want: map[string][]string{scenarioConflict: {"documented-status"}},
		},
		{
			name: "the Location names another operation",
			breaks: func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isUpdateSoftware(r) && rec.Code == http.StatusAccepted {
					h := rec.Header().Clone()
					h.Set("Location", h.Get("Location")+"-elsewhere")
					return rec.Code, h, nil, true
				}
				return 0, nil, nil, false
			},
			want: map[string][]string{scenarioUpdate: {"documented-status"}},
		},
		{
			name: "the operation never leaves queued",
			breaks: func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isOperationGet(r) && rec.Code == http.StatusOK {
					return rec.Code, rec.Header(), rewriteJSON(rec.Body.Bytes(), "status", "queued"), true
				}
				return 0, nil, nil, false
			},
			want: map[string][]string{scenarioUpdate: {"operation-reaches-terminal-status"}},
		},
		{
			name: "the operation's status is outside the docs' vocabulary",
			breaks: func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isOperationGet(r) && rec.Code == http.StatusOK {
					return rec.Code, rec.Header(), rewriteJSON(rec.Body.Bytes(), "status", "done"), true
				}
				return 0, nil, nil, false
			},
			want: map[string][]string{scenarioUpdate: {"operation-status-vocabulary"}},
		},
		{
			name: "the 409 is not a Graph error",
			breaks: func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isUpdateSoftware(r) && rec.Code == http.StatusConflict {
					return rec.Code, http.Header{"Content-Type": {"text/plain"}}, []byte("conflict"), true
				}
				return 0, nil, nil, false
			},
			want: map[string][]string{scenarioConflict: {contract.RuleResponseContentType}},
		},
		{
			name: "upgrade answers 200 instead of 204",
			breaks: func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if strings.HasSuffix(r.URL.Path, "/upgrade") && rec.Code == http.StatusNoContent {
					return http.StatusOK, http.Header{"Content-Type": {"application/json"}}, []byte(`{}`), true
				}
				return 0, nil, nil, false
			},
			want: map[string][]string{scenarioUpgrade: {contract.RuleResponseStatus}},
		},
		{
			name: "upgrade's 204 has a body",
			breaks: func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if strings.HasSuffix(r.URL.Path, "/upgrade") && rec.Code == http.StatusNoContent {
					return http.StatusNoContent, http.Header{"Content-Type": {"application/json"}}, []byte(`{"upgraded":true}`), true
				}
				return 0, nil, nil, false
			},
			want: map[string][]string{scenarioUpgrade: {"no-content-has-no-body"}},
		},
		{
			name: "the PATCH echo misses a field",
			breaks: func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if r.Method == http.MethodPatch && rec.Code == http.StatusOK {
					return rec.Code, rec.Header(), rewriteJSON(rec.Body.Bytes(), "featureUpdateVersion", nil), true
				}
				return 0, nil, nil, false
			},
			want: map[string][]string{scenarioPatch: {"patch-echoes-request"}},
		},
		{
			name: "the PATCH echo has a wrong status enum",
			breaks: func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if r.Method == http.MethodPatch && rec.Code == http.StatusOK {
					return rec.Code, rec.Header(), rewriteJSON(rec.Body.Bytes(), "status", "installing"), true
				}
				return 0, nil, nil, false
			},
			want: map[string][]string{scenarioPatch: {"patch-echoes-request", contract.RuleResponseBodySchema}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			result := runAgainst(t, breaking(tc.breaks))
			require.Equal(t, harness.ExitNonConformant, result.Status)
			for _, sc := range result.Run.Scenarios {
				if !sc.Passed {
					t.Logf("%s: %s", sc.Name, sc.Error)
				}
			}
			if diff := cmp.Diff(tc.want, failures(result.Run)); diff != "" {
				t.Errorf("failed scenarios and their rules (-want +got):\n%s", diff)
			}
		})
	}
}

// rewriteJSON sets (or, with nil, deletes) one property of a JSON object.
func rewriteJSON(body []byte, name string, value any) []byte {
	var obj map[string]any
	if err := json.Unmarshal(body, &obj); err != nil {
		return body
	}
	if value == nil {
		delete(obj, name)
	} else {
		obj[name] = value
	}
	out, _ := json.Marshal(obj)
	return out
}
