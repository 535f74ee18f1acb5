package upstream

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// aLongTimeAgo is a deadline that has passed: setting it cuts what a connection is waiting for.
var aLongTimeAgo = time.Unix(1, 0)

// conn is one keep-alive connection to an upstream, used by one request at a time.
type conn struct {
	t         *Transport
	host      string
	nc        net.Conn
	r         *bufio.Reader // reads through the conn, so that a response header is bounded
	w         *bufio.Writer // writes through the conn, so that what was written is counted
	idleSince time.Time
	idleTimer *time.Timer // closes the connection when it stays idle past the idle timeout
	// written counts the bytes of the request under way that reached the connection, wroteAll tells
	// whether all of it did, answered whether any byte of its answer came. They decide whether a
	// failed request may be sent again.
	written  int
	wroteAll bool
	answered bool
	// headerBudget, while positive, is how many more bytes reading a response header may take.
	headerBudget int64
	bounded      bool
}

// Write counts what the request writer hands to the connection.
func (c *conn) Write(p []byte) (int, error) {
	n, err := c.nc.Write(p)
	c.written += n
	return n, err
}

// errHeaderTooLarge is a response header beyond the transport's bound.
var errHeaderTooLarge = errors.New("the upstream's response header is larger than the transport's limit")

// Read reads from the connection, within the header budget while a header is read.
func (c *conn) Read(p []byte) (int, error) {
	if !c.bounded {
		return c.nc.Read(p)
	}
	if c.headerBudget <= 0 {
		return 0, errHeaderTooLarge
	}
	if int64(len(p)) > c.headerBudget {
		p = p[:c.headerBudget]
	}
	n, err := c.nc.Read(p)
	c.headerBudget -= int64(n)
	return n, err
}

// roundTrip writes req and reads its response's header within headerTimeout (when positive) from
// the end of the request, and within req's context; the response's body returns the connection to
// the pool once read to its end.
func (c *conn) roundTrip(req *http.Request, headerTimeout time.Duration) (*http.Response, error) {
	c.written, c.wroteAll, c.answered = 0, false, false
	ctx := req.Context()
	stop := context.AfterFunc(ctx, func() { _ = c.nc.SetDeadline(aLongTimeAgo) })
	fail := func(err error) (*http.Response, error) {
		stop()
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, fmt.Errorf("send the request upstream: %w", ctxErr)
		}
		return nil, err
	}
	// A connection from the pool has no deadline; the context's end sets one that has passed.
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	err := req.Write(c.w)
	if err == nil {
		err = c.w.Flush()
	}
	if err != nil {
		if resp := c.earlyAnswer(req); resp != nil {
			return c.deliver(resp, ctx, stop, false), nil
		}
		return fail(fmt.Errorf("send the request to the upstream %s: %w", c.host, err))
	}
	c.wroteAll = true
	// The header timeout counts from the end of the request, body included, as http.Transport's: a
	// slow upload is bounded by the context alone.
	if headerTimeout > 0 {
		if err := c.nc.SetReadDeadline(time.Now().Add(headerTimeout)); err != nil {
			return fail(fmt.Errorf("bound the wait for the upstream's answer: %w", err))
		}
		if err := ctx.Err(); err != nil {
			return fail(err) // the read deadline just set may have replaced the context's end
		}
	}
	resp, err := c.readResponse(req)
	if err != nil {
		if errors.Is(err, errHeaderTimeout) || errors.Is(err, errUpgradeAnswer) {
			return fail(err)
		}
		return fail(fmt.Errorf("read the upstream %s's answer: %w", c.host, err))
	}
	// The header came: the body is bounded by the request's context alone, as with http.Transport. A
	// context that ended meanwhile has cut the connection, or will.
	if headerTimeout > 0 {
		if err := c.nc.SetReadDeadline(time.Time{}); err != nil {
			return fail(fmt.Errorf("read the upstream %s's answer: %w", c.host, err))
		}
	}
	if err := ctx.Err(); err != nil {
		return fail(fmt.Errorf("read the upstream %s's answer: %w", c.host, err))
	}
	return c.deliver(resp, ctx, stop, !resp.Close && !req.Close), nil
}

// deliver hands resp over: the connection goes back to the pool (when reusable) or is closed once
// its body is read to its end, at once for an answer without body. stop ends the request context's
// watch of the connection.
func (c *conn) deliver(resp *http.Response, ctx context.Context, stop func() bool, reusable bool) *http.Response {
	if resp.Body == http.NoBody {
		c.release(stop(), reusable)
		return resp
	}
	resp.Body = &body{rc: resp.Body, c: c, ctx: ctx, stop: stop, reusable: reusable}
	return resp
}

