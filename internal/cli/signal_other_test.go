//go:build !unix

package cli_test

import (
	"errors"
	"syscall"
	"testing"
)

// needSelfSignals skips a test that signals the test process itself where that cannot be done.
func needSelfSignals(t *testing.T) {
	t.Helper()
	t.Skip("signalling the test process itself needs a Unix system")
}

// signalSelf cannot signal the test process here; needSelfSignals has skipped its test.
func signalSelf(syscall.Signal) error {
	return errors.New("signalling the test process itself needs a Unix system")
}
