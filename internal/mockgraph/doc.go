// Package mockgraph is a stateful mock of the Microsoft Graph operations graphconform checks, served as
// an http.Handler below the version prefixes /beta and /v1.0.
//
// It routes and validates requests with the same OpenAPI description the harness checks responses
// against (internal/contract), answers with Graph's error body, headers and content types, keeps the
// state the operations change (teamwork device operations, windowsUpdateState objects) and derives the
// status of a long-running operation from a Clock and a Timeline, so tests drive time with a FakeClock
// instead of sleeping. It knows nothing of the harness that talks to it.
package mockgraph
