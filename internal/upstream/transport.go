package upstream

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/http/httpguts"
)

// Defaults of what a Transport's HTTPS leaves zero.
const (
	// DefaultMaxIdlePerHost is how many idle connections a Transport keeps to one host when
	// HTTPS.MaxIdleConnsPerHost is 0.
	DefaultMaxIdlePerHost = 128
	// DefaultIdleTimeout is how long an idle connection is kept before it is closed instead of reused,
	// when HTTPS.IdleConnTimeout is 0: an idle connection is always closed in the end.
	DefaultIdleTimeout = 90 * time.Second
	// DefaultDialTimeout bounds opening a connection.
	DefaultDialTimeout = 30 * time.Second
	// DefaultMaxResponseHeaderBytes bounds a response header when HTTPS sets no bound, as in
	// http.Transport.
	DefaultMaxResponseHeaderBytes = 10 << 20
	// MaxOwnBody is the largest request body the transport sends itself; a larger one, or one of
	// unknown length, goes through HTTPS, which reads the answer while it writes the body.
	MaxOwnBody = 1 << 20
)

// Transport is an http.RoundTripper that sends requests to plain http:// upstreams itself, over
// HTTP/1.1 keep-alive connections it pools, and passes every other request (https://, an upgrade,
// one that an HTTP proxy from the environment should carry) to HTTPS, an *http.Transport.
//
// On its own path a request is written and its response read by the goroutine that sends it, with
// net/http's own request writer and response parser: no goroutine per connection and no hand-off
// between goroutines, which is most of what http.Transport costs beside a loopback upstream. An
// idle connection is checked before it is reused (the upstream may have closed it), and a request
// is sent again on a new connection only when it provably did not reach the upstream, or when it is
// idempotent and the reused connection was closed before any byte of the answer came, as
// http.Transport does.
//
// Its own path takes its settings from HTTPS: Proxy, DisableKeepAlives, MaxResponseHeaderBytes,
// ResponseHeaderTimeout, MaxIdleConnsPerHost and IdleConnTimeout (the last two with defaults of their
// own when zero). It dials with a dialer of its own (DialTimeout), and passes informational answers
// (103 Early Hints) over instead of reporting them to an httptrace.ClientTrace.
type Transport struct {
	// HTTPS sends what this transport does not send itself, says (its Proxy) whether a request goes
	// through an HTTP proxy, and holds the settings above (MaxIdleConnsPerHost and IdleConnTimeout are
	// read at the first request); nil is a clone of http.DefaultTransport.
	HTTPS *http.Transport
	// DialTimeout bounds opening a connection (DefaultDialTimeout when 0).
	DialTimeout time.Duration

	maxIdlePerHost int
	idleTimeout    time.Duration

	once sync.Once
	mu   sync.Mutex
	idle map[string][]*conn // by host:port, most recently used last
}

// RoundTrip sends req and returns the upstream's response, whose body must be read to its end and
// closed for the connection to be reused.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.once.Do(t.init)
	if !t.sendsItself(req) {
		return t.HTTPS.RoundTrip(req)
	}
	if err := checkRequest(req); err != nil {
		closeBody(req)
		return nil, err
	}
	host := hostPort(req)
	for {
		c, reused, err := t.get(req.Context(), host)
		if err != nil {
			closeBody(req)
			return nil, err
		}
		resp, err := c.roundTrip(req, t.HTTPS.ResponseHeaderTimeout)
		if err == nil {
			return resp, nil
		}
		c.close()
		closeBody(req) // this attempt's body is done with; another one reads a fresh copy
		if !reused || !c.mayRetry(req, err) {
			return nil, err
		}
		if req, err = rewound(req); err != nil {
			return nil, err
		}
	}
}

// CloseIdleConnections closes the idle connections, this transport's and HTTPS's.
func (t *Transport) CloseIdleConnections() {
	t.once.Do(t.init)
	t.mu.Lock()
	idle := t.idle
	t.idle = map[string][]*conn{}
	t.mu.Unlock()
	for _, conns := range idle {
		for _, c := range conns {
			c.close()
		}
	}
	t.HTTPS.CloseIdleConnections()
}

func (t *Transport) init() {
	if t.HTTPS == nil {
		t.HTTPS = http.DefaultTransport.(*http.Transport).Clone()
	}
	t.maxIdlePerHost = cmp.Or(t.HTTPS.MaxIdleConnsPerHost, DefaultMaxIdlePerHost)
	t.idleTimeout = cmp.Or(t.HTTPS.IdleConnTimeout, DefaultIdleTimeout)
	if t.DialTimeout <= 0 {
		t.DialTimeout = DefaultDialTimeout
	}
	t.idle = map[string][]*conn{}
}

