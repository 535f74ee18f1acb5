package docspec

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuildIsDeterministic(t *testing.T) {
	a, err := Build(docsFS())
	require.NoError(t, err)
	for range 3 {
		b, err := Build(docsMapFS(t))
		require.NoError(t, err)
		require.True(t, bytes.Equal(a, b), "two builds of the same pages differ")
	}
}

// The rest of the project (mock, steps, validator) was built against the hand-written description
// in testdata/handwritten-openapi.yaml; the built one keeps its paths, operationIds, status keys,
// component names and servers. Pages added since (the list of a device's operations) only add paths.
func TestBuiltSpecKeepsTheHandWrittenContract(t *testing.T) {
	built := builtDoc(t)
	hand := loadDoc(t, readFile(t, "testdata/handwritten-openapi.yaml"))

	assert.Subset(t, built.Paths.InMatchingOrder(), hand.Paths.InMatchingOrder(), "path templates")
	var added []string
	for _, p := range built.Paths.InMatchingOrder() {
		if hand.Paths.Value(p) == nil {
			added = append(added, p)
		}
	}
	assert.Equal(t, []string{listOperationsPath}, added, "the paths the pages added to the hand-written description")
	for _, p := range hand.Paths.InMatchingOrder() {
		hi, bi := hand.Paths.Value(p), built.Paths.Value(p)
		require.NotNil(t, bi, p)
		assert.Equal(t, serverURLs(hi.Servers), serverURLs(bi.Servers), "servers of %s", p)
		assert.Equal(t, paramNames(hi.Parameters), paramNames(bi.Parameters), "parameters of %s", p)
		for m, hop := range hi.Operations() {
			bop := bi.GetOperation(m)
			require.NotNil(t, bop, "%s %s", m, p)
			assert.Equal(t, hop.OperationID, bop.OperationID)
			assert.ElementsMatch(t, slices.Collect(mapKeys(hop.Responses.Map())), slices.Collect(mapKeys(bop.Responses.Map())), "status keys of %s", hop.OperationID)
			assert.Equal(t, hop.Extensions["x-ms-permissions"], bop.Extensions["x-ms-permissions"], "permissions of %s", hop.OperationID)
			assert.ElementsMatch(t, securityScopes(*hop.Security), securityScopes(*bop.Security), "security of %s", hop.OperationID)
			assert.Equal(t, hop.RequestBody != nil, bop.RequestBody != nil, "request body of %s", hop.OperationID)
		}
	}
	for name := range hand.Components.Schemas {
		assert.Contains(t, built.Components.Schemas, name, "component schema")
	}
	for _, section := range []struct {
		hand, built []string
	}{
		{slices.Collect(mapKeys(hand.Components.Parameters)), slices.Collect(mapKeys(built.Components.Parameters))},
		{slices.Collect(mapKeys(hand.Components.Headers)), slices.Collect(mapKeys(built.Components.Headers))},
		{slices.Collect(mapKeys(hand.Components.Responses)), slices.Collect(mapKeys(built.Components.Responses))},
	} {
		assert.Subset(t, section.built, section.hand)
	}
	assert.Equal(t, serverURLs(hand.Servers), serverURLs(built.Servers))
	get := built.Paths.Value("/teamwork/devices/{teamworkDeviceId}/operations/{teamworkDeviceOperationId}").Get
	assert.Contains(t, get.Responses.Value("200").Value.Headers, "Retry-After")
	for scope := range hand.Components.SecuritySchemes["azureAD"].Value.Flows.AuthorizationCode.Scopes {
		assert.Contains(t, built.Components.SecuritySchemes["azureAD"].Value.Flows.AuthorizationCode.Scopes, scope)
	}
	for scope := range hand.Components.SecuritySchemes["azureAD"].Value.Flows.ClientCredentials.Scopes {
		assert.Contains(t, built.Components.SecuritySchemes["azureAD"].Value.Flows.ClientCredentials.Scopes, scope)
	}
}

