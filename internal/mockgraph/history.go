package mockgraph

import "fmt"

// The defaults of History.
const (
	DefaultHistoryPerDevice = 1000
	DefaultHistoryTotal     = 100000
)

// History bounds the teamwork device operations the mock remembers. Past PerDevice operations of a
// device, or Total across every device, the oldest ended operations are forgotten (a GET of one
// then answers 404, and lists no longer show it). A device's latest operation is never forgotten
// while it is queued or in progress, so the 409 of a second update is unaffected.
type History struct {
	// PerDevice is how many operations of one device are kept; 0 means DefaultHistoryPerDevice.
	PerDevice int
	// Total is how many operations are kept across every device; 0 means DefaultHistoryTotal.
	Total int
}

// normalize fills the defaults and checks the values.
func (h History) normalize() (History, error) {
	if h.PerDevice < 0 || h.Total < 0 {
		return History{}, fmt.Errorf("the history limits must not be negative (per device %d, total %d); use 0 for the defaults", h.PerDevice, h.Total)
	}
	if h.PerDevice == 0 {
		h.PerDevice = DefaultHistoryPerDevice
	}
	if h.Total == 0 {
		h.Total = DefaultHistoryTotal
	}
	return h, nil
}

// history is every retained operation of the mock, oldest first, as a list linked through the
// operations themselves. The Mock's mutex guards it.
type history struct {
	oldest, newest *operation
	count          int
}

// push appends op, the newest operation.
func (h *history) push(op *operation) {
	op.older, op.newer = h.newest, nil
	if h.newest != nil {
		h.newest.newer = op
	} else {
		h.oldest = op
	}
	h.newest = op
	h.count++
}

// unlink removes op from the list.
func (h *history) unlink(op *operation) {
	if op.older != nil {
		op.older.newer = op.newer
	} else {
		h.oldest = op.newer
	}
	if op.newer != nil {
		op.newer.older = op.older
	} else {
		h.newest = op.older
	}
	op.older, op.newer = nil, nil
	h.count--
}

// remember records op, just created on dev, and forgets the oldest ended operations past the limits.
// ended tells whether an operation has ended. The caller holds the Mock's mutex.
func (s *state) remember(dev *device, op *operation, limits History, ended func(*operation) bool) {
	op.device = dev
	if dev.operations == nil {
		dev.operations = map[string]*operation{}
	}
	dev.operations[key(op.id)] = op
	dev.order = append(dev.order, op)
	dev.latest = op
	s.history.push(op)

	for len(dev.order) > limits.PerDevice && dev.order[0] != dev.latest {
		s.forget(dev.order[0])
	}
	// The oldest operations first; one still running (the latest of its device) is passed over. At
	// most one operation a device runs, so the walk ends.
	for candidate := s.history.oldest; s.history.count > limits.Total && candidate != nil; {
		next := candidate.newer
		if candidate != candidate.device.latest || ended(candidate) {
			s.forget(candidate)
		}
		candidate = next
	}
}

// forget drops op, the oldest retained operation of its device, from the device and the history.
func (s *state) forget(op *operation) {
	dev := op.device
	delete(dev.operations, key(op.id))
	if len(dev.order) > 0 && dev.order[0] == op {
		dev.order[0] = nil
		dev.order = dev.order[1:]
	}
	if dev.latest == op {
		dev.latest = nil
	}
	s.history.unlink(op)
}
