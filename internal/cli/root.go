// Package cli is graphconform's command line: one file per subcommand. Run is the whole program, so
// tests drive it in-process.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/version"
)

// exitError carries an exit status out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

// usageError is a mistake in how graphconform was called: exit status 2.
func usageError(format string, args ...any) error {
	return &exitError{code: harness.ExitUsage, err: fmt.Errorf(format, args...)}
}

// silentExit ends the program with code after the command has said what there was to say.
func silentExit(code int) error {
	return &exitError{code: code}
}

// Run runs graphconform with args (without the program name) and returns its exit status: 0 all
// conformant, 1 non-conformant, 2 usage or configuration error, 3 the spec itself is invalid.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRootCommand(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return harness.ExitConformant
	}
	var exit *exitError
	if errors.As(err, &exit) {
		if exit.err != nil {
			fmt.Fprintf(stderr, "graphconform: %v\n", exit.err)
		}
		return exit.code
	}
	// Cobra's own errors are usage errors: an unknown command or flag, a bad flag value.
	fmt.Fprintf(stderr, "graphconform: %v\nRun 'graphconform --help' for usage.\n", err)
	return harness.ExitUsage
}

func newRootCommand(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "graphconform",
		Short: "Conformance tests for the Microsoft Graph device-update APIs",
		Long: `graphconform runs Gherkin scenarios against Microsoft Graph, a Graph-compatible vendor endpoint or
its own embedded mock, and checks every request and response against an OpenAPI description built
from the Graph docs.

Exit status: 0 conformant, 1 not conformant, 2 usage or configuration error, 3 invalid spec.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version.Current().String(),
	}
	root.SetVersionTemplate("graphconform {{.Version}}\n")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newRunCommand(stdout, stderr), newServeCommand(stdout, stderr), newProxyCommand(stdout, stderr), newTokenCommand(stdout), newSpecCommand(stdout), newReportCommand(stdout), newRulesCommand(stdout), newStepsCommand(stdout))
	return root
}
