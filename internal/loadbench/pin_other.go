//go:build !linux

package loadbench

import (
	"errors"
	"os/exec"
)

// errPinningUnsupported is why no run is pinned off Linux.
var errPinningUnsupported = errors.New("pinning to CPUs needs Linux's sched_setaffinity (run without pinning)")

// PinnedCPUs are the two CPUs of a pinned run; off Linux there are none.
func PinnedCPUs() (CPUPair, error) { return CPUPair{}, errPinningUnsupported }

// PinThisProcess binds every thread of this process to cpu; off Linux it cannot.
func PinThisProcess(int) (func() error, error) { return nil, errPinningUnsupported }

// startOnCPU starts cmd bound to cpu; off Linux it cannot.
func startOnCPU(*exec.Cmd, int) error { return errPinningUnsupported }
