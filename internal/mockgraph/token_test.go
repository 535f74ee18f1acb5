package mockgraph_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

// decodeJWT splits a token into its decoded header and payload and its signature.
func decodeJWT(t *testing.T, token string) (header, payload map[string]any, signature string) {
	t.Helper()
	parts := strings.Split(token, ".")
	require.Len(t, parts, 3, "a JWT has three parts: %s", token)
	for i, into := range []*map[string]any{&header, &payload} {
		raw, err := base64.RawURLEncoding.DecodeString(parts[i])
		require.NoError(t, err, "part %d is base64url without padding", i)
		require.NoError(t, json.Unmarshal(raw, into), "part %d is a JSON object", i)
	}
	return header, payload, parts[2]
}

func TestMintTokenWritesAnUnsignedJWTWithTheClaims(t *testing.T) {
	tests := []struct {
		name   string
		claims mockgraph.TokenClaims
		want   map[string]any
	}{
		{
			name:   "delegated scopes become one space-separated scp",
			claims: mockgraph.TokenClaims{Scopes: []string{"TeamworkDevice.Read.All", "TeamworkDevice.ReadWrite.All"}, UserID: adeleID, Name: "Adele Vance"},
			want: map[string]any{
				"aud": mockgraph.TokenAudience, "iss": mockgraph.TokenIssuer, "oid": adeleID, "name": "Adele Vance",
				"scp": "TeamworkDevice.Read.All TeamworkDevice.ReadWrite.All",
			},
		},
		{
			name:   "application permissions become the roles array",
			claims: mockgraph.TokenClaims{Roles: []string{"TeamworkDevice.ReadWrite.All"}, AppID: "app-1", AppDisplayName: "Fleet updater"},
			want: map[string]any{
				"aud": mockgraph.TokenAudience, "iss": mockgraph.TokenIssuer, "appid": "app-1", "app_displayname": "Fleet updater",
				"roles": []any{"TeamworkDevice.ReadWrite.All"},
			},
		},
		{
			name:   "no claims make a token without permissions",
			claims: mockgraph.TokenClaims{},
			want:   map[string]any{"aud": mockgraph.TokenAudience, "iss": mockgraph.TokenIssuer},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			token := mockgraph.MintToken(tt.claims)
			header, payload, signature := decodeJWT(t, token)
			assert.Equal(t, map[string]any{"alg": "none", "typ": "JWT"}, header)
			assert.Empty(t, signature, "alg none has an empty signature")
			if diff := cmp.Diff(tt.want, payload); diff != "" {
				t.Errorf("payload (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMintTokenIsDeterministic(t *testing.T) {
	claims := mockgraph.TokenClaims{Scopes: []string{"A", "B"}, UserID: "u"}
	assert.Equal(t, mockgraph.MintToken(claims), mockgraph.MintToken(claims))
}

func TestMintedTokensAreReadByTheMock(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	rec := f.send(t, request{method: http.MethodPost, path: updateSoftwarePath(docsDevice), body: softwareBody,
		token: mockgraph.MintToken(mockgraph.TokenClaims{Roles: []string{"TeamworkDevice.ReadWrite.All"}, AppID: "app-1", AppDisplayName: "Fleet updater"})})
	require.Equal(t, http.StatusAccepted, rec.Code, rec.Body.String())
	opID := rec.Header().Get("Location")[len("/teamwork/devices/"+docsDevice+"/operations/"):]
	got := decodeObject(t, f.send(t, request{method: http.MethodGet, path: operationPath(docsDevice, opID)}))
	assert.Equal(t, map[string]any{"application": map[string]any{"id": "app-1", "displayName": "Fleet updater"}}, got["createdBy"])
}
