package target

import (
	"context"
	"fmt"
	"sync"
)

// Pool hands out resources one scenario at a time: Acquire waits until enough entries are free.
type Pool[T any] struct {
	name string
	size int

	mu   sync.Mutex
	free []T
	// changed is closed, and replaced, whenever entries come back.
	changed chan struct{}
}

// NewPool returns a pool of the given entries; name appears in errors.
func NewPool[T any](name string, entries []T) *Pool[T] {
	return &Pool[T]{name: name, size: len(entries), free: append([]T(nil), entries...), changed: make(chan struct{})}
}

// Name is the pool's name, as the profile spells it.
func (p *Pool[T]) Name() string { return p.name }

// Size is how many entries the pool holds, free or not.
func (p *Pool[T]) Size() int { return p.size }

// PoolTooSmallError means a scenario needs more entries of a pool than the profile lists: it cannot run
// on this target, and waiting would never help.
type PoolTooSmallError struct {
	Pool       string
	Need, Have int
	// Hint says what the list holds, e.g. "list at least one Teams device id the suite may update".
	Hint string
}

// Error says what the scenario needs and what the profile lists.
func (e *PoolTooSmallError) Error() string {
	if e.Have == 0 {
		hint := e.Hint
		if hint == "" {
			hint = "add entries to run it"
		}
		return fmt.Sprintf("the scenario needs %d of %s; the profile lists none (%s)", e.Need, e.Pool, hint)
	}
	return fmt.Sprintf("the scenario needs %d of %s; the profile lists %d (add entries to run it)", e.Need, e.Pool, e.Have)
}

// Acquire takes one free entry, waiting for one until ctx ends. Call release when done with it.
func (p *Pool[T]) Acquire(ctx context.Context) (entry T, release func(), err error) {
	entries, release, err := p.AcquireN(ctx, 1)
	if err != nil {
		return entry, nil, err
	}
	return entries[0], release, nil
}

// AcquireN takes n free entries at once, waiting until ctx ends for them to be free. Taking them at once
// is what keeps two scenarios that each need two entries from holding one each and waiting forever.
// A pool smaller than n fails at once with a *PoolTooSmallError.
func (p *Pool[T]) AcquireN(ctx context.Context, n int) (entries []T, release func(), err error) {
	if n > p.size {
		return nil, nil, &PoolTooSmallError{Pool: p.name, Need: n, Have: p.size}
	}
	for {
		p.mu.Lock()
		if len(p.free) >= n {
			entries = append([]T(nil), p.free[:n]...)
			p.free = append(p.free[:0:0], p.free[n:]...)
			p.mu.Unlock()
			var once sync.Once
			return entries, func() { once.Do(func() { p.put(entries) }) }, nil
		}
		changed := p.changed
		p.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, nil, fmt.Errorf("wait for %d free %s (other scenarios hold them): %w", n, p.name, context.Cause(ctx))
		}
	}
}

func (p *Pool[T]) put(entries []T) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.free = append(p.free, entries...)
	close(p.changed)
	p.changed = make(chan struct{})
}
