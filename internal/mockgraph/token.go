package mockgraph

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

// TokenAudience is the aud claim of the tokens MintToken makes: Microsoft Graph's resource id.
const TokenAudience = "https://graph.microsoft.com"

// TokenIssuer is the iss claim of the tokens MintToken makes.
const TokenIssuer = "https://graphconform.invalid/mock"

// TokenClaims are what MintToken writes into a token.
type TokenClaims struct {
	// Scopes are delegated permissions, written space-separated as the scp claim (omitted when empty).
	Scopes []string
	// Roles are application permissions, written as the roles claim (omitted when empty).
	Roles []string
	// UserID is the oid claim: with Scopes, the signed-in user the mock records as createdBy.
	UserID string
	// Name is the name claim of that user.
	Name string
	// AppID is the appid claim: without Scopes, the application the mock records as createdBy.
	AppID string
	// AppDisplayName is the app_displayname claim.
	AppDisplayName string
}

// MintToken returns an unsigned JWT (alg "none", an empty signature) carrying claims, for scenarios
// and client tests against the mock: the mock reads scp and roles and checks them against the
// operation's x-ms-permissions, and never verifies a signature. Real Graph refuses such a token.
func MintToken(claims TokenClaims) string {
	header := object{{"alg", "none"}, {"typ", "JWT"}}
	payload := object{{"aud", TokenAudience}, {"iss", TokenIssuer}}
	if claims.AppID != "" {
		payload = append(payload, field{"appid", claims.AppID})
	}
	if claims.AppDisplayName != "" {
		payload = append(payload, field{"app_displayname", claims.AppDisplayName})
	}
	if claims.UserID != "" {
		payload = append(payload, field{"oid", claims.UserID})
	}
	if claims.Name != "" {
		payload = append(payload, field{"name", claims.Name})
	}
	if len(claims.Scopes) > 0 {
		payload = append(payload, field{"scp", strings.Join(claims.Scopes, " ")})
	}
	if len(claims.Roles) > 0 {
		payload = append(payload, field{"roles", append([]string(nil), claims.Roles...)})
	}
	return encodeSegment(header) + "." + encodeSegment(payload) + "."
}

// encodeSegment encodes v as a base64url JWT part. The mock's own ordered objects always encode.
func encodeSegment(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		data = []byte("{}")
	}
	return base64.RawURLEncoding.EncodeToString(data)
}
