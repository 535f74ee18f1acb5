package clientrules

// NewBounded is New with small bounds, for tests of what an Observer does when its memories are full:
// remembered waits, pending operations and issued links each, and known operation ids.
func NewBounded(o Options, remembered, known int) *Observer { return newBounded(o, remembered, known) }
