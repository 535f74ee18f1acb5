//go:build unix

package gate

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// groupPoll is how often endProcessGroup looks whether the processes it sent SIGTERM have ended.
const groupPoll = 20 * time.Millisecond

// ownProcessGroup makes cmd the leader of a process group of its own, so that stopping it reaches
// every process it starts, and reports whether it did. It does not when stdin is a terminal: a
// background group that reads it would be stopped (SIGTTIN), and the terminal's Ctrl-C reaches the
// whole foreground group anyway.
func ownProcessGroup(cmd *exec.Cmd, stdin io.Reader) bool {
	if isTerminal(stdin) {
		return false
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return true
}

// isTerminal tells whether r is a character device other than the null device: a terminal.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok || f == nil {
		return false
	}
	info, err := f.Stat()
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(info, null)
}

// terminate sends SIGTERM to the command, and to its whole process group when it leads one.
func terminate(p *os.Process, group bool) error {
	if !group {
		return p.Signal(syscall.SIGTERM)
	}
	if err := syscall.Kill(-p.Pid, syscall.SIGTERM); err != nil {
		if errors.Is(err, syscall.ESRCH) {
			return os.ErrProcessDone
		}
		return err
	}
	return nil
}

// endProcessGroup ends what is left of the process group led by the command leader, which has
// ended: SIGTERM, then SIGKILL for what still runs grace later.
func endProcessGroup(leader int, grace time.Duration) {
	if syscall.Kill(-leader, syscall.SIGTERM) != nil {
		return // nothing is left of the group
	}
	for deadline := time.Now().Add(grace); time.Now().Before(deadline); time.Sleep(groupPoll) {
		if syscall.Kill(-leader, 0) != nil {
			return
		}
	}
	_ = syscall.Kill(-leader, syscall.SIGKILL)
}
