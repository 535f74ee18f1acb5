package loadbench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// target is the server a run loads: where its workers dial and how their requests name it.
type target struct {
	root    *url.URL
	token   string
	timeout time.Duration
}

// newTarget parses the version root rootURL; the lean generator speaks plain HTTP/1.1 only.
func newTarget(rootURL, token string, timeout time.Duration) (*target, error) {
	root, err := url.Parse(rootURL)
	if err != nil {
		return nil, fmt.Errorf("parse the version root %q: %w", rootURL, err)
	}
	if root.Scheme != "http" || root.Host == "" {
		return nil, fmt.Errorf("the version root %q is not an http://host[:port] URL: the load generator speaks plain HTTP/1.1 on loopback", rootURL)
	}
	return &target{root: root, token: token, timeout: timeout}, nil
}

// request builds the bytes of one HTTP/1.1 request to path (escaped, absolute) with body.
func (t *target) request(method, path string, body []byte) []byte {
	var b strings.Builder
	b.WriteString(method + " " + path + " HTTP/1.1\r\nHost: " + t.root.Host + "\r\n")
	if body != nil {
		b.WriteString("Content-Type: application/json\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n")
	}
	if t.token != "" {
		b.WriteString("Authorization: Bearer " + t.token + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(body)
	return []byte(b.String())
}

// conn is one worker's keep-alive connection to the target, dialled again after the server closed it
// or an exchange failed.
type conn struct {
	t      *target
	ctx    context.Context
	nc     net.Conn
	r      *bufio.Reader
	cancel func() bool
}

// newConn is a connection of ctx's lifetime; it dials on its first exchange.
func newConn(ctx context.Context, t *target) *conn {
	return &conn{t: t, ctx: ctx, r: bufio.NewReaderSize(nil, 16<<10)}
}

// send sends the pre-built request and reads its whole answer; a 202's Location is polled once below
// the version root, and the poll's status is the exchange's status.
func (c *conn) send(req []byte) (int, error) {
	resp, err := c.exchange(req)
	if err != nil {
		return 0, err
	}
	if location := resp.Header.Get("Location"); resp.StatusCode == http.StatusAccepted && location != "" {
		return c.poll(location)
	}
	return resp.StatusCode, nil
}

// poll GETs the Location of a 202 once, as a conforming client does before it sends the update again
// (the mock and the proxy flag a client that re-posts without polling). A Location path outside the
// root's path is relative to the version root, as Graph's are.
func (c *conn) poll(location string) (int, error) {
	ref, err := url.Parse(location)
	if err != nil {
		return 0, fmt.Errorf("parse the Location %q: %w", location, err)
	}
	base := c.t.root
	if !ref.IsAbs() && !strings.HasPrefix(ref.Path, base.Path+"/") {
		ref.Path = base.Path + ref.Path
		ref.RawPath = ""
	}
	pollURL := base.ResolveReference(ref)
	if pollURL.Host != base.Host || pollURL.Scheme != base.Scheme {
		return 0, fmt.Errorf("the Location %q leaves the server under load", location)
	}
	resp, err := c.exchange(c.t.request(http.MethodGet, pollURL.RequestURI(), nil))
	if err != nil {
		return 0, fmt.Errorf("poll %s: %w", location, err)
	}
	return resp.StatusCode, nil
}

// exchange writes req and reads the answer, body drained, within the target's timeout.
func (c *conn) exchange(req []byte) (*http.Response, error) {
	if c.nc == nil {
		if err := c.dial(); err != nil {
			return nil, err
		}
	}
	resp, err := c.roundTrip(req)
	if err != nil {
		c.Close()
		if errors.Is(err, os.ErrDeadlineExceeded) && c.ctx.Err() == nil {
			return nil, fmt.Errorf("no answer within %s: %w", c.t.timeout, err)
		}
		return nil, err
	}
	if resp.Close {
		c.Close()
	}
	return resp, nil
}

// roundTrip is exchange on an open connection.
func (c *conn) roundTrip(req []byte) (*http.Response, error) {
	if err := c.nc.SetDeadline(time.Now().Add(c.t.timeout)); err != nil {
		return nil, fmt.Errorf("bound the request: %w", err)
	}
	if err := c.ctx.Err(); err != nil {
		return nil, err // checked after the deadline is set, which the context's end overrides
	}
	if _, err := c.nc.Write(req); err != nil {
		return nil, fmt.Errorf("send the request: %w", err)
	}
	resp, err := http.ReadResponse(c.r, nil)
	if err != nil {
		return nil, fmt.Errorf("read the answer: %w", err)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	if err := errors.Join(err, resp.Body.Close()); err != nil {
		return nil, fmt.Errorf("read the answer's body: %w", err)
	}
	return resp, nil
}

// dial opens the connection within the target's timeout; the context's end cuts what is under way.
func (c *conn) dial() error {
	dialer := net.Dialer{Timeout: c.t.timeout}
	nc, err := dialer.DialContext(c.ctx, "tcp", c.t.root.Host)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", c.t.root.Host, err)
	}
	c.nc = nc
	c.r.Reset(nc)
	c.cancel = context.AfterFunc(c.ctx, func() { _ = nc.SetDeadline(time.Unix(1, 0)) })
	return nil
}

// Close closes the connection, if open; the next exchange dials again.
func (c *conn) Close() {
	if c.nc == nil {
		return
	}
	c.cancel()
	_ = c.nc.Close()
	c.nc = nil
}
