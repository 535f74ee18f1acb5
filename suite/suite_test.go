package suite_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/cucumber/godog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/suite"
)

func TestASuiteRunsOwnScenariosWithItsStepsAndOwnSteps(t *testing.T) {
	s, err := suite.New(context.Background(), suite.Options{})
	require.NoError(t, err)
	assert.Equal(t, "embedded mock", s.Target())
	feature := fstest.MapFS{"own.feature": {Data: []byte(`Feature: own
  Scenario: a PATCH and a step of our own
    Given a windowsUpdateState the suite may update
    When I update the windowsUpdateState with:
      """
      {"status": "pendingReboot"}
      """
    Then the response status is 200
    And the answer names the status "pendingReboot"
`)}}
	var ownStepRan bool
	var out bytes.Buffer
	status := godog.TestSuite{
		ScenarioInitializer: func(sc *godog.ScenarioContext) {
			s.InitializeScenario(sc)
			sc.Step(`^the answer names the status "([^"]*)"$`, func(ctx context.Context, want string) error {
				scenario, err := suite.ScenarioFrom(ctx)
				if err != nil {
					return err
				}
				resp, err := scenario.LastResponse()
				if err != nil {
					return err
				}
				ownStepRan = true
				assert.Contains(t, string(resp.Body), `"status":"`+want+`"`)
				return nil
			})
		},
		Options: &godog.Options{Format: "pretty", FS: feature, Paths: []string{"."}, Strict: true, NoColors: true, Output: &out},
	}.Run()
	require.Equal(t, 0, status, out.String())
	assert.True(t, ownStepRan)
}

func TestASuiteRefusesATargetWithoutAProfile(t *testing.T) {
	_, err := suite.New(context.Background(), suite.Options{Target: "https://graph.microsoft.com"})
	require.ErrorContains(t, err, "need a Profile")
}

func TestASuiteReadsATargetFromAProfile(t *testing.T) {
	profile := filepath.Join(t.TempDir(), "p.yaml")
	require.NoError(t, os.WriteFile(profile, []byte("target: https://graph.example\nallowMutations: true\nteamworkDevices: [d]\n"+
		"appInstallations: [{user: u, installation: i}]\nwindowsUpdateStates: [{deviceConfiguration: c, state: s}]\n"), 0o600))
	t.Setenv(suite.TokenEnv, "")
	_, err := suite.New(context.Background(), suite.Options{Profile: profile})
	require.ErrorContains(t, err, "no bearer token for https://graph.example")
	s, err := suite.New(context.Background(), suite.Options{Profile: profile, Token: "t"})
	require.NoError(t, err)
	assert.Equal(t, "https://graph.example", s.Target())
}

func TestRunFailsWhenNoScenarioRan(t *testing.T) {
	s, err := suite.New(context.Background(), suite.Options{})
	require.NoError(t, err)
	err = s.Run(t, suite.RunOptions{FS: fstest.MapFS{"README.md": {Data: []byte("no features here")}}, Paths: []string{"."}})
	require.ErrorContains(t, err, "no scenario found in [.]")
	feature := fstest.MapFS{"own.feature": {Data: []byte("Feature: own\n  @upgrade\n  Scenario: one\n    Given a windowsUpdateState the suite may update\n")}}
	err = s.Run(t, suite.RunOptions{FS: feature, Paths: []string{"."}, Tags: "@nothing"})
	require.ErrorContains(t, err, `matched the tags "@nothing"`)
}

func TestRunIsStrictAndRunsOwnSteps(t *testing.T) {
	s, err := suite.New(context.Background(), suite.Options{})
	require.NoError(t, err)
	feature := fstest.MapFS{"own.feature": {Data: []byte(`Feature: own
  Scenario: a PATCH and a step of our own
    Given a windowsUpdateState the suite may update
    When I update the windowsUpdateState with:
      """
      {"status": "pendingReboot"}
      """
    Then the response status is 200
    And the answer names the status "pendingReboot"
`)}}
	var ownStepRan atomic.Bool
	err = s.Run(t, suite.RunOptions{FS: feature, Paths: []string{"."}, Steps: func(sc *godog.ScenarioContext) {
		sc.Step(`^the answer names the status "([^"]*)"$`, func(want string) error {
			ownStepRan.Store(true)
			return nil
		})
	}})
	require.NoError(t, err)
	assert.True(t, ownStepRan.Load())
}

// TestRunFailsAnUndefinedStep runs an undefined step in a child go test, since the failure it shows
// fails the test it runs in.
func TestRunFailsAnUndefinedStep(t *testing.T) {
	if os.Getenv("GRAPHCONFORM_SUITE_CHILD") == "1" {
		s, err := suite.New(context.Background(), suite.Options{})
		require.NoError(t, err)
		feature := fstest.MapFS{"own.feature": {Data: []byte("Feature: own\n  Scenario: undefined\n    Given a step no one wrote\n")}}
		if err := s.Run(t, suite.RunOptions{FS: feature, Paths: []string{"."}}); err != nil {
			t.Fatal(err)
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestRunFailsAnUndefinedStep$", "-test.count", "1")
	cmd.Env = append(os.Environ(), "GRAPHCONFORM_SUITE_CHILD=1")
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "the child passed with an undefined step:\n%s", out)
	assert.Contains(t, string(out), "the scenarios failed against embedded mock")
	assert.Contains(t, string(out), "a step no one wrote")
}
