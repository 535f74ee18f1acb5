package conformance

import (
	"fmt"

	"github.com/golang-jwt/jwt/v5"
)

// Caller is who sent a request, as its bearer token says.
type Caller struct {
	// UserID is the signed-in user's object id (oid) of a delegated token (one with scp); empty for an
	// app-only token.
	UserID string
	// AppID is the client application's id (appid, or azp), when the token names it.
	AppID string
}

// callerClaims are the claims of a Microsoft identity platform access token that name its caller.
type callerClaims struct {
	jwt.RegisteredClaims
	ObjectID        string `json:"oid"`
	Scopes          string `json:"scp"`
	AppID           string `json:"appid"`
	AuthorizedParty string `json:"azp"`
}

// CallerOfToken reads who a bearer token says sent it. The token is not verified: the target does
// that; the harness only compares what the token claims with what the target names. ok is false for
// a token that is no JWT (an opaque token) or names no one.
func CallerOfToken(token string) (c Caller, ok bool) {
	var claims callerClaims
	if _, _, err := jwt.NewParser().ParseUnverified(token, &claims); err != nil {
		return Caller{}, false
	}
	if claims.Scopes != "" {
		c.UserID = claims.ObjectID
	}
	c.AppID = claims.AppID
	if c.AppID == "" {
		c.AppID = claims.AuthorizedParty
	}
	return c, c.UserID != "" || c.AppID != ""
}

// CreatedByCaller checks the createdBy of an operation the caller started: "Identity of the user who
// created the device operation." Started with a delegated token, it names the signed-in user;
// started with an app-only token, it names no user; and an application it names is the token's. A
// null or missing createdBy holds (the property is nullable), and one that is not an identitySet is
// the schema's to report.
func CreatedByCaller(op Operation, caller Caller) []Violation {
	set, ok := op.Object["createdBy"].(map[string]any)
	if !ok {
		return nil
	}
	pointer := op.Pointer + "/createdBy"
	var out []Violation
	userID, hasUser := identityID(set, "user")
	switch {
	case caller.UserID != "" && !hasUser:
		out = append(out, Violation{JSONPointer: pointer + "/user", Message: fmt.Sprintf("the operation names no user as createdBy; user %q started it", caller.UserID)})
	case caller.UserID != "" && userID != caller.UserID:
		out = append(out, Violation{JSONPointer: pointer + "/user/id", Message: fmt.Sprintf("the operation names user %q as createdBy; user %q started it", userID, caller.UserID)})
	case caller.UserID == "" && hasUser:
		out = append(out, Violation{JSONPointer: pointer + "/user", Message: fmt.Sprintf("the operation names user %q as createdBy; application %q started it with an app-only token", userID, caller.AppID)})
	}
	if appID, hasApp := identityID(set, "application"); hasApp && caller.AppID != "" && appID != caller.AppID {
		out = append(out, Violation{JSONPointer: pointer + "/application/id", Message: fmt.Sprintf("the operation names application %q as createdBy; application %q started it", appID, caller.AppID)})
	}
	return out
}

// identityID is the id of the identity an identitySet holds under key; ok is false when it holds
// none there (absent or null).
func identityID(set map[string]any, key string) (id string, ok bool) {
	identity, ok := set[key].(map[string]any)
	if !ok {
		return "", false
	}
	id, _ = identity["id"].(string)
	return id, true
}
