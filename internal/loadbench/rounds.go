package loadbench

import (
	"slices"
)

// Rounds gathers the cases of a run in which every server is loaded once per round, and gives each
// case's median round.
type Rounds struct {
	order []caseKey
	seen  map[caseKey][]Case
}

// caseKey names a case across rounds: its server and operation.
type caseKey struct{ server, operation string }

// Add records one round of a case.
func (r *Rounds) Add(c Case) {
	if r.seen == nil {
		r.seen = map[caseKey][]Case{}
	}
	key := caseKey{c.Server, c.Operation.Name}
	if _, ok := r.seen[key]; !ok {
		r.order = append(r.order, key)
	}
	r.seen[key] = append(r.seen[key], c)
}

// Medians is each case, in the order first added, as its median round by req/s (the lower of the
// two middle ones for an even count), whose request counts and latencies are reported whole. A case
// with a round not all answered 2xx is that round instead: a failure is never hidden by a median.
func (r *Rounds) Medians() []Case {
	out := make([]Case, 0, len(r.order))
	for _, key := range r.order {
		out = append(out, median(r.seen[key]))
	}
	return out
}

// median is the failed round of cases if there is one, else the median round by req/s.
func median(cases []Case) Case {
	for _, c := range cases {
		if !c.Result.AllOK() {
			return c
		}
	}
	sorted := slices.Clone(cases)
	slices.SortStableFunc(sorted, func(a, b Case) int {
		switch x, y := a.Result.PerSecond(), b.Result.PerSecond(); {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	})
	return sorted[(len(sorted)-1)/2]
}
