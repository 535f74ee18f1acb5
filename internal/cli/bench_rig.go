package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"

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
		return benchCommand(ctx, append(args, "--addr", "127.0.0.1:0"), load)
	}
	name := commandName(args)
	port, err := loadbench.FreePort()
	if err != nil {
		return err
	}
	p, err := loadbench.StartProcess(r.program(r.self, append(args, "--addr", "127.0.0.1:"+strconv.Itoa(port)), port))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := p.WaitReady(ctx, benchStartTimeout); err != nil {
		return fmt.Errorf("%s: %w: %s", name, errors.Join(err, p.Stop(benchStopTimeout)), p.Output)
	}
	loadErr := load(p.URL)
	return errors.Join(loadErr, p.StopCleanly(benchStopTimeout))
}

// program is path with args serving on port: bound to the server CPU with GOMAXPROCS=1 when pinned.
func (r benchRig) program(path string, args []string, port int) loadbench.Program {
	p := loadbench.Program{Path: path, Args: args, Port: port}
	if r.pinned {
		p.Pinned, p.CPU, p.Env = true, r.cpus.Server, []string{"GOMAXPROCS=1"}
	}
	return p
}
