// Package ownsteps shows a team running its own scenarios with graphconform's steps and one step of
// its own, from its own module's go test.
package ownsteps

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/cucumber/godog"

	"github.com/graphconform/graphconform/suite"
)

// TestOwnScenarios runs features/ against graphconform's embedded mock, a fresh one per scenario.
// GRAPHCONFORM_PROFILE names a target profile to run them against an endpoint instead.
func TestOwnScenarios(t *testing.T) {
	s, err := suite.New(context.Background(), suite.Options{Profile: os.Getenv("GRAPHCONFORM_PROFILE")})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Run(t, suite.RunOptions{
		Paths:       []string{"features"},
		Concurrency: 2,
		Steps: func(sc *godog.ScenarioContext) {
			sc.Step(`^the response carries a request-id$`, theResponseCarriesARequestID)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// theResponseCarriesARequestID is our own step: Graph names every answer with a request-id header,
// which support asks for.
func theResponseCarriesARequestID(ctx context.Context) error {
	sc, err := suite.ScenarioFrom(ctx)
	if err != nil {
		return err
	}
	resp, err := sc.LastResponse()
	if err != nil {
		return err
	}
	if resp.Header.Get("request-id") == "" {
		return fmt.Errorf("the %d response has no request-id header", resp.Status)
	}
	return nil
}
