//go:build linux

package loadbench_test

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"github.com/graphconform/graphconform/internal/loadbench"
)

// allowedCPUs is the Cpus_allowed_list line of a /proc/…/status file.
var allowedCPUs = regexp.MustCompile(`(?m)^Cpus_allowed_list:\s*(\S+)$`)

// pinnableCPUs is the pair of CPUs a pinned run would use; a machine with one CPU cannot pin.
func pinnableCPUs(t *testing.T) loadbench.CPUPair {
	t.Helper()
	cpus, err := loadbench.PinnedCPUs()
	if err != nil {
		t.Skipf("no pinned run here: %v", err)
	}
	return cpus
}

func TestAPinnedProgramAndWhatItStartsRunOnItsCPUAlone(t *testing.T) {
	cpus := pinnableCPUs(t)
	before := threadBindings(t)
	for _, cpu := range []int{cpus.Server, cpus.Load} {
		t.Run("CPU "+strconv.Itoa(cpu), func(t *testing.T) {
			// The program prints its own binding and its child's, then waits to be stopped.
			script := `grep Cpus_allowed_list /proc/self/status; sh -c 'grep Cpus_allowed_list /proc/self/status'; exec sleep 60`
			p, err := loadbench.StartProcess(loadbench.Program{Path: "sh", Args: []string{"-c", script}, Port: 1, Pinned: true, CPU: cpu})
			require.NoError(t, err)
			defer func() { _ = p.Stop(time.Second) }()
			require.Eventually(t, func() bool { return len(allowedCPUs.FindAllString(p.Output.String(), -1)) == 2 },
				10*time.Second, 10*time.Millisecond, "the program printed both bindings")
			for _, m := range allowedCPUs.FindAllStringSubmatch(p.Output.String(), -1) {
				assert.Equal(t, strconv.Itoa(cpu), m[1], "bound to CPU %d alone", cpu)
			}
		})
	}
	for tid, list := range threadBindings(t) {
		if was, ok := before[tid]; ok {
			assert.Equal(t, was, list, "thread %s of this process kept its CPUs", tid)
		}
	}
}

func TestPinningThisProcessBindsEveryThreadUntilRestored(t *testing.T) {
	cpus := pinnableCPUs(t)
	// What the calling thread may use is what restore gives every thread back.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	before := threadBindings(t)[strconv.Itoa(unix.Gettid())]
	restore, err := loadbench.PinThisProcess(cpus.Load)
	require.NoError(t, err)
	// A thread started after pinning inherits the binding.
	started := make(chan struct{})
	release := make(chan struct{})
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		close(started)
		<-release
	}()
	<-started
	for tid, list := range threadBindings(t) {
		assert.Equal(t, strconv.Itoa(cpus.Load), list, "thread %s is bound to the load CPU", tid)
	}
	close(release)
	require.NoError(t, restore())
	for tid, list := range threadBindings(t) {
		assert.Equal(t, before, list, "thread %s has the CPUs back", tid)
	}
}

// threadBindings maps each thread of this process to its Cpus_allowed_list.
func threadBindings(t *testing.T) map[string]string {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/task")
	require.NoError(t, err)
	out := map[string]string{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("/proc/self/task", e.Name(), "status"))
		if err != nil {
			continue // the thread ended
		}
		if m := allowedCPUs.FindSubmatch(data); m != nil {
			out[e.Name()] = string(m[1])
		}
	}
	require.NotEmpty(t, out)
	return out
}
