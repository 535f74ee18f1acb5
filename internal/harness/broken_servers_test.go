package harness_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/rules"
	"github.com/graphconform/graphconform/internal/target"
)

// breakage rewrites the mock's answer to one request; it returns false to leave the answer as it is.
type breakage func(r *http.Request, resp *httptest.ResponseRecorder) (status int, header http.Header, body []byte, broke bool)

// breaking wraps each scenario's mock so that it breaks one promise of the contract; newBreakage is
// called once per scenario, so a breakage may keep state across a scenario's requests.
func breaking(newBreakage func() breakage) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		b := newBreakage()
		var mu sync.Mutex
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			r.Body = io.NopCloser(bytes.NewReader(body))
			mu.Lock()
			status, header, out, broke := b(r, rec)
			mu.Unlock()
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

// always is a breakage without state.
func always(b breakage) func() breakage {
	return func() breakage { return b }
}

func isUpdateSoftware(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/updateSoftware")
}

// operationOf is the Location of an operation id of the device an updateSoftware request names.
func operationOf(r *http.Request, id string) string {
	device := strings.TrimPrefix(strings.TrimSuffix(r.URL.Path, "/updateSoftware"), "/beta")
	return device + "/operations/" + id
}

func isOperationGet(r *http.Request) bool {
	return r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/operations/")
}

// runAgainst runs the whole suite against the mock wrapped by wrap.
func runAgainst(t *testing.T, wrap func(http.Handler) http.Handler) *harness.Result {
	t.Helper()
	ctx := context.Background()
	validator := newValidator(t)
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
			if f.Level == "error" && !contains(rules, f.RuleID.String()) {
				rules = append(rules, f.RuleID.String())
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
	scenarioUpdate       = "An update is accepted with a Location that resolves to its operation, which ends"
	scenarioConflict     = "A second update while the first is queued is refused with 409 Conflict"
	scenarioAgain        = "The device accepts an update again once the operation has ended"
	scenarioOtherDevice  = "A queued update of one device does not block another device"
	scenarioUnknown      = "An update of a device that does not exist is refused with 404"
	scenarioPatch        = "A PATCH answers 200 echoing the updated windowsUpdateState (the docs' example)"
	scenarioPartial      = "A partial PATCH changes what it sends and leaves the rest, as a following GET shows"
	scenarioThrottled    = "A throttled update is retried after its Retry-After and accepted"
	scenarioPollRetried  = "An unavailable poll is retried after its fractional Retry-After and the operation still ends"
	scenarioLeastUpdate  = "updateSoftware with a delegated token holding only its least privileged permission is accepted"
	scenarioLeastUpgrade = "upgrade with an application token holding only its least privileged permission is accepted"
	scenarioListed       = "The device's operations list holds every update, a page at a time"
	scenarioLeastPatch   = "windowsUpdateState PATCH with an application token holding only its least privileged permission is accepted"
)

var (
	softwareTypes = []string{"adminAgent", "operatingSystem", "teamsClient", "firmware", "partnerAgent", "companyPortal"}
	// acceptingUpdates are the scenarios that expect a 202 from updateSoftware.
	acceptingUpdates = append([]string{scenarioUpdate, scenarioConflict, scenarioAgain, scenarioOtherDevice,
		scenarioThrottled, scenarioPollRetried, scenarioLeastUpdate, scenarioListed}, typeScenarios()...)
	// polling are the scenarios that follow the Location until the operation ends.
	polling   = []string{scenarioUpdate, scenarioAgain, scenarioPollRetried, scenarioListed}
	upgrading = []string{
		"Upgrading an installed app answers 204 with no body, the user named by id",
		"Upgrading an installed app answers 204 with no body, the user named by user principal name",
		"Upgrading and consenting to resource-specific permissions answers 204 (the docs' example 2)",
		scenarioLeastUpgrade,
	}
	badUpdateBodies = []string{"unknown software type", "missing software type", "mistyped software type", "mistyped version", "malformed JSON"}
	unauthenticated = []string{
		"updateSoftware without a token is refused with 401",
		"upgrade without a token is refused with 401",
		"windowsUpdateState PATCH without a token is refused with 401",
		"Listing a device's operations without a token is refused with 401",
	}
)

func typeScenarios() []string {
	out := make([]string, len(softwareTypes))
	for i, t := range softwareTypes {
		out[i] = "Every software type the docs list is accepted: " + t
	}
	return out
}

// each maps every scenario to the same rules.
func each(scenarios []string, ids ...rules.ID) map[string][]string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		names = append(names, id.String())
	}
	out := map[string][]string{}
	for _, sc := range scenarios {
		out[sc] = names
	}
	return out
}

