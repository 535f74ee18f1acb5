package steps_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cucumber/godog"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/target"
	"github.com/graphconform/graphconform/steps"
)

// ownRun is how a team's own feature is run: on the embedded mock seeded with seed, strict unless
// said otherwise, two scenarios at once, within a deadline so that a step that hangs fails the test.
type ownRun struct {
	seed   *mockgraph.Seed
	strict *bool
	// remote makes the mock a target that offers no mock controls, as a remote endpoint.
	remote bool
}

// withoutControls is a target whose sessions offer no mock controls.
type withoutControls struct{ target.Target }

func (w withoutControls) Describe() string { return "https://graph.example" }

func (w withoutControls) Open(ctx context.Context) (*target.Session, error) {
	session, err := w.Target.Open(ctx)
	if err == nil {
		session.Controls = nil
	}
	return session, err
}

// runOwnFeature runs the feature text and returns godog's status and its pretty output.
func runOwnFeature(t *testing.T, feature string, run ownRun) (int, string) {
	t.Helper()
	validator, err := contract.Load(context.Background())
	require.NoError(t, err)
	seed := mockgraph.DefaultSeed()
	if run.seed != nil {
		seed = *run.seed
	}
	apis := steps.BuiltinAPIs()
	var tgt target.Target = &target.Embedded{Seed: seed, Validator: validator, APIs: steps.MockAPIs(apis)}
	if run.remote {
		tgt = withoutControls{tgt}
	}
	s := &steps.Suite{Target: tgt, Checker: &harness.Checker{Validator: validator}, APIs: apis}
	strict := true
	if run.strict != nil {
		strict = *run.strict
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var out bytes.Buffer
	status := godog.TestSuite{
		ScenarioInitializer: s.InitializeScenario,
		Options: &godog.Options{
			Format: "pretty", FS: fstest.MapFS{"own.feature": {Data: []byte(feature)}}, Paths: []string{"."},
			Strict: strict, Concurrency: 2, NoColors: true, Output: &out, DefaultContext: ctx,
		},
	}.Run()
	require.NoError(t, ctx.Err(), "the run did not end in time:\n%s", out.String())
	return status, out.String()
}

// oneOfEach is a seed with one entry of every resource: a profile listing one of each.
func oneOfEach() *mockgraph.Seed {
	seed := mockgraph.DefaultSeed()
	seed.TeamworkDevices = seed.TeamworkDevices[:1]
	seed.Users = seed.Users[:1]
	seed.Users[0].InstalledApps = seed.Users[0].InstalledApps[:1]
	seed.DeviceConfigurations = seed.DeviceConfigurations[:1]
	seed.DeviceConfigurations[0].WindowsUpdateStates = seed.DeviceConfigurations[0].WindowsUpdateStates[:1]
	return &seed
}

func TestAResourceTakenTwiceInAScenarioIsTheSameOneAndDoesNotWaitForItself(t *testing.T) {
	status, out := runOwnFeature(t, `Feature: own
  Scenario: a device given, then the request sent
    Given a Teams device the suite may update
    When I send the updateSoftware request without a token
    Then the response status is 401

  Scenario: the same Given twice
    Given a windowsUpdateState the suite may update
    And a windowsUpdateState the suite may update
    When I send the windowsUpdateState PATCH request
    Then the response status is 200

  Scenario: the resources of a request after its Given
    Given a user's app installation the suite may upgrade, the user named by user principal name
    And the resources of the userScopeTeamsAppInstallation.upgrade request
    When I send the upgrade request
    Then the response status is 204
`, ownRun{seed: oneOfEach()})
	require.Equal(t, 0, status, out)
	require.Contains(t, out, "3 scenarios (3 passed)")
}

func TestAMintedTokenOnATargetThatIsNotTheMockFailsSayingToTagTheScenarioMockOnly(t *testing.T) {
	status, out := runOwnFeature(t, `Feature: own
  Scenario: a minted token, untagged
    Given a Teams device the suite may update
    And a delegated token with only the permission "User.Read"
    When I request a "teamsClient" software update to version "1.0.96.22"
    Then the response status is 403
`, ownRun{remote: true})
	require.Equal(t, 1, status, out)
	require.Contains(t, out, "https://graph.example offers no mock controls: tag the scenario @mock-only")
}

func TestAThenStepWithNothingToCheckFailsRatherThanPasses(t *testing.T) {
	status, out := runOwnFeature(t, `@mock-only
Feature: own
  Scenario: a page after a Graph error
    When I request a "teamsClient" software update of a device that does not exist
    Then the page holds at most 0 operations

  Scenario: a page refused without a token
    Given a Teams device the suite may update
    When I list the device's operations without a token
    Then the page holds at most 0 operations

  Scenario: no early retry with no request
    Then the mock saw no client come back before its Retry-After

  Scenario: the echo of an update refused with 404
    Given a windowsUpdateState the suite may update
    When I update the windowsUpdateState, with a state that does not exist, with:
      """
      {"status": "upToDate"}
      """
    Then the response echoes every property sent

  Scenario: the echo of a GET
    Given a windowsUpdateState the suite may update
    When I get the windowsUpdateState
    Then the response echoes every property sent

  Scenario: the state's id with no state taken
    Given a user's app installation the suite may upgrade, the user named by id
    When I upgrade the installation
    Then the response has the windowsUpdateState's "id"
`, ownRun{})
	require.Equal(t, 1, status, out)
	require.Contains(t, out, "6 scenarios (6 failed)")
}

func TestAStepOfAResourceTheScenarioDidNotTakeSaysWhichGivenToWrite(t *testing.T) {
	status, out := runOwnFeature(t, `Feature: own
  Scenario: an update with a body
    When I request a software update with the body:
      """
      {"softwareType": "firmware", "softwareVersion": "1"}
      """

  Scenario: a list
    When I list the device's operations, 5 per page

  Scenario: a list without a token
    When I list the device's operations without a token

  Scenario: an unknown operation
    When I get an operation of the device that does not exist

  Scenario: an upgrade
    When I upgrade the installation

  Scenario: an upgrade with a body
    When I upgrade the installation with the body:
      """
      {}
      """

  Scenario: an upgrade of an unknown user
    When I upgrade the installation, with a user that does not exist

  Scenario: an update of a state
    When I update the windowsUpdateState with:
      """
      {"status": "upToDate"}
      """

  Scenario: an update of an unknown state
    When I update the windowsUpdateState, with a state that does not exist, with:
      """
      {"status": "upToDate"}
      """

  Scenario: a GET of a state
    When I get the windowsUpdateState
`, ownRun{})
	require.Equal(t, 1, status, out)
	require.Contains(t, out, "10 scenarios (10 failed)")
	require.Equal(t, 4, strings.Count(out, `Error: no device: start the scenario with "Given a Teams device the suite may update"`), out)
	require.Equal(t, 3, strings.Count(out, `Error: no installation: start the scenario with "Given a user's app installation the suite may upgrade, the user named by id"`), out)
	require.Equal(t, 3, strings.Count(out, `Error: no windowsUpdateState: start the scenario with "Given a windowsUpdateState the suite may update"`), out)
	require.NotContains(t, out, "operation-documented", "no request is sent to a path without its resource")
}

func TestTheGeneratedRequestWithABodyTakesItsResourcesLikeTheValidRequest(t *testing.T) {
	status, out := runOwnFeature(t, `Feature: own
  Scenario: a generated request without its Given
    When I send the teamworkDevice.updateSoftware request with the body:
      """
      {"softwareType": "firmware", "softwareVersion": "1"}
      """
    Then the response status is 202
`, ownRun{})
	require.Equal(t, 0, status, out)
}

func TestARetryAfterOfZeroSecondsIsARetryAfterWaitingZeroSeconds(t *testing.T) {
	status, out := runOwnFeature(t, `@mock-only
Feature: own
  Scenario: a 429 that asks for no wait
    Given a Teams device the suite may update
    And the mock answers the next "teamworkDevice.updateSoftware" request 429 with Retry-After "0"
    When I request a "teamsClient" software update to version "1.0.96.22"
    Then the response status is 202
    And the request was retried after waiting 0 seconds, as Retry-After asked
`, ownRun{})
	require.Equal(t, 0, status, out)
}

func TestAStepArgumentOutsideWhatItTakesFailsSayingWhatToWriteAndBlamesNoTarget(t *testing.T) {
	status, out := runOwnFeature(t, `Feature: own
  Scenario: a status that is not one
    When I request a "teamsClient" software update of a device that does not exist
    Then the response status is 999

  Scenario: an operation status before any poll
    Given a Teams device the suite may update
    When I request a "teamsClient" software update to version "1.0.96.22"
    Then the operation ended as "succeeded" or "failed"

  Scenario: operation statuses the docs do not name
    Given a Teams device the suite may update
    When I request a "teamsClient" software update to version "1.0.96.22"
    And I poll the operation until it reaches a terminal status
    Then the operation ended as "done" or "failed"
`, ownRun{})
	require.Equal(t, 1, status, out)
	require.Contains(t, out, "3 scenarios (3 failed)")
	require.Contains(t, out, "Error: 999 is not an HTTP status: write one from 100 to 599")
	require.Contains(t, out, `Error: no operation status was read yet: add "When I poll the operation until it reaches a terminal status" first`)
	require.Contains(t, out, `Error: "done" is not an operation status the docs name: write queued, scheduled, inProgress, succeeded, failed or cancelled`)
	require.NotContains(t, out, "[documented-status]")
	require.NotContains(t, out, "[operation-reaches-terminal-status]")
}
