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
	r         *bufio.Reader
	w         *bufio.Writer
	idleSince time.Time
	// written counts the bytes of the request under way that reached the connection; answered tells
	// whether any byte of its answer came. They decide whether a failed request may be sent again.
	written  int
	answered bool
}

// Write counts what the request writer hands to the connection.
func (c *conn) Write(p []byte) (int, error) {
	n, err := c.nc.Write(p)
	c.written += n
	return n, err
}

// roundTrip writes req and reads its response's header within headerTimeout (when positive) from
// the end of the request, and within req's context; the response's body returns the connection to
// the pool once read to its end.
func (c *conn) roundTrip(req *http.Request, headerTimeout time.Duration) (*http.Response, error) {
	c.written, c.answered = 0, false
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
	if err := req.Write(c.w); err != nil {
		return fail(fmt.Errorf("send the request to the upstream %s: %w", c.host, err))
	}
	if err := c.w.Flush(); err != nil {
		return fail(fmt.Errorf("send the request to the upstream %s: %w", c.host, err))
	}
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
			_ = resp.Body.Close()
			return fail(fmt.Errorf("read the upstream %s's answer: %w", c.host, err))
		}
	}
	if err := ctx.Err(); err != nil {
		_ = resp.Body.Close()
		return fail(fmt.Errorf("read the upstream %s's answer: %w", c.host, err))
	}
	reusable := !resp.Close && !req.Close
	if resp.Body == http.NoBody {
		if stop() && reusable {
			c.t.put(c)
		} else {
			c.close()
		}
		return resp, nil
	}
	resp.Body = &body{rc: resp.Body, c: c, stop: stop, reusable: reusable}
	return resp, nil
}

// errHeaderTimeout is a response header that did not come within the transport's bound.
var errHeaderTimeout = errors.New("the upstream sent no response header within the response header timeout")

// readResponse reads the final response to req, skipping informational (1xx) ones.
func (c *conn) readResponse(req *http.Request) (*http.Response, error) {
	for {
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
// another: when none of it reached the upstream, or when it is idempotent and the connection closed
// before any byte of the answer (the upstream closed it while idle); in both cases only when its body
// can be sent again.
func (c *conn) mayRetry(req *http.Request, err error) bool {
	if req.Context().Err() != nil {
		return false
	}
	rewindable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	if !rewindable {
		return false
	}
	return c.written == 0 || (!c.answered && closedBeforeAnswer(err) && idempotent(req))
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
	stop     func() bool // ends the request context's watch of the connection; false when it fired
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
	b.once.Do(func() {
		if b.stop() && atEnd && b.reusable {
			b.c.t.put(b.c)
			return
		}
		b.c.close()
	})
}