// Never looser: every request or response the built description accepts, the hand-written one
// accepted too (it may be stricter or richer).
func TestBuiltSpecIsNoLooserThanTheHandWrittenOne(t *testing.T) {
	built := builtDoc(t)
	hand := loadDoc(t, readFile(t, "testdata/handwritten-openapi.yaml"))
	var problems []string
	for _, p := range hand.Paths.InMatchingOrder() {
		for m, hop := range hand.Paths.Value(p).Operations() {
			bop := built.Paths.Value(p).GetOperation(m)
			where := hop.OperationID
			if hop.RequestBody != nil {
				assert.Equal(t, hop.RequestBody.Value.Required, bop.RequestBody.Value.Required, "request body required of %s", where)
				problems = append(problems, noLooser(where+" request", bop.RequestBody.Value.Content.Get("application/json").Schema, hop.RequestBody.Value.Content.Get("application/json").Schema, map[[2]*openapi3.Schema]bool{})...)
			}
			for code, hr := range hop.Responses.Map() {
				br := bop.Responses.Value(code).Value
				for name, hh := range hr.Value.Headers {
					bh := br.Headers[name]
					if !assert.NotNil(t, bh, "%s %s header %s", where, code, name) {
						continue
					}
					if hh.Value.Required {
						assert.True(t, bh.Value.Required, "%s %s header %s must stay required", where, code, name)
					}
				}
				if hc := hr.Value.Content.Get("application/json"); hc != nil {
					bc := br.Content.Get("application/json")
					if assert.NotNil(t, bc, "%s %s content", where, code) {
						problems = append(problems, noLooser(fmt.Sprintf("%s %s", where, code), bc.Schema, hc.Schema, map[[2]*openapi3.Schema]bool{})...)
					}
				} else {
					assert.Empty(t, br.Content, "%s %s gained a body the hand-written description did not have", where, code)
				}
			}
		}
	}
	assert.Empty(t, problems)
}

// noLooser lists where the built schema accepts what the hand-written one refused.
func noLooser(where string, built, hand *openapi3.SchemaRef, seen map[[2]*openapi3.Schema]bool) []string {
	b, h := built.Value, hand.Value
	if seen[[2]*openapi3.Schema{b, h}] {
		return nil
	}
	seen[[2]*openapi3.Schema{b, h}] = true
	var out []string
	if typeName(b) != typeName(h) {
		out = append(out, fmt.Sprintf("%s: type %s, was %s", where, typeName(b), typeName(h)))
	}
	if b.Nullable && !h.Nullable {
		out = append(out, where+": nullable, was not")
	}
	if len(h.Enum) > 0 {
		for _, m := range b.Enum {
			if !slices.Contains(h.Enum, m) {
				out = append(out, fmt.Sprintf("%s: accepts %v, which it refused", where, m))
			}
		}
		if len(b.Enum) == 0 {
			out = append(out, where+": lost its enumeration")
		}
	}
	for _, r := range h.Required {
		if !slices.Contains(b.Required, r) {
			out = append(out, fmt.Sprintf("%s: %s no longer required", where, r))
		}
	}
	if b.MinProps < h.MinProps {
		out = append(out, where+": minProperties lowered")
	}
	if h.Format != "" && b.Format != h.Format {
		out = append(out, fmt.Sprintf("%s: format %q, was %q", where, b.Format, h.Format))
	}
	if h.MinLength > b.MinLength {
		out = append(out, where+": minLength lowered")
	}
	hClosed := h.AdditionalProperties.Has != nil && !*h.AdditionalProperties.Has
	bClosed := b.AdditionalProperties.Has != nil && !*b.AdditionalProperties.Has
	if hClosed && !bClosed {
		out = append(out, where+": accepts unknown properties, which it refused")
	}
	for name, bp := range b.Properties {
		hp, ok := h.Properties[name]
		if !ok {
			if hClosed {
				out = append(out, fmt.Sprintf("%s: accepts property %s, which it refused", where, name))
			}
			continue
		}
		out = append(out, noLooser(where+"/"+name, bp, hp, seen)...)
	}
	for name := range h.Properties {
		if _, ok := b.Properties[name]; !ok && !bClosed {
			// The built schema no longer types a property the hand-written one typed.
			out = append(out, fmt.Sprintf("%s: property %s lost its schema", where, name))
		}
	}
	if b.Items != nil && h.Items != nil {
		out = append(out, noLooser(where+"/items", b.Items, h.Items, seen)...)
	}
	return out
}