// sendsItself tells whether req is one this transport sends on its own connections: plain HTTP, not
// an upgrade, not through an HTTP proxy, with no body or a small one of known length, expecting no
// 100 Continue, and HTTPS keeps connections alive.
func (t *Transport) sendsItself(req *http.Request) bool {
	if !ownPath || t.HTTPS.DisableKeepAlives || req.URL == nil || req.URL.Scheme != "http" || req.URL.Host == "" ||
		req.Header.Get("Upgrade") != "" || req.Header.Get("Expect") != "" || req.Method == http.MethodConnect {
		return false
	}
	if req.Body != nil && req.Body != http.NoBody && (req.ContentLength <= 0 || req.ContentLength > MaxOwnBody) {
		return false // for a client request, a length of 0 with a body means unknown
	}
	if t.HTTPS.Proxy != nil {
		if through, err := t.HTTPS.Proxy(req); err != nil || through != nil {
			return false // http.Transport goes through the proxy, or reports why it cannot
		}
	}
	return true
}

// get is an idle connection to host that is still open, or a new one.
func (t *Transport) get(ctx context.Context, host string) (*conn, bool, error) {
	now := time.Now()
	for {
		t.mu.Lock()
		conns := t.idle[host]
		if len(conns) == 0 {
			t.mu.Unlock()
			break
		}
		c := conns[len(conns)-1]
		conns[len(conns)-1] = nil
		t.idle[host] = conns[:len(conns)-1]
		c.idleTimer.Stop() // expire finds it no longer idle, should it run now
		t.mu.Unlock()
		if now.Sub(c.idleSince) < t.idleTimeout && c.stillOpen() {
			return c, true, nil
		}
		c.close()
	}
	dialer := net.Dialer{Timeout: t.DialTimeout, KeepAlive: 30 * time.Second}
	nc, err := dialer.DialContext(ctx, "tcp", host)
	if err != nil {
		return nil, false, fmt.Errorf("connect to the upstream %s: %w", host, err)
	}
	c := &conn{t: t, host: host, nc: nc}
	c.r = bufio.NewReaderSize(c, 8<<10) // through c, which bounds a response header
	c.w = bufio.NewWriterSize(c, 8<<10) // through c, which counts what was written
	return c, false, nil
}

// put keeps c for reuse, or closes it when the host has enough idle connections. A connection that
// stays idle past the idle timeout is closed then.
func (t *Transport) put(c *conn) {
	c.idleSince = time.Now()
	t.mu.Lock()
	if conns := t.idle[c.host]; len(conns) < t.maxIdlePerHost {
		t.idle[c.host] = append(conns, c)
		if c.idleTimer == nil {
			c.idleTimer = time.AfterFunc(t.idleTimeout, func() { t.expire(c) })
		} else {
			c.idleTimer.Reset(t.idleTimeout)
		}
		t.mu.Unlock()
		return
	}
	t.mu.Unlock()
	c.close()
}

// expire closes c if it is still idle; a connection taken for a request meanwhile is left alone.
func (t *Transport) expire(c *conn) {
	t.mu.Lock()
	conns := t.idle[c.host]
	i := slices.Index(conns, c)
	if i < 0 {
		t.mu.Unlock()
		return
	}
	t.idle[c.host] = slices.Delete(conns, i, i+1)
	t.mu.Unlock()
	c.close()
}

// headerLimit bounds a response header: HTTPS's bound, or DefaultMaxResponseHeaderBytes.
func (t *Transport) headerLimit() int64 {
	if t.HTTPS.MaxResponseHeaderBytes > 0 {
		return t.HTTPS.MaxResponseHeaderBytes
	}
	return DefaultMaxResponseHeaderBytes
}

// hostPort is where req goes: its URL's host with port 80 when the URL names none.
func hostPort(req *http.Request) string {
	if req.URL.Port() != "" {
		return req.URL.Host
	}
	return net.JoinHostPort(req.URL.Hostname(), "80")
}

// closeBody closes the body of a request that will not be sent, as a RoundTripper must.
func closeBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}

// rewound is req with its body from the start again, to send it on another connection.
func rewound(req *http.Request) (*http.Request, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return req, nil
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, fmt.Errorf("rewind the request body to send it again: %w", err)
	}
	again := *req
	again.Body = body
	return &again, nil
}

// errUpgradeAnswer is a 101 to a request that asked for no upgrade.
var errUpgradeAnswer = errors.New("the upstream answered 101 Switching Protocols to a request that asked for no upgrade")

// closedBeforeAnswer tells whether err means the connection ended before any byte of the answer.
func closedBeforeAnswer(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) || isReset(err)
}

// checkRequest refuses, as http.Transport does, a request whose method or header could not be
// written as given: a method that is not a token, a header name or value that would break the head.
func checkRequest(req *http.Request) error {
	if req.Method != "" && strings.IndexFunc(req.Method, func(r rune) bool { return !httpguts.IsTokenRune(r) }) >= 0 {
		return fmt.Errorf("the request's method %q is not valid: a method is an HTTP token", req.Method)
	}
	for name, values := range req.Header {
		if !httpguts.ValidHeaderFieldName(name) {
			return fmt.Errorf("the request's header field name %q is not valid", name)
		}
		for _, value := range values {
			if !httpguts.ValidHeaderFieldValue(value) {
				return fmt.Errorf("the request's header field %q has a value that is not valid (a line break or a control character)", name)
			}
		}
	}
	return nil
}
