package target

import (
	"context"
	"fmt"
)

// Pool hands out resources one scenario at a time: Acquire waits until an entry is free.
type Pool[T any] struct {
	name string
	free chan T
}

// NewPool returns a pool of the given entries; name appears in errors.
func NewPool[T any](name string, entries []T) *Pool[T] {
	free := make(chan T, len(entries))
	for _, e := range entries {
		free <- e
	}
	return &Pool[T]{name: name, free: free}
}

// Acquire takes a free entry, waiting for one until ctx ends. Call release when done with it.
func (p *Pool[T]) Acquire(ctx context.Context) (entry T, release func(), err error) {
	if cap(p.free) == 0 {
		return entry, nil, fmt.Errorf("the profile lists no %s", p.name)
	}
	select {
	case e := <-p.free:
		return e, func() { p.free <- e }, nil
	case <-ctx.Done():
		return entry, nil, fmt.Errorf("wait for a free entry of %s: %w", p.name, ctx.Err())
	}
}
