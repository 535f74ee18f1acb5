package rules

import (
	"fmt"
	"iter"
	"slices"
)

// catalogue holds the declared rules in declaration order; byName indexes it.
var (
	catalogue []Rule
	byName    = map[string]int{}
)

// declare adds a rule named name to the catalogue and returns its ID. It panics on a repeated name,
// so a duplicate stops every test of every package at start.
func declare(name string, r Rule) ID {
	if _, dup := byName[name]; dup {
		panic(fmt.Sprintf("rule %q is declared twice in the catalogue", name))
	}
	r.ID = ID{name: name}
	byName[name] = len(catalogue)
	catalogue = append(catalogue, r)
	return r.ID
}

// All returns every rule of the catalogue, in the order reports list them.
func All() []Rule {
	return slices.Clone(catalogue)
}

// ExchangeRules yields the rules that run on every exchange (those with a Check) that apply to operation.
func ExchangeRules(operation string) iter.Seq[Rule] {
	return func(yield func(Rule) bool) {
		for i := range catalogue {
			// Read in place: a proxy asks on every exchange, and copies only the rules that apply.
			if r := &catalogue[i]; r.Check != nil && r.Applies(operation) && !yield(*r) {
				return
			}
		}
	}
}

// Lookup finds a rule by its name; ok is false when the catalogue holds none of that name.
func Lookup(name string) (r Rule, ok bool) {
	i, ok := byName[name]
	if !ok {
		return Rule{}, false
	}
	return catalogue[i], true
}

// Of returns the rule id names. Every ID comes from the catalogue, so it always finds one; the zero
// ID gives the zero Rule.
func Of(id ID) Rule {
	r, _ := Lookup(id.name)
	return r
}
