package target

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

// Resource is a kind of resource scenarios take one of at a time from a pool: listed under Key in a
// profile, or named by the embedded mock's seed. Each API declares the resources its scenarios use;
// the target knows nothing of them beyond this.
type Resource[T any] struct {
	// Key is the profile's key of the list, e.g. "teamworkDevices".
	Key string
	// Need says what the list holds, for the skip of a scenario the list is too short for, e.g. "list
	// at least one Teams device id the suite may update".
	Need string
	// Check reports what an entry lacks; nil accepts every entry.
	Check func(T) error
	// Seeded returns the entries of the embedded mock's seed; nil means the mock has none.
	Seeded func(mockgraph.Seed) []T
}

// ResourceKind is a Resource of any entry type, as profiles and targets handle it.
type ResourceKind interface {
	// ResourceKey is the profile's key of the list.
	ResourceKey() string
	// check reports every problem of the profile's list at once.
	check(p Profile) []error
	// poolFromProfile makes the pool of the profile's list.
	poolFromProfile(p Profile) (any, error)
	// poolFromSeed makes the pool of the seed's entries.
	poolFromSeed(seed mockgraph.Seed) any
	// seededNode is the seed's entries as a profile lists them.
	seededNode(seed mockgraph.Seed) (yaml.Node, error)
}

// ResourceKey returns r.Key.
func (r *Resource[T]) ResourceKey() string { return r.Key }

// Acquire takes a free entry from the session's pool of r, waiting for one until ctx ends. Call
// release when done with it.
func (r *Resource[T]) Acquire(ctx context.Context, s *Session) (entry T, release func(), err error) {
	pool, err := r.pool(s)
	if err != nil {
		return entry, nil, err
	}
	entry, release, err = pool.Acquire(ctx)
	return entry, release, r.hint(err)
}

// AcquireN takes n free entries at once from the session's pool of r (see Pool.AcquireN). A pool
// smaller than n fails at once with a *PoolTooSmallError.
func (r *Resource[T]) AcquireN(ctx context.Context, s *Session, n int) (entries []T, release func(), err error) {
	pool, err := r.pool(s)
	if err != nil {
		return nil, nil, err
	}
	entries, release, err = pool.AcquireN(ctx, n)
	return entries, release, r.hint(err)
}

// hint adds what the list holds to a pool too small.
func (r *Resource[T]) hint(err error) error {
	var tooSmall *PoolTooSmallError
	if errors.As(err, &tooSmall) {
		tooSmall.Hint = r.Need
	}
	return err
}

// pool returns the session's pool of r.
func (r *Resource[T]) pool(s *Session) (*Pool[T], error) {
	if s == nil || s.pools == nil {
		return nil, fmt.Errorf("the session has no pools to take %s from: open it with a Target", r.Key)
	}
	p, err := s.pools(r)
	if err != nil {
		return nil, err
	}
	pool, ok := p.(*Pool[T])
	if !ok {
		return nil, fmt.Errorf("two resources are named %q with different entries; give each its own key", r.Key)
	}
	return pool, nil
}

// entries decodes the profile's list strictly: a key an entry does not have is an error.
func (r *Resource[T]) entries(p Profile) ([]T, error) {
	node, ok := p.Resources[r.Key]
	if !ok {
		return nil, nil
	}
	raw, err := yaml.Marshal(&node)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.Key, err)
	}
	var list []T
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&list); err != nil {
		return nil, fmt.Errorf("%s: %w", r.Key, err)
	}
	return list, nil
}

func (r *Resource[T]) check(p Profile) []error {
	list, err := r.entries(p)
	if err != nil {
		return []error{err}
	}
	// An empty or missing list is no error: the scenarios that need it are skipped, saying so.
	var errs []error
	if r.Check != nil {
		for i, e := range list {
			if err := r.Check(e); err != nil {
				errs = append(errs, fmt.Errorf("%s[%d]: %w", r.Key, i, err))
			}
		}
	}
	return errs
}

func (r *Resource[T]) poolFromProfile(p Profile) (any, error) {
	list, err := r.entries(p)
	if err != nil {
		return nil, err
	}
	return NewPool(r.Key, list), nil
}

func (r *Resource[T]) poolFromSeed(seed mockgraph.Seed) any {
	var list []T
	if r.Seeded != nil {
		list = r.Seeded(seed)
	}
	return NewPool(r.Key, list)
}

func (r *Resource[T]) seededNode(seed mockgraph.Seed) (yaml.Node, error) {
	var node yaml.Node
	var list []T
	if r.Seeded != nil {
		list = r.Seeded(seed)
	}
	err := node.Encode(list)
	return node, err
}

// ProfileFromSeed is a profile naming every resource of the kinds the embedded mock's seed holds.
func ProfileFromSeed(seed mockgraph.Seed, kinds []ResourceKind) (Profile, error) {
	p := Profile{Name: "embedded mock", AllowMutations: true, Resources: map[string]yaml.Node{}}
	for _, k := range kinds {
		node, err := k.seededNode(seed)
		if err != nil {
			return Profile{}, fmt.Errorf("list the seed's %s: %w", k.ResourceKey(), err)
		}
		p.Resources[k.ResourceKey()] = node
	}
	return p, nil
}

// poolCache makes each kind's pool once, on first use. It is safe for concurrent use.
type poolCache struct {
	make  func(ResourceKind) (any, error)
	mu    sync.Mutex
	pools map[string]any
}

func (c *poolCache) pool(kind ResourceKind) (any, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.pools[kind.ResourceKey()]; ok {
		return p, nil
	}
	p, err := c.make(kind)
	if err != nil {
		return nil, err
	}
	if c.pools == nil {
		c.pools = map[string]any{}
	}
	c.pools[kind.ResourceKey()] = p
	return p, nil
}
