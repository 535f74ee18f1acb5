// Package mockgraph is a stateful mock of the Microsoft Graph operations graphconform checks, served as
// an http.Handler below the version prefixes /beta and /v1.0.
//
// It routes and validates requests with the same OpenAPI description the harness checks responses
// against (internal/contract), answers with Graph's error body, headers and content types, keeps the
// state the operations change (teamwork device operations, windowsUpdateState objects) and derives the
// status of a long-running operation from a Clock and a Timeline, so tests drive time with a FakeClock
// instead of sleeping. It knows nothing of the harness that talks to it.
//
// Beyond the description it
//   - checks a JWT bearer's scp and roles against each operation's x-ms-permissions (403 when none
//     matches); an opaque token may do everything, and AuthOff needs no token (MintToken makes tokens);
//   - applies deterministic fault rules (429, 503 or 504 with Retry-After, latency, an operation that
//     ends failed) and a rate budget (Options.Faults, AddFault, Options.RateLimit);
//   - records every request that broke the contract as a Violation, including a client that comes back
//     before the Retry-After it was given (Violations);
//   - serves control endpoints below ControlPrefix (/_graphconform/) to reset it, dump its state,
//     advance a fake clock, manage fault rules and read the violations;
//   - lists a device's operations (GET /beta/teamwork/devices/{id}/operations, OpListOperations) with
//     $top and @odata.nextLink paging.
//
// LogRequests logs each request with log/slog, and SelfSignedCertificate makes the certificate of an
// HTTPS mock; 'graphconform serve' puts them together.
package mockgraph
