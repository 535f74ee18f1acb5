package gencases_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/gencases"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/target"
	"github.com/graphconform/graphconform/spec"
)

// runGenerated runs the @generated scenarios against the embedded mock wrapped by wrap and returns
// whether each passed, by name.
func runGenerated(t *testing.T, wrap func(http.Handler) http.Handler) map[string]bool {
	t.Helper()
	ctx := context.Background()
	validator, err := contract.Load(ctx)
	require.NoError(t, err)
	result, err := harness.Run(ctx, harness.Options{
		Target:    &target.Embedded{Seed: mockgraph.DefaultSeed(), Validator: validator, Wrap: wrap},
		Validator: validator,
		Tags:      gencases.Tag,
		Output:    io.Discard,
		NoColors:  true,
	})
	require.NoError(t, err)
	passed := map[string]bool{}
	for _, sc := range result.Run.Scenarios {
		passed[sc.Name] = sc.Passed
	}
	return passed
}

// generatedCases are the cases of the embedded description.
func generatedCases(t *testing.T) []gencases.Case {
	t.Helper()
	doc, err := spec.Load(context.Background())
	require.NoError(t, err)
	cases, err := gencases.FromSpec(doc)
	require.NoError(t, err)
	require.NotEmpty(t, cases)
	return cases
}

// validBodies are the docs' example bodies of the operations, by request path suffix: what a mock
// that reads no body would act on.
var validBodies = map[string]string{
	"/updateSoftware":      `{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}`,
	"/upgrade":             `{}`,
	"/deviceUpdateStates/": `{"status":"upToDate"}`,
}

// bodyBlind is the mock reading no request body: it acts on a valid one, whatever was sent, so it
// accepts what it should refuse.
func bodyBlind(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for suffix, body := range validBodies {
			if r.Method != http.MethodGet && strings.Contains(r.URL.Path, suffix) {
				r.Body = io.NopCloser(strings.NewReader(body))
				r.ContentLength = int64(len(body))
			}
		}
		next.ServeHTTP(w, r)
	})
}

// refusesEveryBody is the mock refusing every request with a body with 400 and a Graph error, so it
// refuses what it should accept.
func refusesEveryBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if len(body) == 0 {
			r.Body = io.NopCloser(bytes.NewReader(body))
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"error":{"code":"BadRequest","message":"Refused."}}`)
	})
}

// The generated cases pass against the mock, every negative case fails against a mock that reads no
// body, and every positive case fails against a mock that refuses every body: each case breaks on a
// mock that breaks what it checks.
func TestEveryGeneratedCaseIsLoadBearing(t *testing.T) {
	cases := generatedCases(t)
	faithful := runGenerated(t, nil)
	blind := runGenerated(t, bodyBlind)
	refusing := runGenerated(t, refusesEveryBody)
	require.Len(t, faithful, len(cases), "every case runs as a scenario")
	for _, c := range cases {
		name := c.Title()
		assert.True(t, faithful[name], "%s: passes against the mock", name)
		if c.Accept {
			assert.False(t, refusing[name], "%s: must fail against a mock that refuses every body", name)
		} else {
			assert.False(t, blind[name], "%s: must fail against a mock that reads no body", name)
			assert.True(t, refusing[name], "%s: refused by a mock that refuses every body", name)
		}
	}
}
