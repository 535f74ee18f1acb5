package target_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/target"
)

// tokenEndpoint is a local Microsoft Entra token endpoint for one tenant: it answers the OpenID
// discovery and issues tokens that expire in a minute, each a new one, to a client that sends secret.
type tokenEndpoint struct {
	*httptest.Server
	mu     sync.Mutex
	issued int
	scopes []string
	status int // when not 0, every token request fails with it
}

func newTokenEndpoint(t *testing.T, tenant, secret string) *tokenEndpoint {
	t.Helper()
	e := &tokenEndpoint{}
	e.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		root := e.URL + "/" + tenant
		switch {
		case strings.HasSuffix(r.URL.Path, "/.well-known/openid-configuration"):
			_ = json.NewEncoder(w).Encode(map[string]string{
				"token_endpoint":         root + "/oauth2/v2.0/token",
				"authorization_endpoint": root + "/oauth2/v2.0/authorize",
				"issuer":                 root + "/v2.0",
			})
		case r.URL.Path == "/"+tenant+"/oauth2/v2.0/token" && r.Method == http.MethodPost:
			_ = r.ParseForm()
			e.mu.Lock()
			defer e.mu.Unlock()
			assertion := r.PostForm.Get("client_assertion_type") == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" && r.PostForm.Get("client_assertion") != ""
			if e.status != 0 || (r.PostForm.Get("client_secret") != secret && !(secret == "" && assertion)) {
				status := e.status
				if status == 0 {
					status = http.StatusUnauthorized
				}
				w.WriteHeader(status)
				_, _ = fmt.Fprint(w, `{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}`)
				return
			}
			e.issued++
			e.scopes = append(e.scopes, r.PostForm.Get("scope"))
			_ = json.NewEncoder(w).Encode(map[string]any{"token_type": "Bearer", "expires_in": 60, "access_token": fmt.Sprintf("issued-token-%d", e.issued)})
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(e.Close)
	return e
}

func credentialFor(t *testing.T, e *tokenEndpoint, env map[string]string) (target.CredentialOptions, target.Auth) {
	t.Helper()
	cloud, err := target.LookupCloud("usgov-l4")
	require.NoError(t, err)
	return target.CredentialOptions{Cloud: cloud, HTTP: e.Client(), Getenv: func(k string) string { return env[k] }},
		target.Auth{TenantID: "contoso-tenant", ClientID: "app-id", Authority: e.URL}
}

func TestClientCredentialsGetATokenForTheCloudsGraphAndRenewIt(t *testing.T) {
	e := newTokenEndpoint(t, "contoso-tenant", "s3cret")
	opts, auth := credentialFor(t, e, map[string]string{target.DefaultClientSecretEnv: "s3cret"})
	tokens, err := target.NewTokenSource(auth, opts)
	require.NoError(t, err)
	first, err := tokens.Token(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "issued-token-1", first)
	// A token a minute from expiry is near it: the next request gets a fresh one.
	second, err := tokens.Token(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "issued-token-2", second)
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, scope := range e.scopes {
		assert.Contains(t, strings.Fields(scope), "https://graph.microsoft.us/.default", "the scope is the cloud's Graph root")
	}
}

func TestTheClientSecretMayComeFromAFile(t *testing.T) {
	e := newTokenEndpoint(t, "contoso-tenant", "from-a-file")
	opts, auth := credentialFor(t, e, nil)
	auth.ClientSecretFile = t.TempDir() + "/secret"
	require.NoError(t, writeFile(auth.ClientSecretFile, "from-a-file\n"))
	tokens, err := target.NewTokenSource(auth, opts)
	require.NoError(t, err)
	_, err = tokens.Token(t.Context())
	require.NoError(t, err)
}

func TestAFailingTokenEndpointSaysSoInOneLine(t *testing.T) {
	e := newTokenEndpoint(t, "contoso-tenant", "s3cret")
	opts, auth := credentialFor(t, e, map[string]string{target.DefaultClientSecretEnv: "wrong"})
	tokens, err := target.NewTokenSource(auth, opts)
	require.NoError(t, err)
	_, err = tokens.Token(t.Context())
	var tokenErr *target.TokenError
	require.ErrorAs(t, err, &tokenErr)
	assert.Contains(t, err.Error(), "no token from "+e.URL+" for client app-id in tenant contoso-tenant")
	assert.Contains(t, err.Error(), "the token endpoint answered 401")
	assert.NotContains(t, err.Error(), "\n")
	assert.NotContains(t, err.Error(), "wrong", "the secret is not in the message")
}

func TestClientCredentialsWithoutASecretSayWhereToPutIt(t *testing.T) {
	e := newTokenEndpoint(t, "contoso-tenant", "s3cret")
	opts, auth := credentialFor(t, e, nil)
	_, err := target.NewTokenSource(auth, opts)
	require.ErrorContains(t, err, "set $GRAPHCONFORM_CLIENT_SECRET")
}

func writeFile(path, content string) error {
	return os.WriteFile(path, []byte(content), 0o600)
}

func TestClientCredentialsMayUseACertificate(t *testing.T) {
	e := newTokenEndpoint(t, "contoso-tenant", "") // accepts a signed client assertion only
	opts, auth := credentialFor(t, e, nil)
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	template := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "graphconform test app"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	require.NoError(t, err)
	pemData := append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})...)
	auth.CertificateFile = t.TempDir() + "/app.pem"
	require.NoError(t, writeFile(auth.CertificateFile, string(pemData)))
	tokens, err := target.NewTokenSource(auth, opts)
	require.NoError(t, err)
	token, err := tokens.Token(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "issued-token-1", token)
}
