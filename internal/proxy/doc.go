// Package proxy is a validating reverse proxy in front of any Graph-compatible upstream (real Graph, a
// vendor's endpoint, graphconform's mock). It forwards each request as it came, the Authorization
// header untouched, and checks the request against the spec (the client's side) and the response
// against the spec and Graph's rules (the server's side). What breaks the contract is a
// gate.Violation, logged as it happens and listed at GET /_graphconform/violations; the traffic can be
// recorded as HAR with credentials redacted.
package proxy
