package loadbench

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"
)

// readyPollInterval is how often WaitReady tries to connect.
const readyPollInterval = 50 * time.Millisecond

// processWaitDelay bounds how long a Process's output is read after the program ended.
const processWaitDelay = 5 * time.Second

// Process is a server run as a program of its own (a peer such as Prism, or one of graphconform's
// servers in a pinned run), in its own process group, its output kept in a Tail.
type Process struct {
	// URL is the server's base URL, http://127.0.0.1:PORT.
	URL string
	// Output holds the end of what the program printed.
	Output *Tail
	cmd    *exec.Cmd
	addr   string
	exited chan struct{}
	err    error // how the program ended, once exited is closed
}

// Program is a server to run as a process of its own.
type Program struct {
	// Path is the program to run and Args its arguments.
	Path string
	Args []string
	// Port is the loopback port the program is to serve HTTP on.
	Port int
	// Pinned binds the program, and every thread it starts, to CPU alone (Linux only); else it
	// runs where the kernel schedules it.
	Pinned bool
	CPU    int
	// Env is added to this process's environment, e.g. GOMAXPROCS=1.
	Env []string
}

// StartProcess runs p in a process group of its own. Call WaitReady before loading it and Stop (or
// StopCleanly) always.
func StartProcess(p Program) (*Process, error) {
	cmd := exec.Command(p.Path, p.Args...)
	inOwnGroup(cmd)
	if len(p.Env) > 0 {
		cmd.Env = append(os.Environ(), p.Env...)
	}
	// Once the program has ended, its output pipes are drained for at most this long: a child it
	// left behind outside its group cannot keep Stop waiting.
	cmd.WaitDelay = processWaitDelay
	proc := &Process{
		URL: "http://127.0.0.1:" + strconv.Itoa(p.Port), Output: &Tail{}, cmd: cmd,
		addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(p.Port)), exited: make(chan struct{}),
	}
	cmd.Stdout, cmd.Stderr = proc.Output, proc.Output
	start := cmd.Start
	if p.Pinned {
		start = func() error { return startOnCPU(cmd, p.CPU) }
	}
	if err := start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", p.Path, err)
	}
	go func() {
		proc.err = cmd.Wait()
		close(proc.exited)
	}()
	return proc, nil
}

// WaitReady waits until the program accepts connections on its port, for at most within; it fails at
// once when the program exits first.
func (p *Process) WaitReady(ctx context.Context, within time.Duration) error {
	return WaitReady(ctx, p.addr, p.exited, within)
}

// Stop ends the program's whole process group: SIGTERM, then SIGKILL after grace. Ending it is not
// an error; a program that had already failed is.
func (p *Process) Stop(grace time.Duration) error {
	if err, ended := p.endedEarly(); ended {
		return err
	}
	p.terminate(grace)
	return nil
}

// StopCleanly ends the program as Stop does and requires that it exit 0 on SIGTERM: for
// graphconform's own servers, whose status on stopping says whether a request broke the contract.
func (p *Process) StopCleanly(grace time.Duration) error {
	if err, ended := p.endedEarly(); ended {
		return errors.Join(err, fmt.Errorf("%s exited before it was stopped: %s", p.cmd.Path, p.Output))
	}
	if !p.terminate(grace) {
		return fmt.Errorf("%s did not stop within %s of SIGTERM and was killed: %s", p.cmd.Path, grace, p.Output)
	}
	if p.err != nil {
		return fmt.Errorf("%s, stopped: %w: %s", p.cmd.Path, p.err, p.Output)
	}
	return nil
}

// endedEarly tells whether the program has already exited, and the error when it failed.
func (p *Process) endedEarly() (error, bool) {
	select {
	case <-p.exited:
		if p.err != nil {
			return fmt.Errorf("%s had exited: %w: %s", p.cmd.Path, p.err, p.Output), true
		}
		return nil, true
	default:
		return nil, false
	}
}

// terminate sends SIGTERM to the program's group and, after grace, SIGKILL; it tells whether the
// program ended on SIGTERM.
func (p *Process) terminate(grace time.Duration) bool {
	_ = signalGroup(p.cmd.Process, syscall.SIGTERM)
	select {
	case <-p.exited:
		return true
	case <-time.After(grace):
		_ = signalGroup(p.cmd.Process, syscall.SIGKILL)
		<-p.exited
		return false
	}
}

// WaitReady waits until addr accepts a TCP connection, for at most within, trying every 50 ms. It
// fails when exited is closed first (the server's program ended) or ctx ends.
func WaitReady(ctx context.Context, addr string, exited <-chan struct{}, within time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	var dialer net.Dialer
	tick := time.NewTicker(readyPollInterval)
	defer tick.Stop()
	for {
		conn, err := dialer.DialContext(ctx, "tcp", addr)
		if err == nil {
			return conn.Close()
		}
		select {
		case <-exited:
			return fmt.Errorf("the server on %s exited before it accepted a connection", addr)
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return fmt.Errorf("nothing accepted a connection on %s within %s: %w", addr, within, err)
			}
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// FreePort is a loopback TCP port nothing listens on now.
func FreePort() (int, error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free loopback port: %w", err)
	}
	port := listener.Addr().(*net.TCPAddr).Port
	return port, listener.Close()
}
