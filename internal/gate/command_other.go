//go:build !unix

package gate

import (
	"io"
	"os"
	"os/exec"
	"time"
)

// ownProcessGroup reports that cmd leads no process group of its own: only Unix has them here.
func ownProcessGroup(*exec.Cmd, io.Reader) bool { return false }

// terminate kills the command: there is no SIGTERM to send it here.
func terminate(p *os.Process, _ bool) error { return p.Kill() }

// endProcessGroup does nothing: the command led no process group.
func endProcessGroup(int, time.Duration) {}
