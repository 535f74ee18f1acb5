//go:build unix

package loadbench

import (
	"os"
	"os/exec"
	"syscall"
)

// inOwnGroup starts cmd in a process group of its own, so that stopping it stops what it started.
func inOwnGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

// signalGroup sends sig to the process group p leads.
func signalGroup(p *os.Process, sig syscall.Signal) error { return syscall.Kill(-p.Pid, sig) }
