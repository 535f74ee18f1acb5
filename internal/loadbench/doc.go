// Package loadbench measures graphconform's servers under load on loopback: a bare net/http server
// doing the same JSON decode and encode as the mock (the baseline), and whatever servers the caller
// starts (serve --strict, proxy). A fixed number of workers send one operation's request over and
// over, each run bounded by a duration and a hard request cap; the report gives req/s, p50/p99
// latency and each server's ratio against the bare one beside its target.
package loadbench
