package target

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/graphconform/graphconform/internal/client"
)

// DefaultClientSecretEnv is the environment variable a client secret is read from unless the profile
// names another one or a file.
const DefaultClientSecretEnv = "GRAPHCONFORM_CLIENT_SECRET"

// Auth says how the suite gets its bearer token. Without clientId, a static token comes from tokenFile
// or the environment ($GRAPHCONFORM_TOKEN). With clientId and tenantId, an app registration's client
// credentials get tokens from the cloud's Microsoft Entra authority, for the scope
// "<graph root>/.default", refreshed as they near expiry. A secret never goes in the profile itself:
// it comes from a file or an environment variable.
type Auth struct {
	// TokenFile holds a static bearer token (surrounding white space is ignored).
	TokenFile string `yaml:"tokenFile,omitempty"`
	// TenantID is the app registration's directory (tenant) id.
	TenantID string `yaml:"tenantId,omitempty"`
	// ClientID is the app registration's application (client) id.
	ClientID string `yaml:"clientId,omitempty"`
	// ClientSecretFile holds the client secret.
	ClientSecretFile string `yaml:"clientSecretFile,omitempty"`
	// ClientSecretEnv names the environment variable holding the client secret; default
	// GRAPHCONFORM_CLIENT_SECRET.
	ClientSecretEnv string `yaml:"clientSecretEnv,omitempty"`
	// CertificateFile holds the client certificate and its private key, PEM or PKCS#12, instead of a
	// secret.
	CertificateFile string `yaml:"certificateFile,omitempty"`
	// CertificatePasswordEnv names the environment variable holding the certificate's password, if any.
	CertificatePasswordEnv string `yaml:"certificatePasswordEnv,omitempty"`
	// Authority, when set, replaces the cloud's Microsoft Entra authority (a sovereign or test
	// authority host).
	Authority string `yaml:"authority,omitempty"`
	// ClientSecret is refused: a secret in clear in a profile ends up in repositories and logs.
	ClientSecret string `yaml:"clientSecret,omitempty"`
}

// UsesClientCredentials tells whether the profile asks for client credentials.
func (a Auth) UsesClientCredentials() bool { return a.ClientID != "" || a.TenantID != "" }

// Validate reports every problem of the auth section at once.
func (a Auth) Validate() error {
	var errs []error
	if a.ClientSecret != "" {
		errs = append(errs, errors.New("auth.clientSecret: a secret never goes in the profile; put it in $"+DefaultClientSecretEnv+" (or the variable auth.clientSecretEnv names) or in auth.clientSecretFile"))
	}
	if !a.UsesClientCredentials() {
		if a.ClientSecretFile != "" || a.ClientSecretEnv != "" || a.CertificateFile != "" {
			errs = append(errs, errors.New("auth: a client secret or certificate needs auth.tenantId and auth.clientId"))
		}
		return errors.Join(errs...)
	}
	if a.TenantID == "" || a.ClientID == "" {
		errs = append(errs, errors.New("auth: client credentials need both tenantId and clientId"))
	}
	if a.TokenFile != "" {
		errs = append(errs, errors.New("auth: give either tokenFile or client credentials (tenantId, clientId), not both"))
	}
	if a.CertificateFile != "" && (a.ClientSecretFile != "" || a.ClientSecretEnv != "") {
		errs = append(errs, errors.New("auth: give either a certificate or a client secret, not both"))
	}
	return errors.Join(errs...)
}

// StaticToken returns the token of auth.tokenFile, or else of the environment variable env; empty when
// neither holds one.
func (a Auth) StaticToken(env string, getenv func(string) string) (string, error) {
	if a.TokenFile != "" {
		data, err := os.ReadFile(a.TokenFile)
		if err != nil {
			return "", fmt.Errorf("auth.tokenFile: %w", err)
		}
		return strings.TrimSpace(string(data)), nil
	}
	return getenv(env), nil
}

// CredentialOptions say where a credential gets its tokens.
type CredentialOptions struct {
	// Cloud gives the authority and the scope.
	Cloud Cloud
	// HTTP, when set, sends the requests to the authority (e.g. one that trusts --ca-cert).
	HTTP *http.Client
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
}

