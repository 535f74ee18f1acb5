package mockgraph

import (
	"fmt"
	"time"
)

// The statuses of a teamwork device operation, as the updateSoftware page and the mock spell them.
const (
	StatusQueued     = "queued"
	StatusInProgress = "inProgress"
	StatusSucceeded  = "succeeded"
	StatusFailed     = "failed"
)

// The defaults of a Timeline.
const (
	DefaultQueued  = 2 * time.Second
	DefaultRunning = 3 * time.Second
)

// Timeline is the life of every teamwork device operation the mock creates: queued for Queued after
// it is created, then inProgress for Running, then Outcome for good. The status is computed from the
// Clock on each request; nothing runs in the background.
//
// When QueuedPolls or RunningPolls is set, an operation advances by its polls instead of by time:
// its first QueuedPolls GETs answer queued, the next RunningPolls inProgress, and every later one
// its outcome; Queued and Running are then unused. A client's tests against such a mock see the
// same statuses however slow the machine is.
type Timeline struct {
	// Queued is how long an operation stays queued.
	Queued time.Duration
	// Running is how long it then stays inProgress.
	Running time.Duration
	// QueuedPolls is how many GETs of an operation answer queued, when the timeline counts polls.
	QueuedPolls int
	// RunningPolls is how many GETs then answer inProgress, when the timeline counts polls.
	RunningPolls int
	// Outcome is the terminal status: "succeeded", or "failed", which also sets the operation's error.
	// Empty means "succeeded".
	Outcome string
}

// DefaultTimeline returns the timeline a zero Options.Timeline stands for: 2s queued, 3s inProgress,
// then succeeded.
func DefaultTimeline() Timeline {
	return Timeline{Queued: DefaultQueued, Running: DefaultRunning, Outcome: StatusSucceeded}
}

// normalize fills the defaults and checks the values.
func (t Timeline) normalize() (Timeline, error) {
	if t == (Timeline{}) {
		return DefaultTimeline(), nil
	}
	if t.Outcome == "" {
		t.Outcome = StatusSucceeded
	}
	if t.Outcome != StatusSucceeded && t.Outcome != StatusFailed {
		return Timeline{}, fmt.Errorf("timeline outcome %q is not a terminal status; use %q or %q", t.Outcome, StatusSucceeded, StatusFailed)
	}
	if t.Queued < 0 || t.Running < 0 {
		return Timeline{}, fmt.Errorf("timeline durations must not be negative (queued %s, running %s)", t.Queued, t.Running)
	}
	if t.QueuedPolls < 0 || t.RunningPolls < 0 || t.QueuedPolls > MaxPolls || t.RunningPolls > MaxPolls {
		return Timeline{}, fmt.Errorf("timeline polls must be between 0 and %d (queued %d, running %d)", MaxPolls, t.QueuedPolls, t.RunningPolls)
	}
	return t, nil
}

// MaxPolls bounds Timeline.QueuedPolls and Timeline.RunningPolls.
const MaxPolls = 1000

// countsPolls reports whether operations advance by their polls rather than by time.
func (t Timeline) countsPolls() bool { return t.QueuedPolls > 0 || t.RunningPolls > 0 }

// polled moves op on by one poll at now, when the timeline counts polls, and remembers when it left
// the queue and when it ended.
func (t Timeline) polled(op *operation, now time.Time) {
	if !t.countsPolls() || op.polls > t.QueuedPolls+t.RunningPolls {
		return
	}
	op.polls++
	if op.polls == t.QueuedPolls+1 {
		op.started = now
	}
	if op.polls == t.QueuedPolls+t.RunningPolls+1 {
		op.completed = now
	}
}

// byPolls is the phase of an operation polled polls times, which left the queue at started and
// ended at completed (zero until it did).
func (t Timeline) byPolls(polls int, started, completed time.Time) phase {
	switch {
	case polls <= t.QueuedPolls:
		return phase{status: StatusQueued}
	case polls <= t.QueuedPolls+t.RunningPolls:
		return phase{status: StatusInProgress, started: &started}
	default:
		return phase{status: t.Outcome, started: &started, completed: &completed}
	}
}

// phase is where an operation created at created stands at now.
type phase struct {
	status    string
	started   *time.Time // when it left the queue, once it has
	completed *time.Time // when it became terminal, once it has
}

// terminal reports whether the operation is finished.
func (p phase) terminal() bool { return p.status == StatusSucceeded || p.status == StatusFailed }

// at computes the phase of an operation created at created, seen at now.
func (t Timeline) at(created, now time.Time) phase {
	elapsed := now.Sub(created)
	started := created.Add(t.Queued)
	completed := started.Add(t.Running)
	switch {
	case elapsed < t.Queued:
		return phase{status: StatusQueued}
	case elapsed < t.Queued+t.Running:
		return phase{status: StatusInProgress, started: &started}
	default:
		return phase{status: t.Outcome, started: &started, completed: &completed}
	}
}

// untilNextChange returns how long after now the status of an operation created at created changes
// next, or 0 when it is terminal or the timeline counts polls (the next poll changes it).
func (t Timeline) untilNextChange(created, now time.Time) time.Duration {
	if t.countsPolls() {
		return 0
	}
	elapsed := now.Sub(created)
	switch {
	case elapsed < t.Queued:
		return t.Queued - elapsed
	case elapsed < t.Queued+t.Running:
		return t.Queued + t.Running - elapsed
	default:
		return 0
	}
}
