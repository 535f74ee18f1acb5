// Package upstream sends the proxy's requests to its upstream: plain-HTTP/1.1 ones over a pool of
// keep-alive connections of its own, everything else through net/http's Transport.
package upstream
