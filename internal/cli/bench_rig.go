package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"time"

	"github.com/graphconform/graphconform/internal/loadbench"
)

// benchRig runs the servers a bench loads. Shared, each runs in this process and shares every CPU with
// the load generator. Pinned, each runs as a program of its own bound to the server CPU alone, while
// this process (the load generator, the proxies' upstream) is bound to the load CPU: the server under
// load gets a CPU that no other part of the bench runs on, as when a server is measured with wrk on the
// other core.
type benchRig struct {
	pinned bool
	cpus   loadbench.CPUPair
	// self is this program, started again as each of graphconform's servers when pinned.
	self string
}

// newBenchRig makes the rig --pin asks for: on fails where pinning cannot be done, auto falls back to
// shared and says why in note.
func newBenchRig(mode string) (rig benchRig, note string, err error) {
	if mode == modeOff {
		return benchRig{}, "", nil
	}
	cpus, err := loadbench.PinnedCPUs()
	var self string
	if err == nil {
		err = canBind(cpus.Load)
	}
	if err == nil {
		self, err = os.Executable()
		if err != nil {
			err = fmt.Errorf("find this program to start its servers: %w", err)
		}
	}
	if err != nil {
		if mode == modeOn {
			return benchRig{}, "", usageError("--pin on: %w", err)
		}
		return benchRig{}, "Not pinned (--pin auto): " + err.Error(), nil
	}
	return benchRig{pinned: true, cpus: cpus, self: self}, "", nil
}

// canBind tells whether this process may bind its threads to cpu (a sandbox may refuse it), by
// binding them and binding them back.
func canBind(cpu int) error {
	restore, err := loadbench.PinThisProcess(cpu)
	if err != nil {
		return err
	}
	return restore()
}

// describe says where the servers and the load generator run, for the report's header.
func (r benchRig) describe() string {
	if !r.pinned {
		return fmt.Sprintf("shared: graphconform's servers under load run in the load generator's process (Prism in its own), on the %d CPU(s) it may use (--pin off, or pinning unavailable)", runtime.NumCPU())
	}
	return "pinned: " + r.cpus.String()
}

// bindLoad binds this process to the load CPU with GOMAXPROCS 1, when pinned; the returned function
// undoes it.
func (r benchRig) bindLoad() (undo func() error, err error) {
	if !r.pinned {
		return func() error { return nil }, nil
	}
	restore, err := loadbench.PinThisProcess(r.cpus.Load)
	if err != nil {
		return nil, fmt.Errorf("bind the load generator to CPU %d: %w (run with --pin off)", r.cpus.Load, err)
	}
	procs := runtime.GOMAXPROCS(1)
	return func() error {
		runtime.GOMAXPROCS(procs)
		return restore()
	}, nil
}

// loadServer runs graphconform with args (a server command that prints its URL and serves until
// SIGTERM; --addr is added), calls load with its base URL once it serves, then stops it and checks
// that it exited 0: for serve --strict and proxy, that no request broke the contract.
func (r benchRig) loadServer(ctx context.Context, args []string, load func(url string) error) error {
	if !r.pinned {
		return benchCommand(ctx, slices.Concat(args, []string{"--addr", "127.0.0.1:0"}), load)
	}
	withAddr := func(port int) []string {
		return slices.Concat(args, []string{"--addr", "127.0.0.1:" + strconv.Itoa(port)})
	}
	if err := r.loadProgram(ctx, r.self, withAddr, benchStartTimeout, true, load); err != nil {
		return fmt.Errorf("%s: %w", commandName(args), err)
	}
	return nil
}

// loadProgram starts path with args(port) on a free loopback port, placed as the rig places servers,
// calls load with its URL once it accepts connections (within ready), and always stops it, its whole
// process group. With clean, the program must also exit 0 when stopped (Process.StopCleanly). A
// program that does not start serving is an errNotServing, with what it printed.
func (r benchRig) loadProgram(ctx context.Context, path string, args func(port int) []string, ready time.Duration, clean bool, load func(url string) error) error {
	port, err := loadbench.FreePort()
	if err != nil {
		return err
	}
	p, err := loadbench.StartProcess(r.program(path, args(port), port))
	if err != nil {
		return fmt.Errorf("%w: %w", errNotServing, err)
	}
	if err := p.WaitReady(ctx, ready); err != nil {
		return fmt.Errorf("%w: %w: %s", errNotServing, errors.Join(err, p.Stop(benchStopTimeout)), p.Output)
	}
	loadErr := load(p.URL)
	stop := p.Stop
	if clean {
		stop = p.StopCleanly
	}
	return errors.Join(loadErr, stop(benchStopTimeout))
}

// program is path with args serving on port: bound to the server CPU with GOMAXPROCS=1 when pinned.
func (r benchRig) program(path string, args []string, port int) loadbench.Program {
	p := loadbench.Program{Path: path, Args: args, Port: port}
	if r.pinned {
		p.Pinned, p.CPU, p.Env = true, r.cpus.Server, []string{"GOMAXPROCS=1"}
	}
	return p
}
