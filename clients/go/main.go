// Command graphconform-go-client is Microsoft's Go Graph SDK (github.com/microsoftgraph/msgraph-sdk-go)
// against graphconform's mock or proxy: the v1.0 upgrade through the SDK's typed request builders, and
// updateSoftware, polling its operation and the PATCH of a windowsUpdateState through the same SDK's
// request adapter with the beta base URL, so the SDK's own middleware (retry honouring Retry-After,
// redirects, headers inspection) is what the mock meets.
//
//	graphconform serve --tls --strict -- go run . [MODE]
//
// MODE is conformant (the default) or a copy with one bug, which the gate must catch by its rule:
// invalid-software-type (request-body-schema), ignore-retry-after (client-honours-retry-after, against
// a 429 fault), post-again (client-polls-location). It prints one JSON line of what it saw and exits 0
// when it did what its mode means to; the gate says whether that conformed.
//
// Environment: GRAPHCONFORM_BASE_URL (required, set by 'serve -- COMMAND'), GRAPHCONFORM_CA_CERT (the
// mock's certificate, with --tls), GRAPHCONFORM_TOKEN (default an opaque token the mock accepts).
//
// The user-scope upgrade (POST /users/{id}/teamwork/installedApps/{id}/upgrade) has no request builder
// of its own in msgraph-sdk-go, whose OpenAPI description omits it; its typed builder here is the
// SDK's upgrade of an app installed in a chat, which takes the same body, pointed at the user-scope URL.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	abs "github.com/microsoft/kiota-abstractions-go"
	"github.com/microsoft/kiota-abstractions-go/authentication"
	nethttplibrary "github.com/microsoft/kiota-http-go"
	msgraphsdk "github.com/microsoftgraph/msgraph-sdk-go"
	msgraphcore "github.com/microsoftgraph/msgraph-sdk-go-core"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/models/odataerrors"
	"github.com/microsoftgraph/msgraph-sdk-go/users"
)

// Ids of graphconform's default seed (fixtures/mock/default.yaml).
const (
	device              = "0f3ce432-e432-0f3c-32e4-3c0f32e43c0f"
	otherDevice         = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
	user                = "5b649834-7412-4cce-9e69-176e95a394f5"
	userPrincipalName   = "adele.vance@contoso.example"
	installation        = "NWI2NDk4MzQtNzQxMi00Y2NlLTllNjktMTc2ZTk1YTM5NGY1IyNhNmI2MzM2NS0zMWE0LTRmNDMtOTJlYy03MTBiNzE1NTdhZjk"
	deviceConfiguration = "6b1c8d2e-4f3a-4b5c-9d6e-7f8a9b0c1d2e"
	windowsUpdateState  = "3d92af00-af00-3d92-00af-923d00af923d"
	softwareBody        = `{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}`
)

// pollBudget bounds how long the client polls an operation.
const pollBudget = 30 * time.Second

// staticToken hands the SDK one bearer token, for the mock's host only.
type staticToken struct {
	token string
	hosts authentication.AllowedHostsValidator
}

func (s staticToken) GetAuthorizationToken(_ context.Context, u *url.URL, _ map[string]any) (string, error) {
	if !s.hosts.IsUrlHostValid(u) {
		return "", nil
	}
	return s.token, nil
}

func (s staticToken) GetAllowedHostsValidator() *authentication.AllowedHostsValidator {
	return &s.hosts
}

// client is the SDK pointed at the mock.
type client struct {
	base    string // scheme, host and port
	adapter *msgraphsdk.GraphRequestAdapter
	graph   *msgraphsdk.GraphServiceClient
	errors  abs.ErrorMappings
}