func TestSuitePassesAgainstTheFaithfulMock(t *testing.T) {
	result := runAgainst(t, nil)
	require.Equal(t, harness.ExitConformant, result.Status, "failures: %v", failures(result.Run))
	require.Len(t, result.Run.Scenarios, 47)
}

// TestSuiteFailsAgainstABrokenServer pins that each documented promise is checked: a server that breaks
// it fails exactly the scenarios that rely on it, with the rule that says why.
func TestSuiteFailsAgainstABrokenServer(t *testing.T) {
	cases := []struct {
		name   string
		breaks func() breakage
		want   map[string][]string
	}{
		{
			name: "updateSoftware answers 200 instead of 202",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isUpdateSoftware(r) && rec.Code == http.StatusAccepted {
					return http.StatusOK, rec.Header(), nil, true
				}
				return 0, nil, nil, false
			}),
			want: each(acceptingUpdates, rules.ResponseStatusDeclared),
		},
		{
			name: "the 202 of updateSoftware has no Location",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isUpdateSoftware(r) && rec.Code == http.StatusAccepted {
					h := rec.Header().Clone()
					h.Del("Location")
					return rec.Code, h, nil, true
				}
				return 0, nil, nil, false
			}),
			want: each(acceptingUpdates, rules.ResponseHeader),
		},
		{
			name: "no 409 while an update is queued",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isUpdateSoftware(r) && rec.Code == http.StatusConflict {
					h := http.Header{"Location": {operationOf(r, "accepted-again")}, "Request-Id": {"r"}}
					return http.StatusAccepted, h, nil, true
				}
				return 0, nil, nil, false
			}),
			want: each([]string{scenarioConflict}, rules.DocumentedStatus),
		},
		{
			name: "409 for every update after the device's first, even once it has ended",
			breaks: func() breakage {
				updated := map[string]bool{}
				return func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
					if !isUpdateSoftware(r) || rec.Code != http.StatusAccepted {
						return 0, nil, nil, false
					}
					if updated[r.URL.Path] {
						return http.StatusConflict, http.Header{"Content-Type": {"application/json"}}, []byte(`{"error":{"code":"Conflict","message":"busy"}}`), true
					}
					updated[r.URL.Path] = true
					return 0, nil, nil, false
				}
			},
			want: each([]string{scenarioAgain, scenarioListed}, rules.DocumentedStatus),
		},
		{
			name: "409 for another device while one is queued",
			breaks: func() breakage {
				busy := ""
				return func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
					if !isUpdateSoftware(r) || rec.Code != http.StatusAccepted {
						return 0, nil, nil, false
					}
					if busy != "" && busy != r.URL.Path {
						return http.StatusConflict, http.Header{"Content-Type": {"application/json"}}, []byte(`{"error":{"code":"Conflict","message":"busy"}}`), true
					}
					busy = r.URL.Path
					return 0, nil, nil, false
				}
			},
			want: each([]string{scenarioOtherDevice}, rules.DocumentedStatus),
		},
		{
			name: "the Location names another operation",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isUpdateSoftware(r) && rec.Code == http.StatusAccepted {
					h := rec.Header().Clone()
					h.Set("Location", h.Get("Location")+"-elsewhere")
					return rec.Code, h, nil, true
				}
				return 0, nil, nil, false
			}),
			want: each(polling, rules.DocumentedStatus),
		},
		{
			name: "the operation never leaves queued",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isOperationGet(r) && rec.Code == http.StatusOK {
					return rec.Code, rec.Header(), rewriteJSON(rec.Body.Bytes(), "status", "queued"), true
				}
				return 0, nil, nil, false
			}),
			want: each(polling, rules.OperationReachesTerminalStatus),
		},
		{
			name: "the operation's status is outside the docs' vocabulary",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isOperationGet(r) && rec.Code == http.StatusOK {
					return rec.Code, rec.Header(), rewriteJSON(rec.Body.Bytes(), "status", "done"), true
				}
				return 0, nil, nil, false
			}),
			want: each(polling, rules.OperationStatusVocabulary),
		},
		{
			name: "the operations list ignores $top",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/operations") && rec.Code == http.StatusOK {
					var page map[string]any
					if json.Unmarshal(rec.Body.Bytes(), &page) != nil {
						return 0, nil, nil, false
					}
					if items, ok := page["value"].([]any); ok && len(items) > 0 {
						page["value"] = append(items, items[0])
					}
					out, _ := json.Marshal(page)
					return rec.Code, rec.Header(), out, true
				}
				return 0, nil, nil, false
			}),
			want: each([]string{scenarioListed}, rules.OperationsListHoldsOperation),
		},
		{
			name: "the operations list has no next page",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/operations") && rec.Code == http.StatusOK {
					return rec.Code, rec.Header(), rewriteJSON(rec.Body.Bytes(), "@odata.nextLink", nil), true
				}
				return 0, nil, nil, false
			}),
			want: each([]string{scenarioListed}, rules.OperationsListHoldsOperation),
		},
		{
			name: "the Location resolves to an operation with another id",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isOperationGet(r) && rec.Code == http.StatusOK {
					return rec.Code, rec.Header(), rewriteJSON(rec.Body.Bytes(), "id", "another-operation"), true
				}
				return 0, nil, nil, false
			}),
			// Every exchange of the operation says so now; the scenario that follows the Location says it too.
			want: each([]string{scenarioUpdate, "An unavailable poll is retried after its fractional Retry-After and the operation still ends",
				"The device's operations list holds every update, a page at a time", "The device accepts an update again once the operation has ended"},
				rules.OperationCarriesItsID),
		},
		{
			name: "the 409's Graph error has an empty code",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isUpdateSoftware(r) && rec.Code == http.StatusConflict {
					return rec.Code, rec.Header(), []byte(`{"error":{"code":"","message":""}}`), true
				}
				return 0, nil, nil, false
			}),
			want: each([]string{scenarioConflict}, rules.GraphErrorBody),
		},
		{
			name: "the 409 is not a Graph error",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isUpdateSoftware(r) && rec.Code == http.StatusConflict {
					return rec.Code, http.Header{"Content-Type": {"text/plain"}}, []byte("conflict"), true
				}
				return 0, nil, nil, false
			}),
			want: each([]string{scenarioConflict}, rules.ResponseContentType),
		},
		{
			name: "invalid update bodies are accepted",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isUpdateSoftware(r) && rec.Code == http.StatusBadRequest {
					return http.StatusAccepted, http.Header{"Location": {operationOf(r, "y")}}, nil, true
				}
				return 0, nil, nil, false
			}),
			want: each(prefixed("An invalid request body is refused with 400: ", badUpdateBodies), rules.DocumentedStatus),
		},
		{
			name: "an unknown device answers 400",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if isUpdateSoftware(r) && rec.Code == http.StatusNotFound {
					return http.StatusBadRequest, rec.Header(), rec.Body.Bytes(), true
				}
				return 0, nil, nil, false
			}),
			want: each([]string{scenarioUnknown}, rules.DocumentedStatus),
		},
		{
			name: "a request without a token gets 403 instead of 401",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if rec.Code == http.StatusUnauthorized {
					return http.StatusForbidden, rec.Header(), rec.Body.Bytes(), true
				}
				return 0, nil, nil, false
			}),
			want: each(unauthenticated, rules.DocumentedStatus),
		},
		{
			name: "permissions are not enforced",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if rec.Code == http.StatusForbidden {
					return http.StatusBadRequest, rec.Header(), rec.Body.Bytes(), true
				}
				return 0, nil, nil, false
			}),
			want: each([]string{
				"updateSoftware with a delegated token lacking its permissions is refused with 403",
				"upgrade with an application token lacking its permissions is refused with 403",
				"windowsUpdateState PATCH with a delegated token lacking its permissions is refused with 403",
			}, rules.DocumentedStatus),
		},
		{
			name: "a 429 whose Retry-After is not seconds",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if rec.Code == http.StatusTooManyRequests {
					h := rec.Header().Clone()
					h.Set("Retry-After", "soon")
					return rec.Code, h, rec.Body.Bytes(), true
				}
				return 0, nil, nil, false
			}),
			want: each([]string{"A throttled update is retried after its Retry-After and accepted"}, rules.RetryAfterFormat),
		},
		{
			name: "upgrade answers 200 instead of 204",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if strings.HasSuffix(r.URL.Path, "/upgrade") && rec.Code == http.StatusNoContent {
					return http.StatusOK, http.Header{"Content-Type": {"application/json"}}, []byte(`{}`), true
				}
				return 0, nil, nil, false
			}),
			want: each(upgrading, rules.ResponseStatusDeclared),
		},
		{
			name: "upgrade's 204 has a body",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if strings.HasSuffix(r.URL.Path, "/upgrade") && rec.Code == http.StatusNoContent {
					return http.StatusNoContent, http.Header{"Content-Type": {"application/json"}}, []byte(`{"upgraded":true}`), true
				}
				return 0, nil, nil, false
			}),
			want: each(upgrading, rules.NoContentHasNoBody),
		},
		{
			name: "the PATCH echo misses a field",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if r.Method == http.MethodPatch && rec.Code == http.StatusOK {
					return rec.Code, rec.Header(), rewriteJSON(rec.Body.Bytes(), "featureUpdateVersion", nil), true
				}
				return 0, nil, nil, false
			}),
			want: each([]string{scenarioPatch}, rules.PatchEchoesRequest),
		},
		{
			name: "the PATCH echo has a wrong status enum",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if r.Method == http.MethodPatch && rec.Code == http.StatusOK {
					return rec.Code, rec.Header(), rewriteJSON(rec.Body.Bytes(), "status", "installing"), true
				}
				return 0, nil, nil, false
			}),
			want: each([]string{scenarioPatch, scenarioPartial, scenarioLeastPatch}, rules.PatchEchoesRequest, rules.ResponseBodySchema),
		},
		{
			name: "a PATCH resets a property it did not send",
			breaks: func() breakage {
				patched := false
				return func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
					if r.Method == http.MethodPatch && rec.Code == http.StatusOK {
						patched = true
					}
					if r.Method == http.MethodGet && patched && rec.Code == http.StatusOK {
						return rec.Code, rec.Header(), rewriteJSON(rec.Body.Bytes(), "deviceDisplayName", "reset"), true
					}
					return 0, nil, nil, false
				}
			},
			want: each([]string{scenarioPartial}, rules.PatchPersists),
		},
		{
			name: "invalid PATCH bodies are accepted",
			breaks: always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
				if r.Method == http.MethodPatch && rec.Code == http.StatusBadRequest {
					return http.StatusOK, http.Header{"Content-Type": {"application/json"}}, []byte(`{"id":"` + path.Base(r.URL.Path) + `"}`), true
				}
				return 0, nil, nil, false
			}),
			// A 200 that does not echo the body trips the echo rule first; a body of annotations only has
			// nothing to echo, so there the status is what fails.
			want: mergeWants(
				each(prefixed("An invalid update is refused with 400: ",
					[]string{"invalid status", "invalid date-time", "unknown property", "mistyped property"}), rules.PatchEchoesRequest),
				each([]string{"An invalid update is refused with 400: wrong @odata.type"}, rules.DocumentedStatus)),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			result := runAgainst(t, breaking(tc.breaks))
			require.Equal(t, harness.ExitNonConformant, result.Status)
			if diff := cmp.Diff(tc.want, failures(result.Run)); diff != "" {
				for _, sc := range result.Run.Scenarios {
					if !sc.Passed {
						t.Logf("%s: %s", sc.Name, sc.Error)
					}
				}
				t.Errorf("failed scenarios and their rules (-want +got):\n%s", diff)
			}
		})
	}
}

