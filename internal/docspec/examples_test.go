package docspec

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every example request and response on the pages validates against the built description as a
// request or response of its operation. Where a page contradicts itself (an example that wraps the
// object in "value"), the raw example fails, a decision is recorded for that line, and the example
// as the decision reads it validates.
func TestEveryExampleValidatesAgainstTheBuiltSpec(t *testing.T) {
	res := buildDocs(t)
	doc := loadDoc(t, res.YAML)
	router, err := gorillamux.NewRouter(doc)
	require.NoError(t, err)
	opts := &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
	ctx := context.Background()
	checked, decided := 0, 0
	for _, p := range res.Pages {
		if p.Operation == nil {
			continue
		}
		for _, ex := range p.Operation.Examples {
			name := fmt.Sprintf("%s/%s", p.Name, exampleName(ex, 0))
			t.Run(name, func(t *testing.T) {
				req, err := http.NewRequest(ex.Request.Method, ex.Request.Path(), bytes.NewReader(ex.Request.Body))
				require.NoError(t, err)
				for _, h := range ex.Request.Header {
					req.Header.Set(h.Name, h.Value)
				}
				if len(ex.Request.Body) == 0 {
					req.Body = http.NoBody
				}
				route, params, err := router.FindRoute(req)
				require.NoError(t, err, "the example request %s %s matches no operation", ex.Request.Method, ex.Request.Path())
				require.Equal(t, p.Name, fmt.Sprint(route.Operation.Extensions["x-ms-docs-source"])[len(DefaultSourcePrefix):], "the example matches another page's operation")
				in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
				require.NoError(t, openapi3filter.ValidateRequest(ctx, in), "example request at %s:%d", p.Name, ex.Request.Line)
				checked++
				if ex.Response == nil {
					return
				}
				header := http.Header{}
				for _, h := range ex.Response.Header {
					header.Set(h.Name, h.Value)
				}
				validate := func(body []byte) error {
					out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: ex.Response.Status, Header: header, Options: opts}
					out.SetBodyBytes(body)
					return openapi3filter.ValidateResponse(ctx, out)
				}
				err = validate(ex.Response.Body)
				if err == nil {
					checked++
					return
				}
				d := hasDecision(res.Disagreements, DecisionExampleValueWrapper, p.Name)
				require.NotNil(t, d, "example response at %s:%d does not validate and no decision explains it: %v", p.Name, ex.Response.Line, err)
				assert.Equal(t, ex.Response.BodyLine, d.Line)
				var wrapped map[string]json.RawMessage
				require.NoError(t, json.Unmarshal(ex.Response.Body, &wrapped))
				require.NoError(t, validate(wrapped["value"]), "the example read as decision %s decides", d.ID)
				checked++
				decided++
			})
		}
	}
	assert.Equal(t, 14, checked, "seven example requests and seven responses")
	assert.Equal(t, 2, decided, "the two GET examples wrap their object in value")
}

func TestAnExampleThatBreaksTheSpecFailsValidation(t *testing.T) {
	doc := builtDoc(t)
	router, err := gorillamux.NewRouter(doc)
	require.NoError(t, err)
	req, err := http.NewRequest("POST", "/beta/teamwork/devices/x/updateSoftware", bytes.NewReader([]byte(`{"softwareVersion": "1"}`)))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	route, params, err := router.FindRoute(req)
	require.NoError(t, err)
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	require.ErrorContains(t, openapi3filter.ValidateRequest(context.Background(), in), "softwareType")
}

// The examples the description carries validate too (kin-openapi checks them when it validates the
// document); this pins that the upgrade page's "Application" is among them.
func TestTheUpgradeExampleWithApplicationIsInTheSpec(t *testing.T) {
	doc := builtDoc(t)
	mt := doc.Paths.Value(upgradePath).Post.RequestBody.Value.Content.Get("application/json")
	ex := mt.Examples["user_upgrade_teamsApp_with_rsc_consent"].Value.Value
	perms := ex.(map[string]any)["consentedPermissionSet"].(map[string]any)["resourceSpecificPermissions"].([]any)
	assert.Equal(t, "Application", perms[0].(map[string]any)["permissionType"])
}