func newClient() (*client, error) {
	base := strings.TrimRight(os.Getenv("GRAPHCONFORM_BASE_URL"), "/")
	if base == "" {
		return nil, errors.New("set GRAPHCONFORM_BASE_URL to the URL 'graphconform serve --tls' prints")
	}
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("GRAPHCONFORM_BASE_URL: %w", err)
	}
	if ca := os.Getenv("GRAPHCONFORM_CA_CERT"); ca != "" {
		pemBytes, err := os.ReadFile(ca)
		if err != nil {
			return nil, fmt.Errorf("read GRAPHCONFORM_CA_CERT: %w", err)
		}
		roots := x509.NewCertPool()
		if !roots.AppendCertsFromPEM(pemBytes) {
			return nil, fmt.Errorf("GRAPHCONFORM_CA_CERT %s holds no PEM certificate", ca)
		}
		// The SDK's transport is a clone of the default one, made below.
		http.DefaultTransport.(*http.Transport).TLSClientConfig = &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
	}
	token := os.Getenv("GRAPHCONFORM_TOKEN")
	if token == "" {
		token = "graphconform-go-client"
	}
	auth := authentication.NewBaseBearerTokenAuthenticationProvider(staticToken{token: token, hosts: authentication.NewAllowedHostsValidator([]string{u.Hostname()})})
	// The SDK's middleware, all but request compression: its retry handler sends a retried body
	// uncompressed under the first attempt's Content-Encoding: gzip, which no server can read.
	options := &msgraphcore.GraphClientOptions{}
	var middleware []nethttplibrary.Middleware
	for _, m := range msgraphcore.GetDefaultMiddlewaresWithOptions(options) {
		if _, compresses := m.(*nethttplibrary.CompressionHandler); !compresses {
			middleware = append(middleware, m)
		}
	}
	httpClient := msgraphcore.GetDefaultClient(options, middleware...)
	httpClient.Timeout = time.Minute
	adapter, err := msgraphsdk.NewGraphRequestAdapterWithParseNodeFactoryAndSerializationWriterFactoryAndHttpClient(auth, nil, nil, httpClient)
	if err != nil {
		return nil, fmt.Errorf("make the SDK's request adapter: %w", err)
	}
	adapter.SetBaseUrl(base + "/v1.0")
	return &client{
		base: base, adapter: adapter, graph: msgraphsdk.NewGraphServiceClient(adapter),
		errors: abs.ErrorMappings{"XXX": odataerrors.CreateODataErrorFromDiscriminatorValue},
	}, nil
}

// request is a beta request through the SDK's adapter; headers collects the response's headers.
func (c *client) request(method abs.HttpMethod, path, body string, options ...abs.RequestOption) (*abs.RequestInformation, *nethttplibrary.HeadersInspectionOptions, error) {
	u, err := url.Parse(c.base + "/beta" + path)
	if err != nil {
		return nil, nil, err
	}
	ri := abs.NewRequestInformation()
	ri.Method = method
	ri.SetUri(*u)
	ri.Headers.TryAdd("Accept", "application/json")
	if body != "" {
		ri.SetStreamContentAndContentType([]byte(body), "application/json")
	}
	inspect := nethttplibrary.NewHeadersInspectionOptions()
	inspect.InspectResponseHeaders = true
	ri.AddRequestOptions(append(options, inspect))
	return ri, inspect, nil
}

// updateSoftware POSTs an update of dev and returns the 202's Location.
func (c *client) updateSoftware(ctx context.Context, dev, body string, options ...abs.RequestOption) (string, error) {
	ri, inspect, err := c.request(abs.POST, "/teamwork/devices/"+dev+"/updateSoftware", body, options...)
	if err != nil {
		return "", err
	}
	if err := c.adapter.SendNoContent(ctx, ri, c.errors); err != nil {
		return "", err
	}
	return first(inspect.GetResponseHeaders().Get("Location")), nil
}

// get GETs a beta path as JSON and returns it with its Retry-After.
func (c *client) get(ctx context.Context, path string) (map[string]any, time.Duration, error) {
	ri, inspect, err := c.request(abs.GET, path, "")
	if err != nil {
		return nil, 0, err
	}
	raw, err := c.adapter.SendPrimitive(ctx, ri, "[]byte", c.errors)
	if err != nil {
		return nil, 0, err
	}
	var out map[string]any
	if data, ok := raw.([]byte); ok {
		if err := json.Unmarshal(data, &out); err != nil {
			return nil, 0, fmt.Errorf("GET %s: %w", path, err)
		}
	}
	wait := time.Second
	if seconds, err := strconv.ParseFloat(first(inspect.GetResponseHeaders().Get("Retry-After")), 64); err == nil && seconds >= 0 {
		wait = time.Duration(seconds * float64(time.Second))
	}
	return out, wait, nil
}

func first(values []string) string {
	if len(values) == 0 {
		return ""
	}
	return values[0]
}

// graphStatus is the status of an SDK error, or 0.
func graphStatus(err error) int {
	var api *abs.ApiError
	if errors.As(err, &api) {
		return api.ResponseStatusCode
	}
	var odata *odataerrors.ODataError
	if errors.As(err, &odata) {
		return odata.ResponseStatusCode
	}
	return 0
}

