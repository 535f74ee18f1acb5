package target

import (
	"context"
	"fmt"
	"sync"
)

// Sharing is offered by the controls of a mock that scenarios share (a served mock): a scenario that
// changes how the mock answers — a fault rule — holds it alone, so no other scenario meets the fault
// and none of theirs changes its answers.
type Sharing interface {
	// Hold takes the mock for a scenario, alone when exclusive, beside others otherwise, waiting
	// until ctx ends; release gives it back.
	Hold(ctx context.Context, exclusive bool) (release func(), err error)
}

// gate is a readers-writer lock whose waits end with their context; a waiting writer goes before
// readers that come after it, so a scenario that needs the mock alone is not starved.
type gate struct {
	mu             sync.Mutex
	readers        int
	writer         bool
	waitingWriters int
	changed        chan struct{} // closed, and replaced, whenever the lock is released
}

// Hold takes the gate.
func (g *gate) Hold(ctx context.Context, exclusive bool) (func(), error) {
	waiting := false
	for {
		g.mu.Lock()
		if g.changed == nil {
			g.changed = make(chan struct{})
		}
		free := !g.writer && g.readers == 0
		if !exclusive {
			free = !g.writer && g.waitingWriters == 0
		}
		if free {
			if exclusive {
				g.writer = true
				if waiting {
					g.waitingWriters--
				}
			} else {
				g.readers++
			}
			g.mu.Unlock()
			var once sync.Once
			return func() { once.Do(func() { g.release(exclusive) }) }, nil
		}
		if exclusive && !waiting {
			waiting = true
			g.waitingWriters++
		}
		changed := g.changed
		g.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			if waiting {
				g.mu.Lock()
				g.waitingWriters--
				g.signal()
				g.mu.Unlock()
			}
			return nil, fmt.Errorf("wait for the shared mock (a scenario that sets fault rules holds it alone): %w", ctx.Err())
		}
	}
}

func (g *gate) release(exclusive bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if exclusive {
		g.writer = false
	} else {
		g.readers--
	}
	g.signal()
}

// signal wakes every waiter; the caller holds g.mu.
func (g *gate) signal() {
	if g.changed != nil {
		close(g.changed)
	}
	g.changed = make(chan struct{})
}
