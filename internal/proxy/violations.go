package proxy

import (
	"sync"

	"github.com/graphconform/graphconform/internal/gate"
)

// MaxViolations bounds how many violations a Proxy keeps; later ones are only counted.
const MaxViolations = 10000

// maxViolationBody bounds each body a kept violation's exchange holds.
const maxViolationBody = 64 << 10

// ViolationReport is what GET /_graphconform/violations answers.
type ViolationReport struct {
	// Count is how many violations were recorded, including dropped ones; Errors how many of them
	// broke a rule of level error (the others only warn).
	Count  int `json:"count"`
	Errors int `json:"errors"`
	// Dropped is how many were only counted because MaxViolations were already kept.
	Dropped int `json:"dropped"`
	// Violations are the kept ones, oldest first.
	Violations []gate.Violation `json:"violations"`
}

// violationLog keeps the violations of a Proxy. It is safe for concurrent use.
type violationLog struct {
	mu      sync.Mutex
	kept    []gate.Violation
	errors  int
	dropped int
}

func (l *violationLog) add(v gate.Violation) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if v.Errors() {
		l.errors++
	}
	if len(l.kept) >= MaxViolations {
		l.dropped++
		return
	}
	l.kept = append(l.kept, v)
}

func (l *violationLog) report() ViolationReport {
	l.mu.Lock()
	defer l.mu.Unlock()
	kept := make([]gate.Violation, len(l.kept))
	copy(kept, l.kept)
	return ViolationReport{Count: len(kept) + l.dropped, Errors: l.errors, Dropped: l.dropped, Violations: kept}
}
