package loadbench

import (
	"os"
	"strconv"
	"strings"
)

// CPUTime is the whole machine's CPU time so far, from the "cpu" line of /proc/stat, in clock
// ticks: how much of it the hypervisor gave to other guests (steal) out of all of it.
type CPUTime struct {
	Total, Steal uint64
	// Known is false where /proc/stat cannot be read or has no steal field (not Linux, or an old
	// kernel).
	Known bool
}

// ReadCPUTime reads the machine's CPU time so far.
func ReadCPUTime() CPUTime {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return CPUTime{}
	}
	return parseCPUTime(string(data))
}

// parseCPUTime reads the "cpu" line of /proc/stat's text: user nice system idle iowait irq softirq
// steal guest guest_nice, the guest times being counted within user and nice.
func parseCPUTime(stat string) CPUTime {
	line, _, _ := strings.Cut(stat, "\n")
	fields := strings.Fields(line)
	if len(fields) < 9 || fields[0] != "cpu" {
		return CPUTime{}
	}
	var t CPUTime
	for i, f := range fields[1:9] {
		v, err := strconv.ParseUint(f, 10, 64)
		if err != nil {
			return CPUTime{}
		}
		t.Total += v
		if i == 7 {
			t.Steal = v
		}
	}
	t.Known = true
	return t
}

// StealShare is the share (0 to 1) of the CPU time between before and after that the hypervisor
// took for other guests; known is false when either reading is unknown or no time passed.
func StealShare(before, after CPUTime) (share float64, known bool) {
	if !before.Known || !after.Known || after.Total <= before.Total || after.Steal < before.Steal {
		return 0, false
	}
	return float64(after.Steal-before.Steal) / float64(after.Total-before.Total), true
}