// release gives c back to the pool when the exchange ended whole with the context's watch stopped
// before it fired, and closes it otherwise.
func (c *conn) release(whole, reusable bool) {
	if whole && reusable {
		c.t.put(c)
		return
	}
	c.close()
}

// earlyAnswerWait bounds the look for an answer the upstream sent before it stopped reading a request.
const earlyAnswerWait = time.Second

// earlyAnswer is the answer the upstream sent before it stopped reading req, whose writing failed
// part way (an upstream refusing a large body answers, then closes without reading it all), or nil.
// http.Transport reads while it writes and so passes such an answer on; so does this. The connection
// is not reused, and the read deadline set here bounds its body too.
func (c *conn) earlyAnswer(req *http.Request) *http.Response {
	if c.written == 0 || c.nc.SetReadDeadline(time.Now().Add(earlyAnswerWait)) != nil {
		return nil
	}
	resp, err := c.readResponse(req)
	if err != nil {
		return nil
	}
	resp.Close = true
	return resp
}

// errHeaderTimeout is a response header that did not come within the transport's bound.
var errHeaderTimeout = errors.New("the upstream sent no response header within the response header timeout")

// max1xxAnswers bounds the informational answers read before the final one, as http.Transport's.
const max1xxAnswers = 5

// readResponse reads the final response to req, skipping informational (1xx) ones, all their headers
// within the transport's header limit.
func (c *conn) readResponse(req *http.Request) (*http.Response, error) {
	c.headerBudget, c.bounded = c.t.headerLimit(), true
	defer func() { c.bounded = false }()
	for informational := 0; ; informational++ {
		if informational > max1xxAnswers {
			return nil, fmt.Errorf("the upstream sent more than %d informational (1xx) answers", max1xxAnswers)
		}
		if _, err := c.r.Peek(1); err != nil {
			return nil, c.readError(err)
		}
		c.answered = true
		resp, err := http.ReadResponse(c.r, req)
		if err != nil {
			return nil, c.readError(err)
		}
		switch {
		case resp.StatusCode == http.StatusSwitchingProtocols:
			_ = resp.Body.Close()
			return nil, errUpgradeAnswer
		case resp.StatusCode >= 100 && resp.StatusCode < 200:
			continue // 100 Continue, 103 Early Hints: the final answer follows
		}
		return resp, nil
	}
}

// readError is err from reading a response header, the header timeout named as such.
func (c *conn) readError(err error) error {
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return fmt.Errorf("%w: %w", errHeaderTimeout, err)
	}
	return err
}

// mayRetry tells whether the request that failed on c, a reused connection, may be sent again on
// another: when none of it reached the upstream, or when it is idempotent, was written whole and the
// connection closed before any byte of the answer (the upstream closed it while idle); in both cases
// only when its body can be sent again.
func (c *conn) mayRetry(req *http.Request, err error) bool {
	if req.Context().Err() != nil {
		return false
	}
	rewindable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	if !rewindable {
		return false
	}
	// An idempotent request is sent again only when it was written whole and the connection closed
	// before any byte of its answer: after a write that failed part way, an answer may be waiting.
	return c.written == 0 || (c.wroteAll && !c.answered && closedBeforeAnswer(err) && idempotent(req))
}

// idempotent tells whether req may be sent twice without harm, as http.Transport judges it.
func idempotent(req *http.Request) bool {
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return true
	}
	_, key := req.Header["Idempotency-Key"]
	_, xKey := req.Header["X-Idempotency-Key"]
	return key || xKey
}

func (c *conn) close() { _ = c.nc.Close() }

// body is a response body that gives its connection back to the pool when read to its end, and
// closes it when closed before or broken.
type body struct {
	rc       io.ReadCloser
	c        *conn
	ctx      context.Context // the request's: its end cuts the body
	stop     func() bool     // ends the request context's watch of the connection; false when it fired
	reusable bool

	once   sync.Once
	closed atomic.Bool // Close was called: Read reads no more of the connection
	mu     sync.Mutex
	err    error // what Read returns once the body is done
}

func (b *body) Read(p []byte) (int, error) {
	if b.closed.Load() {
		return 0, http.ErrBodyReadAfterClose
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.rc.Read(p)
	if err != nil {
		if ctxErr := b.ctx.Err(); ctxErr != nil && !errors.Is(err, io.EOF) {
			err = ctxErr // cut by the context's end, as http.Transport reports it, not a broken upstream
		}
		b.err = err
		b.release(errors.Is(err, io.EOF))
	}
	return n, err
}

// Close closes the connection unless the body was read to its end.
func (b *body) Close() error {
	b.closed.Store(true)
	b.release(false)
	return nil
}

// release gives the connection back when the body was read whole and nothing cut it, and closes it
// otherwise; only its first call counts.
func (b *body) release(atEnd bool) {
	b.once.Do(func() { b.c.release(b.stop() && atEnd, b.reusable) })
}
