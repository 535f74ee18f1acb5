package harness_test

import (
	"context"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/docspec"
	"github.com/graphconform/graphconform/internal/guid"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/target"
	"github.com/graphconform/graphconform/spec"
	"github.com/graphconform/graphconform/steps"
)

// The toyBell API is added the way the README's "Adding an API" says, and only that way: its page
// (testdata/toyapi/toybell-ring.md) joins the docs the spec is built from, its scenarios
// (testdata/toyapi/toybell.feature) are a feature file, and everything else — its pool, its steps and
// their state, its valid request, its mock handler — is the one steps.API below.

// toyBells are the bells the suite may ring: a profile lists them under toyBells; the embedded mock
// knows the two below.
var toyBells = &target.Resource[string]{
	Key:    "toyBells",
	Need:   "list at least one toy bell id the suite may ring",
	Seeded: func(mockgraph.Seed) []string { return []string{toyBell1, toyBell2} },
}

const (
	toyBell1 = "5c2f0b7e-1d0a-4c4e-9a55-0b9e6f3a1c11"
	toyBell2 = "7d3e1c8f-2e1b-4d5f-8b66-1caf7e4b2d22"
)

// toyState is what a scenario's toyBell steps keep.
type toyState struct{ bell string }

var toyStates = &steps.State[toyState]{Name: "toyBell"}

func ringPath(bell string) string { return "/v1.0/toy/bells/" + bell + "/ring" }

func toyBellAPI() steps.API {
	take := func(ctx context.Context, w *steps.Scenario) error {
		bell, err := steps.Take(ctx, w, toyBells)
		toyStates.Of(w).bell = bell
		return err
	}
	ring := func(bell func(w *steps.Scenario) string) func(ctx context.Context) (context.Context, error) {
		return func(ctx context.Context) (context.Context, error) {
			w, err := steps.ScenarioFrom(ctx)
			if err != nil {
				return ctx, err
			}
			return w.Send(ctx, client.Request{Method: http.MethodPost, Path: ringPath(bell(w))})
		}
	}
	return steps.API{
		Name:      "toyBell",
		Resources: []target.ResourceKind{toyBells},
		Mock: mockgraph.API{Name: "toyBell", Handlers: func(*mockgraph.Mock) map[string]mockgraph.Handler {
			known := map[string]bool{toyBell1: true, toyBell2: true}
			return map[string]mockgraph.Handler{"toyBell.ring": func(w http.ResponseWriter, c *mockgraph.Call) error {
				if !known[c.Params["toyBellId"]] {
					return mockgraph.GraphError(http.StatusNotFound, mockgraph.CodeNotFound, "The toy bell '"+c.Params["toyBellId"]+"' was not found.")
				}
				w.WriteHeader(http.StatusNoContent)
				return nil
			}}
		}},
		Steps: func(sc steps.Registrar) {
			sc.Step(`^a toy bell the suite may ring$`, steps.Step(take))
			sc.Step(`^I ring the bell$`, ring(func(w *steps.Scenario) string { return toyStates.Of(w).bell }))
			sc.Step(`^I ring a bell that does not exist$`, ring(func(*steps.Scenario) string { return guid.New() }))
		},
		Requests: []steps.NamedRequest{{Name: "ring", Build: func(w *steps.Scenario) (client.Request, error) {
			return client.Request{Method: http.MethodPost, Path: ringPath(toyStates.Of(w).bell)}, nil
		}}},
		Acquire: take,
	}
}

// toyValidator builds the spec from the docs with the toy page dropped in.
func toyValidator(t *testing.T) *contract.Validator {
	t.Helper()
	docs := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(spec.Docs, "docs", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(spec.Docs, p)
		docs[strings.TrimPrefix(p, "docs/")] = &fstest.MapFile{Data: data}
		return err
	}))
	page, err := os.ReadFile("testdata/toyapi/toybell-ring.md")
	require.NoError(t, err)
	docs["toybell-ring.md"] = &fstest.MapFile{Data: page}
	built, err := docspec.Build(docs)
	require.NoError(t, err)
	doc, err := spec.Parse(context.Background(), built)
	require.NoError(t, err)
	validator, err := contract.New(doc)
	require.NoError(t, err)
	return validator
}

// runToy runs the toy feature against the embedded mock serving the built-in APIs and the toy one.
func runToy(t *testing.T, wrap func(http.Handler) http.Handler) *harness.Result {
	t.Helper()
	validator := toyValidator(t)
	apis := append(steps.BuiltinAPIs(), toyBellAPI())
	result, err := harness.Run(context.Background(), harness.Options{
		Target:    &target.Embedded{Seed: mockgraph.DefaultSeed(), Validator: validator, APIs: steps.MockAPIs(apis), Wrap: wrap},
		Validator: validator,
		APIs:      apis,
		Features:  os.DirFS("testdata/toyapi"),
		Output:    io.Discard,
		NoColors:  true,
	})
	require.NoError(t, err)
	return result
}

func TestAnAPIAddedAsOneKitRuns(t *testing.T) {
	result := runToy(t, nil)
	require.Equal(t, harness.ExitConformant, result.Status, "failures: %v", failures(result.Run))
	var passed []string
	for _, sc := range result.Run.Scenarios {
		if sc.Passed {
			passed = append(passed, sc.Name)
		}
	}
	assert.ElementsMatch(t, []string{
		"Ringing a bell answers 204 with no body",
		"Ringing a bell that does not exist is refused with 404",
		"ring without a token is refused with 401",
	}, passed)
}

func TestAnAPIAddedAsOneKitIsCheckedLikeTheOthers(t *testing.T) {
	result := runToy(t, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/ring") && r.Header.Get("Authorization") != "" {
				rec := httptest.NewRecorder()
				next.ServeHTTP(rec, r)
				if rec.Code == http.StatusNoContent {
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusOK)
					_, _ = w.Write([]byte(`{"rang":true}`))
					return
				}
				for k, v := range rec.Header() {
					w.Header()[k] = v
				}
				w.WriteHeader(rec.Code)
				_, _ = w.Write(rec.Body.Bytes())
				return
			}
			next.ServeHTTP(w, r)
		})
	})
	assert.Equal(t, harness.ExitNonConformant, result.Status)
	got := failures(result.Run)
	assert.Contains(t, got, "Ringing a bell answers 204 with no body", "a 200 instead of the documented 204 fails the scenario")
	assert.Len(t, got, 1, "only the 204 scenario meets the broken answer: %v", got)
}
