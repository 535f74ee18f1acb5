//go:build linux

package loadbench

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// cpuSetSize is how many CPUs a sched_setaffinity set can name (CPU_SETSIZE).
const cpuSetSize = 1024

// PinnedCPUs are the two CPUs of a pinned run: the first this process may run on, for the server
// under load, and the next it may run on that is another core (not a hyper-thread sibling of the
// first), else simply the next, for the load generator.
func PinnedCPUs() (CPUPair, error) {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		return CPUPair{}, fmt.Errorf("read which CPUs this process may run on: %w", err)
	}
	var cpus []int
	for cpu := 0; cpu < cpuSetSize; cpu++ {
		if set.IsSet(cpu) {
			cpus = append(cpus, cpu)
		}
	}
	if len(cpus) < 2 {
		return CPUPair{}, fmt.Errorf("pinning needs two CPUs and this process may run on %d (run without pinning, or on a bigger machine)", set.Count())
	}
	pair := CPUPair{Server: cpus[0], Load: cpus[1]}
	server, known := coreOf(cpus[0])
	for _, cpu := range cpus[1:] {
		if core, ok := coreOf(cpu); known && ok && core != server {
			pair.Load = cpu
			break
		}
	}
	return pair, nil
}

// coreOf names the physical core a CPU belongs to (its package and core ids), where sysfs tells.
func coreOf(cpu int) (string, bool) {
	dir := filepath.Join("/sys/devices/system/cpu", "cpu"+strconv.Itoa(cpu), "topology")
	pkg, err1 := os.ReadFile(filepath.Join(dir, "physical_package_id"))
	core, err2 := os.ReadFile(filepath.Join(dir, "core_id"))
	if err1 != nil || err2 != nil {
		return "", false
	}
	return strings.TrimSpace(string(pkg)) + "/" + strings.TrimSpace(string(core)), true
}

// PinThisProcess binds every thread of this process to cpu (threads started later inherit it) and
// returns a function that binds every thread back to the CPUs the calling thread could use before.
func PinThisProcess(cpu int) (restore func() error, err error) {
	var before unix.CPUSet
	if err := unix.SchedGetaffinity(0, &before); err != nil {
		return nil, fmt.Errorf("read which CPUs this process may run on: %w", err)
	}
	var only unix.CPUSet
	only.Set(cpu)
	if err := setEveryThread(&only); err != nil {
		return nil, errors.Join(err, setEveryThread(&before))
	}
	return func() error { return setEveryThread(&before) }, nil
}

// maxThreadPasses bounds how many times setEveryThread lists the threads again.
const maxThreadPasses = 100

// setEveryThread sets the affinity of every thread of this process, listing them again until a
// pass finds none it had not set (a thread started meanwhile inherits from one set or not yet), for
// at most maxThreadPasses passes.
func setEveryThread(set *unix.CPUSet) error {
	done := map[int]bool{}
	for range maxThreadPasses {
		tids, err := threads()
		if err != nil {
			return err
		}
		fresh := 0
		for _, tid := range tids {
			if done[tid] {
				continue
			}
			fresh++
			// A thread that ended since the listing is no error.
			if err := unix.SchedSetaffinity(tid, set); err != nil && !errors.Is(err, unix.ESRCH) {
				return fmt.Errorf("bind thread %d to its CPU: %w", tid, err)
			}
			done[tid] = true
		}
		if fresh == 0 {
			return nil
		}
	}
	return fmt.Errorf("this process kept starting threads through %d passes binding them; bound %d", maxThreadPasses, len(done))
}

// threads lists the ids of this process's threads.
func threads() ([]int, error) {
	entries, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return nil, fmt.Errorf("list this process's threads: %w", err)
	}
	tids := make([]int, 0, len(entries))
	for _, e := range entries {
		if tid, err := strconv.Atoi(e.Name()); err == nil {
			tids = append(tids, tid)
		}
	}
	return tids, nil
}

// startOnCPU starts cmd bound to cpu: it is forked from a thread bound to cpu alone, so the program
// and every thread it starts inherit that binding; the binding is then read back from the kernel.
func startOnCPU(cmd *exec.Cmd, cpu int) error {
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		var before unix.CPUSet
		if err := unix.SchedGetaffinity(0, &before); err != nil {
			started <- fmt.Errorf("read which CPUs this thread may run on: %w", err)
			return // still locked: the thread ends with this goroutine
		}
		var only unix.CPUSet
		only.Set(cpu)
		if err := unix.SchedSetaffinity(0, &only); err != nil {
			started <- fmt.Errorf("bind a thread to CPU %d: %w", cpu, err)
			return
		}
		err := cmd.Start()
		// The thread goes back to the scheduler only once it has its CPUs back; else it ends locked.
		if unix.SchedSetaffinity(0, &before) == nil {
			runtime.UnlockOSThread()
		}
		started <- err
	}()
	if err := <-started; err != nil {
		return err
	}
	var got unix.CPUSet
	if err := unix.SchedGetaffinity(cmd.Process.Pid, &got); err != nil || got.Count() != 1 || !got.IsSet(cpu) {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return fmt.Errorf("%s did not start bound to CPU %d alone (%d CPUs allowed): %v", cmd.Path, cpu, got.Count(), err)
	}
	return nil
}
