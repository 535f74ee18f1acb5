package mockgraph

import (
	"strings"
	"time"
)

// state is everything the mock knows and changes. The Mock's mutex guards it.
type state struct {
	nextSeq        int                       // the sequence number of the next operation created
	index          *deviceIndex              // the seed's devices
	devices        map[uint32]*device        // the devices that had an operation, by ordinal in index
	users          map[string]*user          // by lower-cased id and by lower-cased userPrincipalName
	configurations map[string]*configuration // by lower-cased id
	history        history                   // every retained operation, oldest first
}

// device is a Teams device and the operations run on it.
type device struct {
	id         string
	operations map[string]*operation // by lower-cased id; nil until the first operation
	order      []*operation          // in the order they were created
	latest     *operation            // the last one created; only it can still be running
}

// operation is a teamworkDeviceOperation. Its status is not stored: the Timeline derives it from
// created and the Clock, or from its polls when the Timeline counts them.
type operation struct {
	seq             int // orders the operations of the mock: later ones have larger numbers
	id              string
	operationType   string
	created         time.Time
	createdBy       identitySet
	softwareType    string
	softwareVersion string
	outcome         string    // the terminal status: the timeline's, or failed by a fault rule
	failedBy        string    // the id of the failOperation fault rule that set outcome, if one did
	polls           int       // the GETs of it, when the Timeline counts polls
	started         time.Time // when a poll took it out of the queue, when the Timeline counts polls
	completed       time.Time // when a poll ended it, when the Timeline counts polls

	device       *device    // the device it runs on
	older, newer *operation // its neighbours in the state's history
}

// user is a user and the ids of their personal-scope app installations.
type user struct {
	id            string
	installations map[string]bool // by id, as sent: installation ids are case-sensitive
}

// configuration is a windowsUpdateForBusinessConfiguration and its deviceUpdateStates.
type configuration struct {
	id     string
	states map[string]map[string]any // by lower-cased id; values are strings or nil
}

// newState builds the mock's state from a seed (already validated by ParseSeed's rules), copying
// everything so the caller's seed stays its own.
func newState(seed Seed) *state { return newStateOn(newDeviceIndex(seed.TeamworkDevices), seed) }

// newStateOn is newState with the seed's devices indexed already; seed.TeamworkDevices is not read.
func newStateOn(index *deviceIndex, seed Seed) *state {
	s := &state{
		index:          index,
		devices:        map[uint32]*device{},
		users:          map[string]*user{},
		configurations: map[string]*configuration{},
	}
	for _, u := range seed.Users {
		stored := &user{id: u.ID, installations: map[string]bool{}}
		for _, app := range u.InstalledApps {
			stored.installations[app] = true
		}
		s.users[key(u.ID)] = stored
		if u.UserPrincipalName != "" {
			s.users[key(u.UserPrincipalName)] = stored
		}
	}
	for _, c := range seed.DeviceConfigurations {
		stored := &configuration{id: c.ID, states: map[string]map[string]any{}}
		for _, st := range c.WindowsUpdateStates {
			copied := make(map[string]any, len(st))
			for k, v := range st {
				if k == "@odata.type" {
					continue
				}
				copied[k] = v
			}
			id, _ := copied["id"].(string)
			stored.states[key(id)] = copied
		}
		s.configurations[key(c.ID)] = stored
	}
	return s
}

// device finds the device of id, whatever its case. A device that never had an operation is made
// afresh; keep records it, for a caller that is about to give it one.
func (s *state) device(id string, keep bool) (*device, bool) {
	i, ok := s.index.find(id)
	if !ok {
		return nil, false
	}
	if dev, ok := s.devices[i]; ok {
		return dev, true
	}
	dev := &device{id: s.index.id(i)}
	if keep {
		s.devices[i] = dev
	}
	return dev, true
}

// key is how ids are looked up: Graph's GUIDs and user principal names are case-insensitive.
func key(id string) string { return strings.ToLower(id) }
