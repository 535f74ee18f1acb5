package steps_test

import (
	"bytes"
	"testing"
	"testing/fstest"

	"github.com/cucumber/godog"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/steps"
)

func TestAnEmptySuiteFailsItsScenarioSayingWhatItLacks(t *testing.T) {
	feature := fstest.MapFS{"a.feature": {Data: []byte("Feature: f\n  Scenario: s\n    Given a Teams device the suite may update\n")}}
	var out bytes.Buffer
	status := godog.TestSuite{
		ScenarioInitializer: (&steps.Suite{}).InitializeScenario,
		Options:             &godog.Options{Format: "pretty", FS: feature, Paths: []string{"."}, Output: &out, Strict: true, NoColors: true},
	}.Run()
	assert.Equal(t, 1, status, "the scenario fails rather than panics")
	assert.Contains(t, out.String(), "steps.Suite needs a Target")
	assert.Contains(t, out.String(), "a Checker")
}

func TestTheBuiltinAPIsServeWhatTheMockServesByDefault(t *testing.T) {
	names := func(apis []mockgraph.API) []string {
		var out []string
		for _, a := range apis {
			out = append(out, a.Name)
		}
		return out
	}
	if diff := cmp.Diff(names(mockgraph.BuiltinAPIs()), names(steps.MockAPIs(steps.BuiltinAPIs()))); diff != "" {
		t.Errorf("the steps' APIs and the mock's default APIs differ (-mock +steps):\n%s", diff)
	}
}

func TestEveryBuiltinResourceHasItsOwnKey(t *testing.T) {
	var keys []string
	for _, r := range steps.Resources(steps.BuiltinAPIs()) {
		keys = append(keys, r.ResourceKey())
	}
	assert.Equal(t, []string{"teamworkDevices", "appInstallations", "windowsUpdateStates"}, keys)
}
