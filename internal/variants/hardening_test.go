package variants

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/rules"
)

// Servers the catalogue does not publish, each pinning one way a target once slipped past the suite
// or was failed for the wrong reason. Each runs the whole suite as the kill matrix does.

// runVariant runs the suite against v and checks it as the kill matrix does: a broken variant fails
// by each of its catches, a faithful one passes cleanly.
func runVariant(t *testing.T, v Variant) {
	t.Helper()
	t.Parallel()
	validator, err := contract.Load(context.Background())
	require.NoError(t, err)
	o, err := Run(t.Context(), v, validator)
	require.NoError(t, err)
	if v.Faithful {
		require.True(t, o.Status == harness.ExitConformant && len(o.Failed) == 0 && len(o.Warned) == 0,
			"the faithful server %q does not pass cleanly: failed %v, warned %v; %v", v.Name, o.Failed, o.Warned, o.Errors)
		return
	}
	require.Equal(t, harness.ExitNonConformant, o.Status, "the broken server %q passes: %v", v.Name, o.Errors)
	require.Empty(t, o.Missing(v), "the broken server %q is not caught as expected: the run failed %v; %v", v.Name, o.Failed, o.Errors)
}

func TestALocationThatIsANetworkPathToAnotherHostIsNeverRequested(t *testing.T) {
	runVariant(t, Variant{
		Name:   "the Location is a network-path reference to another host",
		Caught: catches(rules.LinkOnTargetOrigin, ScenarioUpdate, ScenarioAgain, ScenarioListed, ScenarioPollRetried),
		Wrap: always(func(r *http.Request, a *Answer) {
			if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
				a.Header.Set("Location", "//evil.example/beta"+a.Header.Get("Location"))
			}
		}),
	})
}

func TestANextLinkThatIsANetworkPathToAnotherHostIsNeverRequested(t *testing.T) {
	runVariant(t, Variant{
		Name:   "the @odata.nextLink is a network-path reference to another host",
		Caught: catches(rules.LinkOnTargetOrigin, ScenarioListed),
		Wrap: always(func(r *http.Request, a *Answer) {
			if isOperationsList(r) && a.Status == http.StatusOK {
				a.editJSON(func(page map[string]any) {
					if next, ok := page["@odata.nextLink"].(string); ok {
						page["@odata.nextLink"] = "//evil.example" + strings.TrimPrefix(next, "http://"+r.Host)
					}
				})
			}
		}),
	})
}

func TestALocationInAnotherVersionThanTheUpdateIsCaughtAtThe202(t *testing.T) {
	runVariant(t, Variant{
		Name:   "the Location names the operation below /v1.0, where updateSoftware and its operations are not",
		Caught: catches(rules.LocationNamesDeviceOperation, ScenarioUpdate, ScenarioAgain, ScenarioListed, ScenarioPollRetried),
		Wrap: always(func(r *http.Request, a *Answer) {
			if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
				a.Header.Set("Location", "/v1.0"+a.Header.Get("Location"))
			}
		}),
	})
}

// TestA204ThatSendsABodyAfterItIsCaught: an HTTP client reads no body after a 204, so a server that
// writes one, with its Content-Length, shows it only by that header.
func TestA204ThatSendsABodyAfterItIsCaught(t *testing.T) {
	runVariant(t, Variant{
		Name:   "upgrade's 204 is followed by a body of the length it declares",
		Caught: catches(rules.NoContentHasNoBody, upgrading()...),
		Wrap: func(mock http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				rec := httptest.NewRecorder()
				mock.ServeHTTP(rec, r)
				if !isUpgrade(r) || rec.Code != http.StatusNoContent {
					write(w, &Answer{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()})
					return
				}
				conn, buf, err := w.(http.Hijacker).Hijack() // net/http writes no Content-Length on a 204
				if err != nil {
					return
				}
				defer conn.Close()
				const body = `{"upgraded":true}`
				_, _ = fmt.Fprintf(buf, "HTTP/1.1 204 No Content\r\nRequest-Id: r\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", len(body), body)
				_ = buf.Flush()
			})
		},
	})
}

func TestAPollRetryAfterLongerThanTheScenarioHasLeftFailsByItsRule(t *testing.T) {
	runVariant(t, Variant{
		Name:   "the operation asks to be polled again in an hour",
		Caught: catches(rules.RetryAfterWithinBudget, polling()...),
		Wrap: always(func(r *http.Request, a *Answer) {
			if isOperationGet(r) && a.Status == http.StatusOK && a.Header.Get("Retry-After") != "" {
				a.Header.Set("Retry-After", "3600")
			}
		}),
	})
}

func TestA202WithTwoLocationsIsCaught(t *testing.T) {
	runVariant(t, Variant{
		Name:   "the 202 names its operation in one Location header and another device's in a second",
		Caught: catches(rules.LocationNamesDeviceOperation, acceptingUpdates()...),
		Wrap: always(func(r *http.Request, a *Answer) {
			if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
				a.Header.Add("Location", "/teamwork/devices/00000000-0000-4000-8000-00000000dead/operations/o")
			}
		}),
	})
}

func TestAnOperationWhoseTypeChangesBetweenPollsIsCaught(t *testing.T) {
	runVariant(t, Variant{
		Name:   "the operation at the Location turns into a deviceRestart after its first GET",
		Caught: catches(rules.LocationResolves, ScenarioUpdate, ScenarioAgain, ScenarioListed),
		Wrap: answers(func() Rewrite {
			seen := map[string]bool{}
			return func(r *http.Request, a *Answer) {
				if isOperationGet(r) && a.Status == http.StatusOK {
					if seen[r.URL.Path] {
						a.SetJSON("operationType", "deviceRestart")
					}
					seen[r.URL.Path] = true
				}
			}
		}),
	})
}

func TestALocationWithUserinfoIsCaught(t *testing.T) {
	runVariant(t, Variant{
		Name:   "the Location is an absolute URL with a user name and password",
		Caught: catches(rules.LocationNamesDeviceOperation, acceptingUpdates()...),
		Wrap: always(func(r *http.Request, a *Answer) {
			if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
				a.Header.Set("Location", "http://operator:hunter2@"+r.Host+"/beta"+a.Header.Get("Location"))
			}
		}),
	})
}
