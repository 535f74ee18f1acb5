package clientrules

import (
	"hash/maphash"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// maxRemembered bounds each of the things an Observer remembers across every client (waits, pending
// operations, issued links); past it, the least recently added is forgotten.
const maxRemembered = 10000

// maxKnown bounds the operation ids an Observer remembers having given clients, across every client
// and device; past it, the least recently given is forgotten.
const maxKnown = 100000

// forgottenBits is the size of the set of scopes some of whose memory was dropped: 1 Mi bits, 128 KiB,
// made only once something is dropped.
const forgottenBits = 1 << 20

// newMemory is a bounded memory of size entries that drops the least recently added when full and
// tells onEvict (which may be nil) what it dropped. A size below 1 is taken as 1.
func newMemory[K comparable, V any](size int, onEvict simplelru.EvictCallback[K, V]) *simplelru.LRU[K, V] {
	m, err := simplelru.NewLRU(max(size, 1), onEvict)
	if err != nil { // only for a size below 1, excluded above
		panic("clientrules: " + err.Error())
	}
	return m
}

// forgottenSet remembers, with false positives but never false negatives, the scopes (a client's
// device, a client's list of operations) whose memory was partly dropped to stay bounded. An
// Observer does not report what it can no longer tell apart from what it forgot: a missed violation
// is better than a false one.
type forgottenSet struct {
	seed maphash.Seed
	bits []uint64 // nil until a scope is added
}

func newForgottenSet(seed maphash.Seed) forgottenSet { return forgottenSet{seed: seed} }

func (f *forgottenSet) add(scope uint64) {
	if f.bits == nil {
		f.bits = make([]uint64, forgottenBits/64)
	}
	i := scope % forgottenBits
	f.bits[i/64] |= 1 << (i % 64)
}

func (f *forgottenSet) has(scope uint64) bool {
	if f.bits == nil {
		return false
	}
	i := scope % forgottenBits
	return f.bits[i/64]&(1<<(i%64)) != 0
}

// hash is the Observer's hash of the parts of a key, each ended by a NUL.
func hash(seed maphash.Seed, parts ...string) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	for _, p := range parts {
		_, _ = h.WriteString(p) // a maphash.Hash never fails to write
		_ = h.WriteByte(0)
	}
	return h.Sum64()
}
