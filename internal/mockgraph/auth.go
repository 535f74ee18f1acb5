package mockgraph

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/graphconform/graphconform/internal/rules"
)

// AuthMode says whether the mock asks for a bearer token.
type AuthMode string

// The modes of authentication.
const (
	// AuthOn (the zero value means it too) requires "Authorization: Bearer {token}": without one the
	// answer is 401. A JWT's scp and roles claims are checked against the operation's
	// x-ms-permissions (403 when none matches); an opaque token may do everything.
	AuthOn AuthMode = "on"
	// AuthOff accepts requests without a token and checks no permission.
	AuthOff AuthMode = "off"
)

// normalize maps the zero value to AuthOn and rejects unknown modes.
func (a AuthMode) normalize() (AuthMode, error) {
	switch a {
	case "", AuthOn:
		return AuthOn, nil
	case AuthOff:
		return AuthOff, nil
	default:
		return "", fmt.Errorf("auth mode %q is unknown; use %q or %q", string(a), AuthOn, AuthOff)
	}
}

// principal is who a request's token says sent it, and what it may do.
type principal struct {
	caller identitySet
	// jwt is true when the token is a JWT; its scopes and roles are then checked. An opaque token
	// may do everything.
	jwt    bool
	scopes []string // the scp claim, split on spaces: delegated permissions
	roles  []string // the roles claim: application permissions
}

// authenticate reads the bearer token of r. With AuthOff a request without a token, or with a token
// that cannot be read, is an anonymous application that may do everything.
func (m *Mock) authenticate(r *http.Request, operation string) (principal, *apiError) {
	token := bearerToken(r)
	if m.auth == AuthOff {
		payload, _, err := jwtPayload(token)
		if err != nil || readableClaims(payload) != nil {
			payload = nil
		}
		return principal{caller: callerOf(payload)}, nil
	}
	if token == "" {
		return principal{}, newError(http.StatusUnauthorized, CodeInvalidAuthenticationToken,
			"Access token is empty. Send the header 'Authorization: Bearer <token>' ('graphconform token --scopes …' mints one the mock reads).").
			withHeader("WWW-Authenticate", wwwAuthenticate).
			violating(rules.RequestAuthenticated, operation, "")
	}
	p, err := readToken(token)
	if errors.Is(err, errClaimTooLong) {
		return principal{}, newError(http.StatusBadRequest, CodeBadRequest,
			fmt.Sprintf("The access token is too large: %v. Send a token with shorter claims.", err)).
			violating(rules.RequestAuthenticated, operation, "")
	}
	if err != nil {
		return principal{}, newError(http.StatusUnauthorized, CodeInvalidAuthenticationToken,
			fmt.Sprintf("The access token is malformed: %v. Send a well-formed JWT ('graphconform token' mints one) or an opaque token.", err)).
			withHeader("WWW-Authenticate", wwwAuthenticate).
			violating(rules.RequestAuthenticated, operation, "")
	}
	return p, nil
}

// MaxClaimLength bounds every string claim of a JWT the mock reads (name, oid, scp, each role, …): a
// longer one is answered 400, so that what the mock records of a caller stays small.
const MaxClaimLength = 1024

// errClaimTooLong says a JWT carries a claim longer than MaxClaimLength.
var errClaimTooLong = errors.New("a claim is too long")

// readToken reads a bearer token. A token is a JWT when it has three dot-separated parts and its
// first part starts as a base64url-encoded JSON object does ("eyJ"); it must then decode — a JOSE
// header and a payload that are base64url-encoded JSON objects — or it is an error, as Graph answers
// 401 to a JWT that is not well formed. Its signature is not verified. A JWT whose scp is not a
// string or whose roles is not an array of strings is an error, and so is one with a string claim
// longer than MaxClaimLength (wrapping errClaimTooLong). Any other token is opaque: an anonymous
// application that may do everything.
func readToken(token string) (principal, error) {
	payload, isJWT, err := jwtPayload(token)
	if !isJWT {
		return principal{caller: callerOf(nil)}, nil
	}
	if err != nil {
		return principal{}, err
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		return principal{}, fmt.Errorf("its payload is not base64url-encoded JSON (%w)", err)
	}
	if claims == nil {
		return principal{}, fmt.Errorf("its payload is not a JSON object")
	}
	for name, value := range claims {
		if err := checkClaimLength(name, value); err != nil {
			return principal{}, err
		}
	}
	p := principal{caller: callerOf(payload), jwt: true}
	if raw, ok := claims["scp"]; ok && raw != nil {
		scp, isString := raw.(string)
		if !isString {
			return principal{}, fmt.Errorf("its scp claim is a %s; it must be a string of space-separated scopes", jsonKind(raw))
		}
		p.scopes = strings.Fields(scp)
	}
	if raw, ok := claims["roles"]; ok && raw != nil {
		list, isList := raw.([]any)
		if !isList {
			return principal{}, fmt.Errorf("its roles claim is a %s; it must be an array of strings", jsonKind(raw))
		}
		for i, item := range list {
			role, isString := item.(string)
			if !isString {
				return principal{}, fmt.Errorf("roles[%d] is a %s; every role must be a string", i, jsonKind(item))
			}
			p.roles = append(p.roles, role)
		}
	}
	return p, nil
}

// checkClaimLength checks that the strings of a claim, or of the array it is, are at most
// MaxClaimLength long.
func checkClaimLength(name string, value any) error {
	switch v := value.(type) {
	case string:
		if len(v) > MaxClaimLength {
			return fmt.Errorf("%w: its %s claim is %d bytes long, more than the %d the mock accepts", errClaimTooLong, truncate(name, 64), len(v), MaxClaimLength)
		}
	case []any:
		for _, item := range v {
			if err := checkClaimLength(name, item); err != nil {
				return err
			}
		}
	}
	return nil
}

// jwtPayload returns the payload of a token that looks like a JWT: three dot-separated parts whose
// first starts with "eyJ". isJWT is false for any other token; err says why one that looks like a
// JWT does not decode (padding is tolerated).
func jwtPayload(token string) (payload []byte, isJWT bool, err error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || !strings.HasPrefix(parts[0], "eyJ") {
		return nil, false, nil
	}
	header, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[0], "="))
	if err != nil {
		return nil, true, fmt.Errorf("its header is not base64url (%w)", err)
	}
	var h map[string]any
	if json.Unmarshal(header, &h) != nil || h == nil {
		return nil, true, errors.New("its header is not a JSON object")
	}
	payload, err = base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return nil, true, fmt.Errorf("its payload is not base64url (%w)", err)
	}
	return payload, true, nil
}

// jsonKind names the JSON type of a decoded value.
func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	default:
		return "null"
	}
}

// readableClaims checks that a JWT payload is a JSON object whose claims are within MaxClaimLength,
// for AuthOff, which records a caller from the claims it can read and ignores the rest.
func readableClaims(payload []byte) error {
	if payload == nil {
		return nil
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		return err
	}
	for name, value := range claims {
		if err := checkClaimLength(name, value); err != nil {
			return err
		}
	}
	return nil
}
