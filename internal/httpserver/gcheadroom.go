package httpserver

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Bounds of KeepGCHeadroom.
const (
	// GCHeadroom is how much the heap may grow between two collections, at least, however small
	// the live heap.
	GCHeadroom = 64 << 20
	// gcHeadroomInterval is how often the live heap is read again.
	gcHeadroomInterval = time.Second
	// maxGCPercent caps the percent KeepGCHeadroom sets: a tiny live heap grows at most 8×.
	maxGCPercent = 800
)

// liveHeapMetric is the runtime metric of the heap the last collection found live.
const liveHeapMetric = "/gc/heap/live:bytes"

// KeepGCHeadroom lets the heap grow by at least GCHeadroom bytes between garbage collections, until
// the returned function is called: every second it sets the GC percent to max(100, GCHeadroom ÷ live
// heap × 100), at most 800. A server whose live heap is small (the mock of a few devices, the proxy)
// and which allocates on every request then collects several times less often; one whose live heap
// is large (the mock at a million devices) keeps Go's default of 100, and so its memory. The returned
// function stops it and sets back the percent it found. When GOGC is set, the user's choice stands
// and nothing is changed.
func KeepGCHeadroom() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	sample := []metrics.Sample{{Name: liveHeapMetric}}
	percent := func() int {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return 100
		}
		return gcPercentFor(sample[0].Value.Uint64())
	}
	before := debug.SetGCPercent(percent())
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(gcHeadroomInterval)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				debug.SetGCPercent(percent())
			}
		}
	}()
	return func() {
		close(stop)
		<-stopped
		debug.SetGCPercent(before)
	}
}

// gcPercentFor is the GC percent that lets a live heap of live bytes grow by at least GCHeadroom:
// Go's default 100 for a large heap, at most maxGCPercent for a small one.
func gcPercentFor(live uint64) int {
	if live == 0 {
		return maxGCPercent
	}
	percent := GCHeadroom * 100 / live
	return int(min(max(percent, 100), maxGCPercent))
}
