//go:build unix

package loadbench

import (
	"os"
	"os/exec"
	"syscall"
)

// inOwnGroup starts cmd in a process group of its own, so that stopping it stops what it started,
// and, where the system can, so that it is killed when this process dies without stopping it.
func inOwnGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	dieWithParent(cmd.SysProcAttr)
}

// signalGroup sends sig to the process group p leads.
func signalGroup(p *os.Process, sig syscall.Signal) error { return syscall.Kill(-p.Pid, sig) }
