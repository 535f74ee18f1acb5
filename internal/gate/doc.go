// Package gate is what graphconform reports when it gates a client: the violations seen by the mock
// ('serve --strict') or by the validating proxy, each on the side that broke the contract, and the
// command a gate runs with the mock's or the proxy's URL in its environment.
package gate