func serverURLs(s openapi3.Servers) []string {
	var out []string
	for _, v := range s {
		out = append(out, v.URL)
	}
	return out
}

func paramNames(ps openapi3.Parameters) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Value.Name)
	}
	return out
}

func securityScopes(reqs openapi3.SecurityRequirements) []string {
	var out []string
	for _, r := range reqs {
		for _, scopes := range r {
			out = append(out, strings.Join(scopes, " "))
		}
	}
	return out
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, k := range sortedKeys(m) {
			if !yield(k) {
				return
			}
		}
	}
}

func TestBuildSkipsMarkdownWithoutFrontMatter(t *testing.T) {
	fsys := docsMapFS(t)
	fsys["NOTES.md"] = &fstest.MapFile{Data: []byte("# Notes\n\n|a|b|\n|-|-|\n|1|2|\n")}
	a, err := Build(fsys)
	require.NoError(t, err)
	b, err := Build(docsFS())
	require.NoError(t, err)
	assert.Equal(t, string(b), string(a))
}

func TestBuildErrorNamesThePageAndWhatToFixForAnUnknownType(t *testing.T) {
	fsys := docsMapFS(t)
	delete(fsys, "teamsapppermissionset.md")
	_, err := Build(fsys)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "userscopeteamsappinstallation-upgrade.md")
	assert.Contains(t, err.Error(), "teamsAppPermissionSet")
	assert.Contains(t, err.Error(), "add a resource page")
}

func TestBuildErrorForAnExampleStatusTheProseDoesNotName(t *testing.T) {
	fsys := docsMapFS(t)
	page := string(fsys["teamworkdevice-updatesoftware.md"].Data)
	fsys["teamworkdevice-updatesoftware.md"] = &fstest.MapFile{Data: []byte(strings.Replace(page, "HTTP/1.1 202 Accepted", "HTTP/1.1 201 Created", 1))}
	_, err := Build(fsys)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "teamworkdevice-updatesoftware.md: line 117")
	assert.Contains(t, err.Error(), "name it there or fix the example")
}

func TestBuildErrorForAnEmptyFolder(t *testing.T) {
	_, err := Build(fstest.MapFS{"README.md": {Data: []byte("# nothing\n")}})
	require.ErrorContains(t, err, "no API-reference page found")
}

func TestNoLooserCatchesALooserSchema(t *testing.T) {
	hand := loadDoc(t, readFile(t, "testdata/handwritten-openapi.yaml"))
	loose := loadDoc(t, readFile(t, "testdata/handwritten-openapi.yaml"))
	loose.Components.Schemas["teamworkSoftwareType"].Value.Enum = append(loose.Components.Schemas["teamworkSoftwareType"].Value.Enum, "anything")
	loose.Components.Schemas["updateSoftwareRequest"].Value.Required = nil
	yes := true
	loose.Components.Schemas["upgradeRequest"].Value.AdditionalProperties.Has = &yes
	var problems []string
	for _, name := range []string{"updateSoftwareRequest", "upgradeRequest"} {
		problems = append(problems, noLooser(name, loose.Components.Schemas[name], hand.Components.Schemas[name], map[[2]*openapi3.Schema]bool{})...)
	}
	assert.ElementsMatch(t, []string{
		"updateSoftwareRequest/softwareType: accepts anything, which it refused",
		"updateSoftwareRequest: softwareType no longer required",
		"upgradeRequest: accepts unknown properties, which it refused",
	}, problems)
}
