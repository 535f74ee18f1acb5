package variants

import (
	"net/http"
	"net/http/httptest"

	"github.com/graphconform/graphconform/internal/rules"
	"github.com/graphconform/graphconform/internal/target"
)

var (
	promise401 = Source{pageErrors, "|401|Unauthorized|"}
	promise403 = Source{pageErrors, "|403|Forbidden|"}
)

// ignoringPermissions wraps the mock so that a request for which is returns true, sent with a minted
// token (a JWT) that the mock refuses with 403, is answered again as if it carried the mock's opaque
// token, whose permissions the mock never checks. A token that holds the permissions is answered as
// it was, so what the mock records of its caller stays true.
func ignoringPermissions(is func(r *http.Request) bool) func(http.Handler) http.Handler {
	return func(mock http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !is(r) || !isJWT(r) {
				mock.ServeHTTP(w, r)
				return
			}
			body := readBody(r)
			rec := httptest.NewRecorder()
			mock.ServeHTTP(rec, r)
			if rec.Code != http.StatusForbidden {
				write(w, &Answer{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()})
				return
			}
			replaceBody(r, body)
			r.Header.Set("Authorization", "Bearer "+target.MockToken)
			mock.ServeHTTP(w, r)
		})
	}
}

// operationAuth is what the auth variants need of one operation: its requests, its scenarios and
// where its page names its permissions.
type operationAuth struct {
	name                      string
	is                        func(r *http.Request) bool
	bearer, permissions       Source
	noToken, forbidden, least string
}

var operationsAuth = []operationAuth{
	{
		name: "updateSoftware", is: isUpdateSoftware,
		bearer:      Source{pageUpdateSoftware, "|Authorization|Bearer {token}. Required.|"},
		permissions: Source{pageUpdateSoftware, "|Delegated (work or school account)|TeamworkDevice.ReadWrite.All|"},
		noToken:     ScenarioNoTokenUpdate, forbidden: ScenarioForbiddenUpdate, least: ScenarioLeastUpdate,
	},
	{
		name: "upgrade", is: isUpgrade,
		bearer:      Source{pageUpgrade, "|Authorization|Bearer {token}. Required."},
		permissions: Source{pageUpgrade, "|Application|TeamsAppInstallation.ReadWriteSelfForUser.All|"},
		noToken:     ScenarioNoTokenUpgrade, forbidden: ScenarioForbiddenUpgrade, least: ScenarioLeastUpgrade,
	},
	{
		name: "the windowsUpdateState PATCH", is: isStatePatch,
		bearer:      Source{pagePatch, "|Authorization|Bearer {token}. Required."},
		permissions: Source{pagePatch, "|Permission type|Permissions (from most to least privileged)|"},
		noToken:     ScenarioNoTokenPatch, forbidden: ScenarioForbiddenPatch, least: ScenarioLeastPatch,
	},
}

func brokenAuth() []Variant {
	out := []Variant{
		{
			Name:    "a request without a token gets 403 instead of 401",
			Promise: "401 Unauthorized: required authentication information is missing.",
			Source:  promise401,
			Caught:  catches(rules.DocumentedStatus, ScenarioNoTokenUpdate, ScenarioNoTokenUpgrade, ScenarioNoTokenPatch),
			Wrap: always(func(_ *http.Request, a *Answer) {
				if a.Status == http.StatusUnauthorized {
					a.Status = http.StatusForbidden
				}
			}),
		},
		{
			Name:    "the 401 is not a Graph error",
			Promise: "The error resource is returned whenever an error occurs.",
			Source:  Source{pageErrors, "The error resource is returned whenever an error occurs"},
			Caught:  catches(rules.ResponseBodySchema, ScenarioNoTokenUpdate, ScenarioNoTokenUpgrade, ScenarioNoTokenPatch),
			Wrap: always(func(_ *http.Request, a *Answer) {
				if a.Status == http.StatusUnauthorized {
					a.Body = []byte(`{"message":"Unauthorized"}`)
				}
			}),
		},
		{
			Name:    "a token lacking the permissions gets 400 instead of 403",
			Promise: "403 Forbidden: the user might not have enough permission.",
			Source:  promise403,
			Caught:  catches(rules.DocumentedStatus, ScenarioForbiddenUpdate, ScenarioForbiddenUpgrade, ScenarioForbiddenPatch),
			Wrap: always(func(_ *http.Request, a *Answer) {
				if a.Status == http.StatusForbidden {
					a.Status = http.StatusBadRequest
				}
			}),
		},
	}
	for _, op := range operationsAuth {
		out = append(out,
			Variant{
				Name:    op.name + " needs no token",
				Promise: "Authorization: Bearer {token}. Required.",
				Source:  op.bearer,
				Caught:  catches(rules.DocumentedStatus, op.noToken),
				Wrap: requests(func(r *http.Request) {
					if op.is(r) && r.Header.Get("Authorization") == "" {
						r.Header.Set("Authorization", "Bearer "+target.MockToken)
					}
				}),
			},
			Variant{
				Name:    op.name + " does not check the token's permissions",
				Promise: "One of the permissions the page lists is required to call this API.",
				Source:  op.permissions,
				Caught:  catches(rules.DocumentedStatus, op.forbidden),
				Wrap:    ignoringPermissions(op.is),
			},
			Variant{
				Name:    op.name + " refuses its least privileged permission",
				Promise: "The least privileged permission the page lists is enough.",
				Source:  op.permissions,
				Caught:  catches(rules.DocumentedStatus, op.least),
				Wrap: always(func(r *http.Request, a *Answer) {
					if op.is(r) && isJWT(r) && a.Status < 300 {
						a.graphError(http.StatusForbidden, "Forbidden", "Insufficient privileges to complete the operation.")
					}
				}),
			},
		)
	}
	return out
}
