package loadbench

import (
	"strings"
	"sync"
)

// tailSize bounds what a Tail keeps.
const tailSize = 4 << 10

// Tail is a writer that keeps about the last 4 KiB written to it: a server's log goes there during
// the load, and its last lines tell why it stopped. It is safe for concurrent use.
type Tail struct {
	mu  sync.Mutex
	buf []byte
}

// Write keeps p, dropping what is older than the last 4 KiB once twice that is held.
func (w *Tail) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	if len(w.buf) > 2*tailSize {
		w.buf = append(w.buf[:0], w.buf[len(w.buf)-tailSize:]...)
	}
	return len(p), nil
}

// String is what is kept, without surrounding space.
func (w *Tail) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.TrimSpace(string(w.buf))
}
