package mockgraph

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/rules"
)

// maxThrottledClients bounds how many (client, operation) pairs the mock remembers a Retry-After for.
const maxThrottledClients = 10000

// clientKey names who sent r, to tell whether the same client came back too early: its
// client-request-id when it sent one (Microsoft's clients keep it across the retries of a request),
// else its remote IP address and a hash of its Authorization header.
func clientKey(r *http.Request) string {
	if id := strings.TrimSpace(r.Header.Get(HeaderClientRequestID)); id != "" {
		if len(id) > maxClientRequestID { // kept as a hash, so that a remembered client stays small
			sum := sha256.Sum256([]byte(id))
			return "client-request-id sha256 " + hex.EncodeToString(sum[:])
		}
		return "client-request-id " + id
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	sum := sha256.Sum256([]byte(r.Header.Get("Authorization")))
	return "remote " + host + " authorization " + hex.EncodeToString(sum[:8])
}

// throttled is a Retry-After the mock sent one client for one operation.
type throttled struct {
	at         time.Time // when it was answered
	notBefore  time.Time // at + Retry-After
	retryAfter string    // the header as sent
	status     int
}

// retryTracker remembers the Retry-After the mock sent each client for each operation, to record a
// client that comes back earlier. It is safe for concurrent use.
type retryTracker struct {
	mu    sync.Mutex
	waits map[string]throttled // by client key and operation
}

// note remembers that client was told, at now, to wait before sending operation again.
func (t *retryTracker) note(client, operation string, status int, retryAfter string, wait time.Duration, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.waits == nil {
		t.waits = map[string]throttled{}
	}
	if len(t.waits) >= maxThrottledClients {
		for k, w := range t.waits {
			if !now.Before(w.notBefore) {
				delete(t.waits, k)
			}
		}
		if len(t.waits) >= maxThrottledClients {
			return
		}
	}
	t.waits[client+"\x00"+operation] = throttled{at: now, notBefore: now.Add(wait), retryAfter: retryAfter, status: status}
}

// check returns a violation when client sends operation at now, before the Retry-After it was given
// has passed. A request after it ends the wait.
func (t *retryTracker) check(client, operation string, now time.Time) []finding.Finding {
	t.mu.Lock()
	defer t.mu.Unlock()
	k := client + "\x00" + operation
	w, ok := t.waits[k]
	if !ok {
		return nil
	}
	if !now.Before(w.notBefore) {
		delete(t.waits, k)
		return nil
	}
	return []finding.Finding{finding.New(rules.ClientHonoursRetryAfter, operation, 0, "", fmt.Sprintf("the client sent %s again %s after a %d with Retry-After: %s; it must wait at least %s",
		operation, now.Sub(w.at), w.status, w.retryAfter, w.notBefore.Sub(w.at)))}
}

// reset forgets every wait.
func (t *retryTracker) reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.waits = nil
}
