// Package variants is test support: a catalogue of servers to run the whole suite against, to show
// what the harness detects. A broken variant breaks one promise of the docs, which it names by page and
// line; the suite must fail it, in the scenarios and by the rules it names. A faithful variant keeps
// every promise with a habit of real Graph (an absolute Location, OData content-type parameters,
// date-times normalised to UTC, throttling, slow or failed operations, added latency); the suite
// must pass it.
//
// Most variants wrap graphconform's mock (internal/mockgraph) and alter one thing of its answers or of
// the requests it sees; a few are written from scratch. The mock knows nothing of this package, and
// nothing but tests imports it. Matrix turns the outcomes of a run of every variant into the kill
// matrix the README publishes: promise → variant → scenario → rule, and which scenario alone catches
// which variant.
package variants
