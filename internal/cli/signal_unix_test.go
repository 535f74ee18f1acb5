//go:build unix

package cli_test

import (
	"os"
	"syscall"
	"testing"
)

// needSelfSignals skips a test that signals the test process itself where that cannot be done.
func needSelfSignals(*testing.T) {}

// signalSelf sends sig to the test process, as a CI runner or Ctrl-C would.
func signalSelf(sig syscall.Signal) error { return syscall.Kill(os.Getpid(), sig) }
