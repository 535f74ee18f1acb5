package mockgraph

import (
	"fmt"
	"sync"
)

// FaultRule is a fault rule as the mock holds it: its id, the rule, and how many more requests (or
// created operations) it applies to. A rule whose Remaining is 0 is spent and stays listed.
type FaultRule struct {
	// ID names the rule: "f1", "f2", … in the order the rules were added.
	ID string `json:"id"`
	Fault
	// Remaining is how many more times the rule applies.
	Remaining int `json:"remaining"`
}

// faultSet holds a Mock's fault rules. It is safe for concurrent use.
type faultSet struct {
	mu    sync.Mutex
	next  int
	rules []*FaultRule
}

// add stores the rules, each checked and normalized; on an error none is stored.
func (s *faultSet) add(faults ...Fault) ([]FaultRule, error) {
	normalized := make([]Fault, 0, len(faults))
	for i, f := range faults {
		n, err := f.normalize()
		if err != nil {
			if len(faults) > 1 {
				return nil, fmt.Errorf("fault rule %d: %w", i, err)
			}
			return nil, err
		}
		normalized = append(normalized, n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.rules)+len(normalized) > MaxFaults {
		return nil, fmt.Errorf("the mock holds %d fault rules and takes at most %d; DELETE /_graphconform/faults (or POST /_graphconform/reset) first", len(s.rules), MaxFaults)
	}
	added := make([]FaultRule, 0, len(normalized))
	for _, f := range normalized {
		s.next++
		rule := &FaultRule{ID: fmt.Sprintf("f%d", s.next), Fault: f, Remaining: f.Count}
		s.rules = append(s.rules, rule)
		added = append(added, *rule)
	}
	return added, nil
}

// list returns a copy of the rules, in the order they were added.
func (s *faultSet) list() []FaultRule {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]FaultRule, 0, len(s.rules))
	for _, r := range s.rules {
		out = append(out, *r)
	}
	return out
}

// clear removes every rule; ids go on counting.
func (s *faultSet) clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rules = nil
}

// takeRequestFault spends one application of the first unspent status or latency rule that matches
// operation, and returns it.
func (s *faultSet) takeRequestFault(operation string) (FaultRule, bool) {
	return s.take(func(r *FaultRule) bool {
		return !r.FailOperation && (r.Operation == AnyOperation || r.Operation == operation)
	})
}

// takeFailOperation spends one application of the first unspent failOperation rule, and returns it.
func (s *faultSet) takeFailOperation() (FaultRule, bool) {
	return s.take(func(r *FaultRule) bool { return r.FailOperation })
}

// take spends one application of the first unspent rule that matches.
func (s *faultSet) take(matches func(*FaultRule) bool) (FaultRule, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.rules {
		if r.Remaining > 0 && matches(r) {
			r.Remaining--
			return *r, true
		}
	}
	return FaultRule{}, false
}

// AddFault adds fault rules to the mock, after those it holds; the first unspent rule that matches a
// request applies to it. It fails, adding none, when a rule is invalid (the error says what to fix).
func (m *Mock) AddFault(faults ...Fault) ([]FaultRule, error) {
	return m.faults.add(faults...)
}

// Faults returns the mock's fault rules, spent ones included, in the order they were added.
func (m *Mock) Faults() []FaultRule {
	return m.faults.list()
}

// ClearFaults removes every fault rule.
func (m *Mock) ClearFaults() {
	m.faults.clear()
}