func mergeWants(wants ...map[string][]string) map[string][]string {
	out := map[string][]string{}
	for _, w := range wants {
		for k, v := range w {
			out[k] = v
		}
	}
	return out
}

func prefixed(prefix string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return out
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

// TestTheSuiteReportsLiveGraphsMissingDeviceUpdateStatesPlainly pins what a run against live Graph
// shows, where the deviceUpdateStates navigation was removed from the beta model: every scenario
// that expects something other than a 400 fails by documented-status, quoting Graph's own message.
func TestTheSuiteReportsLiveGraphsMissingDeviceUpdateStatesPlainly(t *testing.T) {
	const segment = "Resource not found for the segment 'deviceUpdateStates'."
	result := runAgainst(t, breaking(always(func(r *http.Request, rec *httptest.ResponseRecorder) (int, http.Header, []byte, bool) {
		if !strings.Contains(r.URL.Path, "/deviceUpdateStates/") || rec.Code == http.StatusUnauthorized {
			return 0, nil, nil, false
		}
		body := `{"error":{"code":"BadRequest","message":"` + segment + `","innerError":{"request-id":"r","client-request-id":"r","date":"2026-11-22T00:00:00"}}}`
		return http.StatusBadRequest, http.Header{"Content-Type": {"application/json"}}, []byte(body), true
	})))
	require.Equal(t, harness.ExitNonConformant, result.Status)
	want := each([]string{
		scenarioPatch, scenarioPartial, scenarioLeastPatch,
		"A GET answers 200 with the windowsUpdateState the path names",
		"windowsUpdateState PATCH with a delegated token lacking its permissions is refused with 403",
		"Updating what does not exist is refused with 404: a state",
		"Updating what does not exist is refused with 404: a configuration",
	}, rules.DocumentedStatus)
	if diff := cmp.Diff(want, failures(result.Run)); diff != "" {
		t.Errorf("failed scenarios and their rules (-want +got):\n%s", diff)
	}
	for _, sc := range result.Run.Scenarios {
		if !sc.Passed {
			require.Contains(t, sc.Error, segment, "%s: the failure quotes what Graph said", sc.Name)
		}
	}
}
