package report

import (
	"sort"
	"time"

	"github.com/graphconform/graphconform/internal/record"
)

// suite is the scenarios of one feature file, as the JUnit and HTML reports list them.
type suite struct {
	URI, Name string
	Scenarios []record.Scenario
}

// suites groups the run's scenarios by feature file, sorted by file; scenarios in file order when the
// report knows the features, by name otherwise (and after the known ones).
func (r Report) suites() []suite {
	features := map[string]Feature{}
	for _, f := range r.Features {
		features[f.URI] = f
	}
	byURI := map[string]*suite{}
	var uris []string
	for _, sc := range r.Run.Scenarios {
		s := byURI[sc.URI]
		if s == nil {
			s = &suite{URI: sc.URI, Name: sc.URI}
			if f, ok := features[sc.URI]; ok && f.Name != "" {
				s.Name = f.Name
			}
			byURI[sc.URI] = s
			uris = append(uris, sc.URI)
		}
		s.Scenarios = append(s.Scenarios, sc)
	}
	sort.Strings(uris)
	out := make([]suite, 0, len(uris))
	for _, uri := range uris {
		s := byURI[uri]
		order := map[string]int{}
		for i, name := range features[uri].Scenarios {
			if _, dup := order[name]; !dup {
				order[name] = i
			}
		}
		rank := func(name string) int {
			if i, ok := order[name]; ok {
				return i
			}
			return len(order)
		}
		sort.SliceStable(s.Scenarios, func(i, j int) bool {
			a, b := s.Scenarios[i], s.Scenarios[j]
			if ra, rb := rank(a.Name), rank(b.Name); ra != rb {
				return ra < rb
			}
			return a.Name < b.Name
		})
		out = append(out, *s)
	}
	return out
}

// scenarioTime is how long a scenario spent talking to the target: from its first request to the end
// of its last response. The record keeps no other clock.
func scenarioTime(sc record.Scenario) time.Duration {
	var first, last time.Time
	for _, ex := range sc.Exchanges {
		if ex.Exchange == nil {
			continue
		}
		start, end := ex.Exchange.Started, ex.Exchange.Started.Add(ex.Exchange.Elapsed)
		if first.IsZero() || start.Before(first) {
			first = start
		}
		if end.After(last) {
			last = end
		}
	}
	if first.IsZero() {
		return 0
	}
	return last.Sub(first)
}
