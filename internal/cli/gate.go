package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/graphconform/graphconform/internal/gate"
)

// gatedCommand returns the command given after "--" (nil when there is none); arguments before "--"
// are a usage error, since serve and proxy take none.
func gatedCommand(cmd *cobra.Command, args []string) ([]string, error) {
	dash := cmd.ArgsLenAtDash()
	if dash < 0 && len(args) > 0 {
		return nil, usageError("unexpected argument %q: put the command to run after '--', e.g. %s --strict -- npm test", args[0], cmd.CommandPath())
	}
	if dash > 0 {
		return nil, usageError("unexpected argument %q before '--': put the command to run after '--'", args[0])
	}
	if dash == 0 && len(args) == 0 {
		return nil, usageError("nothing after '--': give the command to run, e.g. %s --strict -- npm test", cmd.CommandPath())
	}
	return args, nil
}

// commandOutcome is how a gated command ended.
type commandOutcome struct {
	ran    bool
	status int
	err    error
}

// waitUntilStopped serves until ctx ends (SIGINT, SIGTERM) or, when command has Argv, until the
// command exits. It returns early with the error of served when the server stops by itself.
func waitUntilStopped(ctx context.Context, served <-chan error, command gate.Command) (commandOutcome, error) {
	if len(command.Argv) == 0 {
		select {
		case err := <-served:
			return commandOutcome{}, err
		case <-ctx.Done():
			return commandOutcome{}, nil
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan commandOutcome, 1)
	go func() {
		status, err := command.Run(ctx)
		done <- commandOutcome{ran: true, status: status, err: err}
	}()
	select {
	case err := <-served:
		cancel()
		<-done // Run ends: SIGTERM now, a kill after gate.StopGrace.
		return commandOutcome{}, err
	case outcome := <-done:
		return outcome, nil
	}
}

// gateStatus is the exit status of a gate: the command's when it failed, else 1 when strict and
// errorCount violations (kept or only counted) broke a rule of level error, else 0.
func gateStatus(stderr io.Writer, name string, outcome commandOutcome, strict bool, errorCount int) int {
	if outcome.err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, outcome.err)
	}
	if outcome.ran && outcome.status != 0 {
		fmt.Fprintf(stderr, "%s: the command exited %d\n", name, outcome.status)
		return outcome.status
	}
	if strict && errorCount > 0 {
		return 1
	}
	return 0
}

// writeViolationsJUnit writes violations to path as JUnit XML, when path is not empty.
func writeViolationsJUnit(path, name string, started time.Time, violations []gate.Violation) error {
	if path == "" {
		return nil
	}
	file, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create --violations-junit %s: %w (does its directory exist?)", path, err)
	}
	writeErr := gate.WriteJUnit(file, name, started, violations)
	if err := errors.Join(writeErr, file.Close()); err != nil {
		return fmt.Errorf("write --violations-junit %s: %w", path, err)
	}
	return nil
}
