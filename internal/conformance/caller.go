package conformance

import "github.com/golang-jwt/jwt/v5"

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