func conformant(ctx context.Context, c *client, seen map[string]any) error {
	// The v1.0 upgrade through the typed request builders: without and with consentedPermissionSet.
	upgradeURL := c.base + "/v1.0/users/" + user + "/teamwork/installedApps/" + installation + "/upgrade"
	if err := users.NewItemChatsItemInstalledAppsItemUpgradeRequestBuilder(upgradeURL, c.adapter).
		Post(ctx, users.NewItemChatsItemInstalledAppsItemUpgradePostRequestBody(), nil); err != nil {
		return fmt.Errorf("upgrade: %w", err)
	}
	permission := models.NewTeamsAppResourceSpecificPermission()
	value, kind := "TeamsActivity.Send.User", models.APPLICATION_TEAMSAPPRESOURCESPECIFICPERMISSIONTYPE
	permission.SetPermissionValue(&value)
	permission.SetPermissionType(&kind)
	set := models.NewTeamsAppPermissionSet()
	set.SetResourceSpecificPermissions([]models.TeamsAppResourceSpecificPermissionable{permission})
	body := users.NewItemChatsItemInstalledAppsItemUpgradePostRequestBody()
	body.SetConsentedPermissionSet(set)
	byName := c.base + "/v1.0/users/" + url.PathEscape(userPrincipalName) + "/teamwork/installedApps/" + installation + "/upgrade"
	if err := users.NewItemChatsItemInstalledAppsItemUpgradeRequestBuilder(byName, c.adapter).Post(ctx, body, nil); err != nil {
		return fmt.Errorf("upgrade with consentedPermissionSet: %w", err)
	}
	seen["upgrades"] = 2

	// updateSoftware through the adapter: the SDK's retry handler waits out a 429's Retry-After.
	location, err := c.updateSoftware(ctx, otherDevice, softwareBody)
	if err != nil {
		return fmt.Errorf("updateSoftware: %w", err)
	}
	seen["location"] = location
	if !strings.HasPrefix(location, "/teamwork/devices/"+otherDevice+"/operations/") {
		return fmt.Errorf("the 202 has no Location of a teamworkDeviceOperation: %q", location)
	}
	deadline := time.Now().Add(pollBudget)
	for {
		operation, wait, err := c.get(ctx, location)
		if err != nil {
			return fmt.Errorf("poll %s: %w", location, err)
		}
		seen["operationStatus"] = operation["status"]
		if s := operation["status"]; s == "succeeded" || s == "failed" {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the operation did not end within %s", pollBudget)
		}
		time.Sleep(wait)
	}

	// PATCH a windowsUpdateState through the adapter: the answer echoes what was sent.
	ri, _, err := c.request(abs.PATCH, "/deviceManagement/deviceConfigurations/"+deviceConfiguration+
		"/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/"+windowsUpdateState,
		`{"@odata.type":"#microsoft.graph.windowsUpdateState","status":"pendingReboot"}`)
	if err != nil {
		return err
	}
	raw, err := c.adapter.SendPrimitive(ctx, ri, "[]byte", c.errors)
	if err != nil {
		return fmt.Errorf("PATCH: %w", err)
	}
	var patched map[string]any
	data, _ := raw.([]byte)
	if err := json.Unmarshal(data, &patched); err != nil {
		return fmt.Errorf("PATCH answered no JSON: %w", err)
	}
	seen["patchedStatus"] = patched["status"]
	if patched["status"] != "pendingReboot" {
		return fmt.Errorf("the PATCH does not echo the status sent: %v", patched["status"])
	}
	return nil
}

func run(ctx context.Context, mode string, seen map[string]any) error {
	c, err := newClient()
	if err != nil {
		return err
	}
	switch mode {
	case "", "conformant":
		return conformant(ctx, c, seen)
	case "invalid-software-type":
		_, err := c.updateSoftware(ctx, device, `{"softwareType":"banana","softwareVersion":"1.0.96.22"}`)
		seen["status"] = graphStatus(err)
		return nil
	case "ignore-retry-after":
		// The SDK's retry is off, and the bug sends the update again at once, whatever Retry-After says.
		noRetry := &nethttplibrary.RetryHandlerOptions{MaxRetries: 0, ShouldRetry: func(time.Duration, int, *http.Request, *http.Response) bool { return false }}
		for attempt := 1; attempt <= 2; attempt++ {
			_, err := c.updateSoftware(ctx, device, softwareBody, noRetry)
			seen["attempts"] = attempt
			if err == nil {
				return nil
			}
			if graphStatus(err) != http.StatusTooManyRequests {
				return fmt.Errorf("expected a 429 to retry: %w", err)
			}
		}
		return nil
	case "post-again":
		if _, err := c.updateSoftware(ctx, device, softwareBody); err != nil {
			return err
		}
		_, err := c.updateSoftware(ctx, device, softwareBody)
		seen["againStatus"] = graphStatus(err)
		return nil
	default:
		return fmt.Errorf("unknown mode %q: use conformant, invalid-software-type, ignore-retry-after or post-again", mode)
	}
}

func main() {
	mode := ""
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	seen := map[string]any{"mode": mode}
	err := run(ctx, mode, seen)
	out, _ := json.Marshal(seen)
	fmt.Println(string(out))
	if err != nil {
		fmt.Fprintf(os.Stderr, "graphconform-go-client: %v\n", err)
		os.Exit(1)
	}
}
