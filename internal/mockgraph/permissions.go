package mockgraph

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphconform/graphconform/internal/rules"
)

// permissionsExtension is the extension of an operation that lists the permissions it accepts.
const permissionsExtension = "x-ms-permissions"

// permissionSet is an operation's x-ms-permissions: the delegated permissions a token's scp may
// grant and the application permissions its roles may grant; either is enough.
type permissionSet struct {
	Delegated   []string `json:"delegated"`
	Application []string `json:"application"`
}

// permissionsOf reads the x-ms-permissions of every operation of doc, by operationId. An operation
// without the extension, or with one that cannot be read, is missing: it needs no permission.
func permissionsOf(doc *openapi3.T) map[string]permissionSet {
	out := map[string]permissionSet{}
	if doc == nil || doc.Paths == nil {
		return out
	}
	for _, item := range doc.Paths.Map() {
		if item == nil {
			continue
		}
		for _, op := range item.Operations() {
			if op == nil || op.OperationID == "" {
				continue
			}
			raw, ok := op.Extensions[permissionsExtension]
			if !ok {
				continue
			}
			data, err := json.Marshal(raw)
			if err != nil {
				continue
			}
			var set permissionSet
			if err := json.Unmarshal(data, &set); err != nil {
				continue
			}
			out[op.OperationID] = set
		}
	}
	return out
}

// authorize checks that p may call operation: an opaque token may do everything; a JWT needs a scope
// among the delegated permissions or a role among the application permissions of the operation.
func (m *Mock) authorize(p principal, operation string) *apiError {
	if m.auth == AuthOff || !p.jwt {
		return nil
	}
	allowed, ok := m.permissions[operation]
	if !ok {
		return nil
	}
	if grants(p.scopes, allowed.Delegated) || grants(p.roles, allowed.Application) {
		return nil
	}
	return newError(http.StatusForbidden, CodeForbidden, fmt.Sprintf(
		"Insufficient privileges to complete the operation %s. The token grants %s and %s; the operation needs one of the delegated permissions %s (in scp) or one of the application permissions %s (in roles). Mint a token with one, e.g. 'graphconform token --scopes %s'.",
		operation, describeGrant("scp", p.scopes), describeGrant("roles", p.roles),
		listOrNone(allowed.Delegated), listOrNone(allowed.Application), firstOf(allowed.Delegated, allowed.Application))).
		violating(rules.RequestPermitted, operation, "")
}

// grants reports whether any of held is among allowed; permission names compare case-insensitively.
func grants(held, allowed []string) bool {
	for _, h := range held {
		for _, a := range allowed {
			if strings.EqualFold(h, a) {
				return true
			}
		}
	}
	return false
}

// describeGrant names a claim and what it holds.
func describeGrant(claim string, values []string) string {
	if len(values) == 0 {
		return "no " + claim
	}
	return claim + " " + strings.Join(values, " ")
}

// listOrNone joins permissions with ", ", or says there are none.
func listOrNone(values []string) string {
	if len(values) == 0 {
		return "(none)"
	}
	return strings.Join(values, ", ")
}

// firstOf returns the first permission of the first non-empty list.
func firstOf(lists ...[]string) string {
	for _, l := range lists {
		if len(l) > 0 {
			return l[0]
		}
	}
	return "…"
}
