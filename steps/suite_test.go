package steps_test

import (
	"bytes"
	"context"
	"testing"
	"testing/fstest"

	"github.com/cucumber/godog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/contract"
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

func TestTheBuiltinAPIsMockEveryOperationOfTheSpec(t *testing.T) {
	validator, err := contract.Load(context.Background())
	require.NoError(t, err)
	handled := map[string]bool{}
	for _, api := range steps.MockAPIs(steps.BuiltinAPIs()) {
		for operation := range api.Handlers(nil) { // the handlers are listed, not called
			handled[operation] = true
		}
	}
	for path, item := range validator.Doc().Paths.Map() {
		for method, op := range item.Operations() {
			assert.True(t, handled[op.OperationID], "%s %s (%s) has no mock handler in any API", method, path, op.OperationID)
		}
	}
}

func TestEveryBuiltinResourceHasItsOwnKey(t *testing.T) {
	var keys []string
	for _, r := range steps.Resources(steps.BuiltinAPIs()) {
		keys = append(keys, r.ResourceKey())
	}
	assert.Equal(t, []string{"teamworkDevices", "appInstallations", "windowsUpdateStates"}, keys)
}
