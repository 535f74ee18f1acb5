package conformance_test

import (
	"encoding/base64"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/conformance"
)

// jwtOf is an unsigned JWT carrying claims.
func jwtOf(claims map[string]any) string {
	payload, _ := json.Marshal(claims)
	return base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + base64.RawURLEncoding.EncodeToString(payload) + "."
}

func TestCallerOfTokenReadsAUserOrAnApplication(t *testing.T) {
	user, ok := conformance.CallerOfToken(jwtOf(map[string]any{"oid": "u1", "scp": "TeamworkDevice.ReadWrite.All", "appid": "a1"}))
	assert.True(t, ok)
	assert.Equal(t, conformance.Caller{UserID: "u1", AppID: "a1"}, user)
	app, ok := conformance.CallerOfToken(jwtOf(map[string]any{"oid": "sp1", "roles": []string{"TeamworkDevice.ReadWrite.All"}, "azp": "a2"}))
	assert.True(t, ok)
	assert.Equal(t, conformance.Caller{AppID: "a2"}, app, "an app-only token's oid is its service principal, no user")
	for _, opaque := range []string{"graphconform-embedded-mock", "", "a.b.c", jwtOf(map[string]any{"aud": "x"})} {
		_, ok := conformance.CallerOfToken(opaque)
		assert.False(t, ok, "%q names no caller", opaque)
	}
}
