package mockgraph

import "hash/maphash"

// deviceIndex is the seed's Teams devices, found by id without a pointer per device: the ids sit in
// two byte arenas (as seeded, and lower-cased for lookups) and a map of hashes gives each one's
// ordinal. A mock seeded with a million devices thus costs the garbage collector next to nothing
// until devices get operations. It never changes once built, so Reset keeps it.
type deviceIndex struct {
	seed     maphash.Seed
	seeded   []byte            // the ids as seeded, one after another
	lowered  []byte            // the same, lower-cased (key), one after another
	ends     []uint32          // where id i ends in seeded, then in lowered: 2i and 2i+1
	byHash   map[uint64]uint32 // the hash of a lower-cased id to its ordinal
	collided map[string]uint32 // lower-cased ids whose hash an earlier id has; nearly always empty
}

// newDeviceIndex indexes ids, which ParseSeed's rules keep unique case-insensitively.
func newDeviceIndex(ids []string) *deviceIndex {
	x := &deviceIndex{seed: maphash.MakeSeed(), ends: make([]uint32, 0, 2*len(ids)), byHash: make(map[uint64]uint32, len(ids))}
	for i, id := range ids {
		k := key(id)
		x.seeded = append(x.seeded, id...)
		x.lowered = append(x.lowered, k...)
		x.ends = append(x.ends, uint32(len(x.seeded)), uint32(len(x.lowered)))
		h := maphash.String(x.seed, k)
		if _, taken := x.byHash[h]; taken {
			if x.collided == nil {
				x.collided = map[string]uint32{}
			}
			x.collided[k] = uint32(i)
			continue
		}
		x.byHash[h] = uint32(i)
	}
	return x
}

// len is how many devices the seed has.
func (x *deviceIndex) len() int { return len(x.ends) / 2 }

// find is the ordinal of the device of id, whatever its case.
func (x *deviceIndex) find(id string) (uint32, bool) {
	k := key(id)
	if i, ok := x.byHash[maphash.String(x.seed, k)]; ok && string(x.loweredID(i)) == k {
		return i, true
	}
	i, ok := x.collided[k]
	return i, ok
}

// id is the id of device i as seeded.
func (x *deviceIndex) id(i uint32) string {
	start := uint32(0)
	if i > 0 {
		start = x.ends[2*i-2]
	}
	return string(x.seeded[start:x.ends[2*i]])
}

// loweredID is the lower-cased id of device i, in the arena.
func (x *deviceIndex) loweredID(i uint32) []byte {
	start := uint32(0)
	if i > 0 {
		start = x.ends[2*i-1]
	}
	return x.lowered[start:x.ends[2*i+1]]
}
