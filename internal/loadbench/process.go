package loadbench

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os/exec"
	"strconv"
	"syscall"
	"time"
)

// readyPollInterval is how often WaitReady tries to connect.
const readyPollInterval = 50 * time.Millisecond

// processWaitDelay bounds how long a Process's output is read after the program ended.
const processWaitDelay = 5 * time.Second

// Process is a server run as a program of its own (a peer such as Prism), in its own process group,
// its output kept in a Tail.
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

// StartProcess runs name with args in a process group of its own; the program is to serve HTTP on
// 127.0.0.1:port. Call WaitReady before loading it and Stop always.
func StartProcess(name string, args []string, port int) (*Process, error) {
	cmd := exec.Command(name, args...)
	inOwnGroup(cmd)
	// Once the program has ended, its output pipes are drained for at most this long: a child it
	// left behind outside its group cannot keep Stop waiting.
	cmd.WaitDelay = processWaitDelay
	p := &Process{
		URL: "http://127.0.0.1:" + strconv.Itoa(port), Output: &Tail{}, cmd: cmd,
		addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), exited: make(chan struct{}),
	}
	cmd.Stdout, cmd.Stderr = p.Output, p.Output
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.exited)
	}()
	return p, nil
}

// WaitReady waits until the program accepts connections on its port, for at most within; it fails at
// once when the program exits first.
func (p *Process) WaitReady(ctx context.Context, within time.Duration) error {
	return WaitReady(ctx, p.addr, p.exited, within)
}

// Stop ends the program's whole process group: SIGTERM, then SIGKILL after grace. Ending it is not
// an error; a program that had already failed is.
func (p *Process) Stop(grace time.Duration) error {
	select {
	case <-p.exited:
		if p.err != nil {
			return fmt.Errorf("%s had exited: %w: %s", p.cmd.Path, p.err, p.Output)
		}
		return nil
	default:
	}
	_ = signalGroup(p.cmd.Process, syscall.SIGTERM)
	select {
	case <-p.exited:
	case <-time.After(grace):
		_ = signalGroup(p.cmd.Process, syscall.SIGKILL)
		<-p.exited
	}
	return nil
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
