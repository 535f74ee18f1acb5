package mockgraph

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
)

// rateWindow is the window of a rate budget.
const rateWindow = time.Second

// ParseRate reads a rate budget written "N/s" (or just "N"): at most N requests a second. "" and "0"
// mean no budget.
func ParseRate(s string) (int, error) {
	text := strings.TrimSpace(s)
	if text == "" {
		return 0, nil
	}
	text = strings.TrimSuffix(text, "/s")
	n, err := strconv.Atoi(text)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("rate %q: write it as requests per second, e.g. \"10/s\"", s)
	}
	return n, nil
}

// rateBudget lets at most perSecond requests through in any window of one second, by the mock's
// clock, across every client and operation; the others are throttled. It is safe for concurrent use.
type rateBudget struct {
	mu        sync.Mutex
	perSecond int         // 0: no budget
	admitted  []time.Time // when the requests of the current window were let through, oldest first
}

// admit lets a request arriving at now through, or says how long until one would be.
func (b *rateBudget) admit(now time.Time) (wait time.Duration, ok bool) {
	if b.perSecond <= 0 {
		return 0, true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	drop := 0
	for drop < len(b.admitted) && !b.admitted[drop].After(now.Add(-rateWindow)) {
		drop++
	}
	b.admitted = b.admitted[drop:]
	if len(b.admitted) < b.perSecond {
		b.admitted = append(b.admitted, now)
		return 0, true
	}
	return b.admitted[0].Add(rateWindow).Sub(now), false
}

// reset forgets the requests let through.
func (b *rateBudget) reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.admitted = nil
}

// wholeSeconds writes a wait as Retry-After seconds: rounded up, at least 1.
func wholeSeconds(d time.Duration) string {
	seconds := int64(math.Ceil(d.Seconds()))
	if seconds < 1 {
		seconds = 1
	}
	return strconv.FormatInt(seconds, 10)
}