// NewTokenSource returns the client-credential token source the auth section describes.
func NewTokenSource(a Auth, opts CredentialOptions) (client.TokenSource, error) {
	if !a.UsesClientCredentials() {
		return nil, errors.New("auth: no client credentials (tenantId, clientId) in the profile")
	}
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	authority := opts.Cloud.Authority
	if a.Authority != "" {
		authority = a.Authority
	}
	clientOptions := azcore.ClientOptions{
		Cloud: cloud.Configuration{ActiveDirectoryAuthorityHost: strings.TrimRight(authority, "/") + "/"},
		// One retry: a token endpoint that fails twice fails the run, promptly, with its reason.
		Retry: policy.RetryOptions{MaxRetries: 1, RetryDelay: time.Second, TryTimeout: client.DefaultTimeout},
	}
	if opts.HTTP != nil {
		clientOptions.Transport = opts.HTTP
	}
	// Instance discovery asks the public cloud about the authority; a given authority is trusted as
	// it is, and a test authority is never on the internet.
	disableDiscovery := a.Authority != ""
	var credential azcore.TokenCredential
	if a.CertificateFile != "" {
		data, err := os.ReadFile(a.CertificateFile)
		if err != nil {
			return nil, fmt.Errorf("auth.certificateFile: %w", err)
		}
		var password []byte
		if a.CertificatePasswordEnv != "" {
			password = []byte(getenv(a.CertificatePasswordEnv))
		}
		certs, key, err := azidentity.ParseCertificates(data, password)
		if err != nil {
			return nil, fmt.Errorf("auth.certificateFile %s: %w (give a PEM or PKCS#12 file holding the certificate and its private key)", a.CertificateFile, err)
		}
		credential, err = azidentity.NewClientCertificateCredential(a.TenantID, a.ClientID, certs, key,
			&azidentity.ClientCertificateCredentialOptions{ClientOptions: clientOptions, DisableInstanceDiscovery: disableDiscovery})
		if err != nil {
			return nil, fmt.Errorf("auth: %w", err)
		}
	} else {
		secret, err := clientSecret(a, getenv)
		if err != nil {
			return nil, err
		}
		credential, err = azidentity.NewClientSecretCredential(a.TenantID, a.ClientID, secret,
			&azidentity.ClientSecretCredentialOptions{ClientOptions: clientOptions, DisableInstanceDiscovery: disableDiscovery})
		if err != nil {
			return nil, fmt.Errorf("auth: %w", err)
		}
	}
	return &credentialTokens{credential: credential, scope: opts.Cloud.Scope(), authority: authority, tenant: a.TenantID, clientID: a.ClientID}, nil
}

// clientSecret reads the client secret from its file or its environment variable.
func clientSecret(a Auth, getenv func(string) string) (string, error) {
	if a.ClientSecretFile != "" {
		data, err := os.ReadFile(a.ClientSecretFile)
		if err != nil {
			return "", fmt.Errorf("auth.clientSecretFile: %w", err)
		}
		if s := strings.TrimSpace(string(data)); s != "" {
			return s, nil
		}
		return "", fmt.Errorf("auth.clientSecretFile %s is empty", a.ClientSecretFile)
	}
	name := a.ClientSecretEnv
	if name == "" {
		name = DefaultClientSecretEnv
	}
	if s := getenv(name); s != "" {
		return s, nil
	}
	return "", fmt.Errorf("auth: no client secret: set $%s, or name a certificateFile or clientSecretFile in the profile", name)
}

// credentialTokens asks an azidentity credential for a token per request; the credential caches it
// and gets a new one as it nears expiry, so a run that outlives a token goes on with the next.
type credentialTokens struct {
	credential               azcore.TokenCredential
	scope, authority, tenant string
	clientID                 string
}

// Token returns a valid token for the scope.
func (c *credentialTokens) Token(ctx context.Context) (string, error) {
	token, err := c.credential.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{c.scope}})
	if err != nil {
		return "", &TokenError{Authority: c.authority, Tenant: c.tenant, ClientID: c.clientID, Scope: c.scope, Err: err}
	}
	return token.Token, nil
}

// TokenError means the Microsoft Entra authority gave no token: the credentials, the tenant or the
// authority are wrong, or the authority is unreachable. Nothing was sent to the target.
type TokenError struct {
	Authority, Tenant, ClientID, Scope string
	Err                                error
}

// Error says which authority refused which app, in one line, and what to check.
func (e *TokenError) Error() string {
	reason := firstLine(e.Err.Error())
	var failed *azidentity.AuthenticationFailedError
	if errors.As(e.Err, &failed) && failed.RawResponse != nil {
		reason = fmt.Sprintf("the token endpoint answered %s", failed.RawResponse.Status)
	}
	return fmt.Sprintf("no token from %s for client %s in tenant %s (scope %s): %s; check auth.tenantId, auth.clientId, the secret or certificate, and the profile's cloud",
		e.Authority, e.ClientID, e.Tenant, e.Scope, reason)
}

// Unwrap returns azidentity's error.
func (e *TokenError) Unwrap() error { return e.Err }

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}
