package mockgraph

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/graphconform/graphconform/internal/guid"
)

// BenchmarkRetainedOperation measures what the mock's state holds per operation it remembers, at 1 k
// and 1 M operations (one per device): the metric retained-B/op should stay at most 1 KiB. And the
// 409 check, which looks at a device's latest operation only, whatever its history.
func BenchmarkRetainedOperation(b *testing.B) {
	caller := callerOf([]byte(`{"scp":"TeamworkDevice.ReadWrite.All","oid":"5b649834-7412-4cce-9e69-176e95a394f5","name":"Adele Vance"}`))
	for _, n := range []int{1_000, 1_000_000} {
		b.Run(fmt.Sprintf("operations=%d", n), func(b *testing.B) {
			for b.Loop() {
				seed := Seed{}
				for i := range n {
					seed.TeamworkDevices = append(seed.TeamworkDevices, fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i))
				}
				s := newState(seed)
				limits := History{PerDevice: DefaultHistoryPerDevice, Total: n}
				before := liveHeap()
				created := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
				for i, id := range seed.TeamworkDevices {
					dev, _ := s.device(id, true)
					s.remember(dev, &operation{
						seq: i, id: guid.New(), operationType: operationTypeSoftwareUpdate, created: created,
						createdBy:    callerOf([]byte(`{"scp":"x","oid":"` + caller.User.ID + `","name":"Adele Vance"}`)),
						softwareType: "teamsClient", softwareVersion: "1.0.96.22", outcome: StatusSucceeded,
					}, limits, func(*operation) bool { return true })
				}
				after := liveHeap()
				b.ReportMetric(float64(after-before)/float64(n), "retained-B/op")
				runtime.KeepAlive(s)
			}
		})
	}
}

// BenchmarkConflictCheck is the 409 path of updateSoftware on a device with 1 k and 1 M operations
// in its history: it costs the same.
func BenchmarkConflictCheck(b *testing.B) {
	for _, n := range []int{1_000, 1_000_000} {
		b.Run(fmt.Sprintf("history=%d", n), func(b *testing.B) {
			s := newState(Seed{TeamworkDevices: []string{"d"}})
			dev, _ := s.device("d", true)
			limits := History{PerDevice: n, Total: n}
			created := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
			timeline := DefaultTimeline()
			for i := range n {
				s.remember(dev, &operation{seq: i, id: fmt.Sprint(i), created: created.Add(time.Duration(i) * time.Minute), outcome: StatusSucceeded},
					limits, func(*operation) bool { return true })
			}
			now := created.Add(time.Duration(n-1)*time.Minute + time.Second) // the latest is queued
			for b.Loop() {
				if timeline.at(dev.latest.created, now).terminal() {
					b.Fatal("the latest operation should be running")
				}
			}
		})
	}
}

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
