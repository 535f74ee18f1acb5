package contract_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/rules"
)

// bodiesWithDataAfterTheValue are a conformant JSON body followed by data kin-openapi's JSON
// decoder ignores.
func bodiesWithDataAfterTheValue(body string) map[string]string {
	return map[string]string{
		"garbage after the value":      body + ` garbage`,
		"a second object":              body + `{"b":2}`,
		"a second copy after newlines": body + "\n" + body + "\n",
		"a stray closing brace":        body + `}`,
	}
}

// validatorsOfBothPaths are v with its plans (the fast path, which leaves a body with data after
// its value to kin-openapi) and without (kin-openapi alone).
func validatorsOfBothPaths(v *contract.Validator) map[string]*contract.Validator {
	return map[string]*contract.Validator{"fast path": v, "kin path": contract.WithoutPlans(v)}
}

func TestRequestBodyWithDataAfterItsJSONValueIsARequestBodySchemaFinding(t *testing.T) {
	const body = `{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}`
	header := http.Header{"Content-Type": {"application/json"}}
	planned := newValidator(t)
	for path, v := range validatorsOfBothPaths(planned) {
		route, err := v.FindRoute("POST", updatePath)
		require.NoError(t, err)
		t.Run(path+"/one value with whitespace around it conforms", func(t *testing.T) {
			got := v.CheckRequest(context.Background(), route, "POST", updatePath, header, []byte(" \n"+body+"\r\n\t "))
			assert.Empty(t, got)
		})
		for name, sent := range bodiesWithDataAfterTheValue(body) {
			t.Run(path+"/"+name, func(t *testing.T) {
				ex := &client.Exchange{Request: client.RecordedRequest{Method: "POST", Path: updatePath, Header: header, Body: []byte(sent)}}
				assert.False(t, contract.RequestPlanned(v, route, ex), "a plan vouched for a body with data after its value")
				findings := v.CheckRequest(context.Background(), route, "POST", updatePath, header, []byte(sent))
				if diff := cmp.Diff([]hit{{rules.RequestBodySchema, ""}}, hitsOf(findings)); diff != "" {
					t.Fatalf("findings (-want +got):\n%s", diff)
				}
				assert.Contains(t, findings[0].Message, "data after the JSON value")
				assert.Equal(t, rules.Client, rules.Of(findings[0].RuleID).Side, "the client sent the body")
			})
		}
		t.Run(path+"/a schema problem and data after the value are two findings", func(t *testing.T) {
			findings := v.CheckRequest(context.Background(), route, "POST", updatePath, header, []byte(`{"softwareType":"bios"} x`))
			if diff := cmp.Diff([]hit{{rules.RequestBodySchema, "/softwareType"}, {rules.RequestBodySchema, ""}}, hitsOf(findings)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
	route, err := planned.FindRoute("POST", updatePath)
	require.NoError(t, err)
	ex := &client.Exchange{Request: client.RecordedRequest{Method: "POST", Path: updatePath, Header: header, Body: []byte(body)}}
	require.True(t, contract.RequestPlanned(planned, route, ex), "the fast path should vouch for the body alone, or the fast-path cases test nothing")
}

func TestResponseBodyWithDataAfterItsJSONValueIsAResponseBodyJSONFinding(t *testing.T) {
	const body = `{"id":"o1","status":"inProgress","operationType":"softwareUpdate","createdDateTime":"2026-11-22T08:15:00Z"}`
	respond := func(body string, contentType string) *client.Exchange {
		return &client.Exchange{
			Request:  client.RecordedRequest{Method: "GET", Path: opPath, Header: http.Header{}},
			Response: client.RecordedResponse{Status: 200, Header: http.Header{"Content-Type": {contentType}}, Body: []byte(body)},
		}
	}
	planned := newValidator(t)
	for path, v := range validatorsOfBothPaths(planned) {
		route, err := v.FindRoute("GET", opPath)
		require.NoError(t, err)
		t.Run(path+"/one value with whitespace around it conforms", func(t *testing.T) {
			_, got := v.CheckRoutedResponse(context.Background(), route, respond("\n"+body+"\n", graphJSON))
			assert.Empty(t, got)
		})
		for name, sent := range bodiesWithDataAfterTheValue(body) {
			for _, contentType := range []string{graphJSON, "application/json"} {
				t.Run(path+"/"+name+"/"+contentType, func(t *testing.T) {
					ex := respond(sent, contentType)
					assert.False(t, contract.ResponsePlanned(v, route, ex), "a plan vouched for a body with data after its value")
					_, findings := v.CheckRoutedResponse(context.Background(), route, ex)
					if diff := cmp.Diff([]hit{{rules.ResponseBodyJSON, ""}}, hitsOf(findings)); diff != "" {
						t.Fatalf("findings (-want +got):\n%s", diff)
					}
					assert.Contains(t, findings[0].Message, "data after the JSON value")
					assert.Equal(t, rules.Server, rules.Of(findings[0].RuleID).Side, "the server sent the body")
				})
			}
		}
	}
	route, err := planned.FindRoute("GET", opPath)
	require.NoError(t, err)
	require.True(t, contract.ResponsePlanned(planned, route, respond(body, graphJSON)), "the fast path should vouch for the body alone, or the fast-path cases test nothing")
}
