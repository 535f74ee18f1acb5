//go:build !unix

package loadbench

import (
	"os"
	"os/exec"
	"syscall"
)

// inOwnGroup leaves cmd as it is where there are no process groups.
func inOwnGroup(*exec.Cmd) {}

// signalGroup kills p where there are no process groups to signal.
func signalGroup(p *os.Process, _ syscall.Signal) error { return p.Kill() }
