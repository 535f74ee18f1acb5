package clientrules

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphconform/graphconform/internal/rules"
)

// permissionsExtension lists an operation's permissions, least privileged first, as the docs'
// permissions tables do.
const permissionsExtension = "x-ms-permissions"

// permissionSet is an operation's x-ms-permissions.
type permissionSet struct {
	Delegated   []string `json:"delegated"`
	Application []string `json:"application"`
}

// permissionsOf reads the x-ms-permissions of every operation of doc, by operationId.
func permissionsOf(doc *openapi3.T) map[string]permissionSet {
	out := map[string]permissionSet{}
	if doc == nil || doc.Paths == nil {
		return out
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			raw, ok := op.Extensions[permissionsExtension]
			if !ok || op.OperationID == "" {
				continue
			}
			data, err := json.Marshal(raw)
			if err != nil {
				continue
			}
			var set permissionSet
			if json.Unmarshal(data, &set) == nil {
				out[op.OperationID] = set
			}
		}
	}
	return out
}

// grants is what a JWT grants: delegated permissions (scp) and application permissions (roles).
type grants struct {
	scopes, roles []string
}

// jwtGrants reads the scp and roles of a bearer JWT's payload (the signature is not checked: only the
// target can). ok is false for an opaque token or one that cannot be read.
func jwtGrants(authorization string) (g grants, ok bool) {
	scheme, token, found := strings.Cut(strings.TrimSpace(authorization), " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return g, false
	}
	parts := strings.Split(strings.TrimSpace(token), ".")
	if len(parts) != 3 {
		return g, false
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return g, false
	}
	var claims struct {
		Scp   string   `json:"scp"`
		Roles []string `json:"roles"`
	}
	if json.Unmarshal(payload, &claims) != nil {
		return g, false
	}
	return grants{scopes: strings.Fields(claims.Scp), roles: claims.Roles}, true
}

func holds(held []string, permission string) bool {
	for _, h := range held {
		if strings.EqualFold(h, permission) {
			return true
		}
	}
	return false
}

func holdsAny(held, allowed []string) bool {
	for _, a := range allowed {
		if holds(held, a) {
			return true
		}
	}
	return false
}

// permissionFindings says how r's token fits operation: request-permitted (when checked) for a JWT that
// grants none of its permissions, client-least-privileged-permission (a warning) for one that grants
// only higher-privileged ones of a kind whose least-privileged permission would do.
func (o *Observer) permissionFindings(operation string, r Request) map[rules.ID]string {
	allowed, ok := o.permissions[operation]
	if !ok {
		return nil
	}
	g, ok := jwtGrants(r.Header.Get("Authorization"))
	if !ok {
		return nil
	}
	if !holdsAny(g.scopes, allowed.Delegated) && !holdsAny(g.roles, allowed.Application) {
		if !o.checkPermitted {
			return nil
		}
		return map[rules.ID]string{rules.RequestPermitted: fmt.Sprintf(
			"the token grants none of the permissions of %s: delegated %s (in scp) or application %s (in roles)",
			operation, strings.Join(allowed.Delegated, ", "), strings.Join(allowed.Application, ", "))}
	}
	out := map[rules.ID]string{}
	for _, kind := range []struct {
		claim   string
		held    []string
		allowed []string
	}{{"scp", g.scopes, allowed.Delegated}, {"roles", g.roles, allowed.Application}} {
		if len(kind.allowed) < 2 || !holdsAny(kind.held, kind.allowed[1:]) || holds(kind.held, kind.allowed[0]) {
			continue
		}
		out[rules.ClientLeastPrivilegedPermission] = fmt.Sprintf(
			"the token's %s grants a higher-privileged permission of %s where the least-privileged %s suffices (the docs' permissions table)",
			kind.claim, operation, kind.allowed[0])
	}
	return out
}
