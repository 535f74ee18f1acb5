package variants

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
)

var (
	promise204       = Source{pageUpgrade, "If successful, this method returns a `204 No Content` response code."}
	promiseNoBody    = Source{pageUpgrade, "It doesn't return anything in the response body."}
	promiseUPN       = Source{pageUpgrade, "POST /users/{user-id | user-principal-name}/teamwork/installedApps"}
	promiseConsent   = Source{pageUpgrade, "Set of resource-specific permissions that are being consented to. Optional."}
	promiseCapital   = Source{pageDecisions, "| `enum-example-case` |"}
	promisePermTypes = Source{"teamsappresourcespecificpermission.md", "The possible values are: `delegated`, `application`, `unknownFutureValue`."}
	promiseV1        = Source{pageDecisions, "| `v1-also-beta` |"}
)

// upgradeUser is the user segment of an upgrade path.
func upgradeUser(r *http.Request) string {
	rest, ok := strings.CutPrefix(r.URL.Path, "/v1.0/users/")
	if !ok {
		rest, _ = strings.CutPrefix(r.URL.Path, "/beta/users/")
	}
	user, _, _ := strings.Cut(rest, "/")
	return user
}

// seededUser tells whether the default seed has the user, by id or user principal name.
func seededUser(user string) bool {
	for _, u := range mockgraph.DefaultSeed().Users {
		if strings.EqualFold(u.ID, user) || strings.EqualFold(u.UserPrincipalName, user) {
			return true
		}
	}
	return false
}

// noContentThenBody serves the mock, but follows upgrade's 204 with a body and the Content-Length
// that declares it. An HTTP client reads no body after a 204, so the header is all that shows it.
func noContentThenBody(mock http.Handler) http.Handler {
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
}

// noContent makes the answer upgrade's 204.
func noContent(a *Answer) {
	a.Status, a.Body = http.StatusNoContent, nil
	a.Header = http.Header{"Request-Id": {"r"}}
}

func brokenUpgrade() []Variant {
	return []Variant{
		{
			Name:    "upgrade answers 200 instead of 204",
			Promise: "If successful, upgrade returns 204 No Content.",
			Source:  promise204,
			Caught:  catches(rules.ResponseStatusDeclared, upgrading()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpgrade(r) && a.Status == http.StatusNoContent {
					a.Status, a.Body = http.StatusOK, []byte(`{}`)
					a.Header.Set("Content-Type", "application/json")
				}
			}),
		},
		{
			Name:    "upgrade's 204 declares a JSON body",
			Promise: "It doesn't return anything in the response body.",
			Source:  promiseNoBody,
			Caught:  catches(rules.NoContentHasNoBody, upgrading()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpgrade(r) && a.Status == http.StatusNoContent {
					a.Header.Set("Content-Type", "application/json")
					a.Body = []byte(`{"upgraded":true}`)
				}
			}),
		},
		{
			Name:    "upgrade's 204 is followed by a body of the length it declares",
			Promise: "It doesn't return anything in the response body: no body after the 204, nor a Content-Length declaring one.",
			Source:  promiseNoBody,
			Caught:  catches(rules.NoContentHasNoBody, upgrading()...),
			Wrap:    noContentThenBody,
		},
		{
			Name:    "upgrade is not served below /v1.0",
			Promise: "The upgrade is a v1.0 operation, as the docs' request shows.",
			Source:  promiseV1,
			Caught:  catches(rules.DocumentedStatus, upgrading()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpgrade(r) && strings.HasPrefix(r.URL.Path, "/v1.0/") && a.Status != http.StatusUnauthorized {
					a.graphError(http.StatusBadRequest, "BadRequest", "Resource not found for the segment 'upgrade'.")
				}
			}),
		},
		{
			Name:    "upgrade does not know users by user principal name",
			Promise: "The user is named by id or user principal name.",
			Source:  promiseUPN,
			Caught:  catches(rules.DocumentedStatus, ScenarioUpgradeByUPN),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpgrade(r) && strings.Contains(upgradeUser(r), "@") {
					a.graphError(http.StatusNotFound, "NotFound", "The user does not exist.")
				}
			}),
		},
		{
			Name:    "upgrade refuses a consentedPermissionSet",
			Promise: "consentedPermissionSet: the resource-specific permissions being consented to. Optional.",
			Source:  promiseConsent,
			Caught:  catches(rules.DocumentedStatus, ScenarioConsent),
			Wrap: always(func(r *http.Request, a *Answer) {
				if obj, ok := jsonObject(readBody(r)); isUpgrade(r) && a.Status == http.StatusNoContent && ok && obj["consentedPermissionSet"] != nil {
					a.graphError(http.StatusBadRequest, "BadRequest", "consentedPermissionSet is not supported.")
				}
			}),
		},
		{
			Name:    "upgrade refuses the docs' example's capitalised permission type",
			Promise: "The docs' example 2 sends \"Application\"; the description accepts the capitalised spellings.",
			Source:  promiseCapital,
			Caught:  catches(rules.DocumentedStatus, ScenarioConsent),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpgrade(r) && a.Status == http.StatusNoContent && strings.Contains(string(readBody(r)), `"Application"`) {
					a.graphError(http.StatusBadRequest, "BadRequest", "permissionType 'Application' is not a teamsAppResourceSpecificPermissionType.")
				}
			}),
		},
		{
			Name:    "an invalid permission type is accepted",
			Promise: "permissionType is delegated, application or unknownFutureValue.",
			Source:  promisePermTypes,
			Caught:  catches(rules.DocumentedStatus, ScenarioBadPermType),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpgrade(r) && a.Status == http.StatusBadRequest && strings.Contains(string(readBody(r)), "permissionType") {
					noContent(a)
				}
			}),
		},
		{
			Name:    "an upgrade of an installation that does not exist answers 204",
			Promise: "404 Not Found: the requested resource doesn't exist.",
			Source:  promise404,
			Caught:  catches(rules.DocumentedStatus, ScenarioNoInstall),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpgrade(r) && a.Status == http.StatusNotFound && seededUser(upgradeUser(r)) {
					noContent(a)
				}
			}),
		},
		{
			Name:    "an upgrade for a user who does not exist answers 204",
			Promise: "404 Not Found: the requested resource doesn't exist.",
			Source:  promise404,
			Caught:  catches(rules.DocumentedStatus, ScenarioNoUser),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpgrade(r) && a.Status == http.StatusNotFound && !seededUser(upgradeUser(r)) {
					noContent(a)
				}
			}),
		},
	}
}
