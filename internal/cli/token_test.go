package cli_test

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// payloadOf decodes the payload of a printed JWT.
func payloadOf(t *testing.T, printed string) map[string]any {
	t.Helper()
	parts := strings.Split(strings.TrimSpace(printed), ".")
	require.Len(t, parts, 3, "a JWT: %q", printed)
	assert.Empty(t, parts[2], "unsigned")
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	var payload map[string]any
	require.NoError(t, json.Unmarshal(raw, &payload))
	return payload
}

func TestTokenPrintsAnUnsignedJWT(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantScp  any
		wantRole any
		wantOID  any
		wantApp  any
	}{
		{"delegated scopes become scp", []string{"--scopes", "TeamworkDevice.Read.All,TeamworkDevice.ReadWrite.All", "--user-id", "u-1"},
			"TeamworkDevice.Read.All TeamworkDevice.ReadWrite.All", nil, "u-1", nil},
		{"--app makes them roles", []string{"--app", "--scopes", "TeamworkDevice.ReadWrite.All", "--app-id", "app-1"},
			nil, []any{"TeamworkDevice.ReadWrite.All"}, nil, "app-1"},
		{"repeated --scopes add up", []string{"--scopes", "A", "--scopes", "B"}, "A B", nil, nil, nil},
		{"no scopes: a token without permissions", nil, nil, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, append([]string{"token"}, tt.args...)...)
			require.Equal(t, 0, code, stderr)
			payload := payloadOf(t, stdout)
			assert.Equal(t, tt.wantScp, payload["scp"])
			assert.Equal(t, tt.wantRole, payload["roles"])
			assert.Equal(t, tt.wantOID, payload["oid"])
			assert.Equal(t, tt.wantApp, payload["appid"])
			assert.Equal(t, "https://graph.microsoft.com", payload["aud"])
		})
	}
}

func TestTokenRefusesAScopeWithASpace(t *testing.T) {
	code, _, stderr := run(t, "token", "--scopes", "TeamworkDevice.Read.All TeamworkDevice.ReadWrite.All")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "separate permissions with commas")
}
