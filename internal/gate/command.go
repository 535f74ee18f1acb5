package gate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// The environment a gated command gets.
const (
	// EnvBaseURL is the mock's or the proxy's base URL: scheme, host and port, no version.
	EnvBaseURL = "GRAPHCONFORM_BASE_URL"
	// EnvCACert is the path of the PEM certificate to trust for it, with --tls.
	EnvCACert = "GRAPHCONFORM_CA_CERT"
	// EnvNodeExtraCACerts makes Node.js trust that certificate too.
	EnvNodeExtraCACerts = "NODE_EXTRA_CA_CERTS"
)

// StopGrace is how long a gated command has to end after it is sent SIGTERM (because graphconform was
// told to stop) before it is killed.
const StopGrace = 10 * time.Second

// ExitCommandNotRun is the exit status when the command cannot be started, as a shell's 127.
const ExitCommandNotRun = 127

// Command is a command to run against a served base URL.
type Command struct {
	// Argv is the program and its arguments.
	Argv []string
	// BaseURL goes to the command as $GRAPHCONFORM_BASE_URL.
	BaseURL string
	// CACert, when not empty, goes to it as $GRAPHCONFORM_CA_CERT and $NODE_EXTRA_CA_CERTS.
	CACert string
	// Stdin, Stdout and Stderr are the command's; nil is the null device.
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Grace is how long the command has to end after SIGTERM before it is killed; 0 is StopGrace.
	Grace time.Duration
}

// Env returns the environment of the command: graphconform's own, plus the base URL and certificate.
func (c Command) Env() []string {
	env := append(os.Environ(), EnvBaseURL+"="+c.BaseURL)
	if c.CACert != "" {
		env = append(env, EnvCACert+"="+c.CACert, EnvNodeExtraCACerts+"="+c.CACert)
	}
	return env
}

// Run runs the command until it exits and returns its exit status (128+N when signal N ended it).
// When ctx ends first, the command is sent SIGTERM and, Grace later, killed. On Unix the command runs
// in a process group of its own (unless its stdin is a terminal): SIGTERM goes to the whole group, and
// what the command leaves running in it when it ends is sent SIGTERM and, Grace after the first SIGTERM,
// killed, so that no process it started keeps the gate's output open. The error is for a command that could not be
// started; its status is then ExitCommandNotRun.
func (c Command) Run(ctx context.Context) (int, error) {
	if len(c.Argv) == 0 {
		return ExitCommandNotRun, errors.New("no command to run: give one after '--'")
	}
	grace := c.Grace
	if grace <= 0 {
		grace = StopGrace
	}
	cmd := exec.CommandContext(ctx, c.Argv[0], c.Argv[1:]...)
	cmd.Env = c.Env()
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.Stdin, c.Stdout, c.Stderr
	group := ownProcessGroup(cmd, c.Stdin)
	var terminated time.Time // when ctx ended and SIGTERM was sent; read after Wait
	cmd.Cancel = func() error {
		terminated = time.Now()
		return terminate(cmd.Process, group)
	}
	cmd.WaitDelay = grace
	if err := cmd.Start(); err != nil {
		return ExitCommandNotRun, fmt.Errorf("start %q: %w (is it installed and on PATH?)", c.Argv[0], err)
	}
	err := cmd.Wait()
	if group {
		left := grace
		if !terminated.IsZero() {
			left = max(grace-time.Since(terminated), 0) // what is left of the grace SIGTERM began
		}
		endProcessGroup(cmd.Process.Pid, left)
	}
	if err == nil {
		return 0, nil
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		// The command ended but its output could not be copied in time (WaitDelay): report its status.
		if cmd.ProcessState != nil && cmd.ProcessState.ExitCode() >= 0 {
			return cmd.ProcessState.ExitCode(), nil
		}
		return 1, fmt.Errorf("wait for %q: %w", c.Argv[0], err)
	}
	if status, ok := exit.Sys().(syscall.WaitStatus); ok && status.Signaled() {
		return 128 + int(status.Signal()), nil
	}
	return exit.ExitCode(), nil
}
