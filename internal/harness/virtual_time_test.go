package harness_test

import (
	"context"
	"errors"
	"io"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/target"
)

// anHoursRetryAfter throttles an update and a poll with a Retry-After of an hour each.
const anHoursRetryAfter = `@mock-only
Feature: An hour's Retry-After
  Scenario: A throttled update waits an hour, as Retry-After asked
    Given a Teams device the suite may update
    And the mock answers the next "teamworkDevice.updateSoftware" request 429 with Retry-After "3600"
    When I request a "teamsClient" software update to version "1.0.96.22"
    Then the response status is 202
    And the request was retried after waiting 3600 seconds, as Retry-After asked
    And the mock saw no client come back before its Retry-After

  @lro
  Scenario: An unavailable poll waits an hour, as Retry-After asked, and the operation still ends
    Given a Teams device the suite may update
    And I request a "teamsClient" software update to version "1.0.96.22"
    And the response status is 202
    And the mock answers the next "teamworkDevice.getOperation" request 503 with Retry-After "3600"
    When I poll the operation until it reaches a terminal status
    Then the operation ended as "succeeded" or "failed"
    And the request was retried after waiting 3600 seconds, as Retry-After asked
    And the mock saw no client come back before its Retry-After
`

// runAnHour runs anHoursRetryAfter against tgt within deadline of real time.
func runAnHour(t *testing.T, tgt target.Target, deadline time.Duration) (*harness.Result, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	result, err := harness.Run(ctx, harness.Options{
		Target:     tgt,
		Validator:  newValidator(t),
		PollBudget: 3 * time.Hour, // the scenario's budget holds an hour's wait
		Features:   fstest.MapFS{"hour.feature": {Data: []byte(anHoursRetryAfter)}},
		Output:     io.Discard,
	})
	return result, errors.Join(err, ctx.Err())
}

// The suite waits in the embedded mock's time, never in real time: scenarios that honour a
// Retry-After of an hour each end well within a minute. A harness that slept would be cut by the
// deadline and its scenarios recorded as cut short.
func TestTheSuiteWaitsInTheMocksTimeNotInRealTime(t *testing.T) {
	result, err := runAnHour(t, &target.Embedded{Seed: mockgraph.DefaultSeed(), Validator: newValidator(t)}, time.Minute)
	require.NoError(t, err, "the run met its real-time deadline: something slept")
	require.Len(t, result.Run.Scenarios, 2)
	for _, sc := range result.Run.Scenarios {
		require.True(t, sc.Passed, "%s: %s", sc.Name, sc.Error)
	}
	require.Equal(t, harness.ExitConformant, result.Status)
}

// sleepingTarget is the embedded mock with a session that waits real time, as a remote target's does.
type sleepingTarget struct{ *target.Embedded }

func (s sleepingTarget) Open(ctx context.Context) (*target.Session, error) {
	session, err := s.Embedded.Open(ctx)
	if err != nil {
		return nil, err
	}
	session.Wait = func(ctx context.Context, d time.Duration) error {
		timer := time.NewTimer(d)
		defer timer.Stop()
		select {
		case <-timer.C:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return session, nil
}

// The check above fails on a harness that sleeps: the same run against sessions that wait real time
// is cut by its deadline.
func TestAHarnessThatSleepsMissesTheDeadline(t *testing.T) {
	sleeping := sleepingTarget{&target.Embedded{Seed: mockgraph.DefaultSeed(), Validator: newValidator(t)}}
	result, err := runAnHour(t, sleeping, 500*time.Millisecond)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.NotNil(t, result)
	assert.NotEqual(t, harness.ExitConformant, result.Status)
	for _, sc := range result.Run.Scenarios {
		assert.False(t, sc.Passed, "%s passed though its session slept an hour", sc.Name)
	}
}
