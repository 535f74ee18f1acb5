package client

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"time"
)

// MaxResponseBytes is the default bound on how much of a response body is read: a target streaming an
// endless body cannot exhaust memory. The rest is never read and the exchange is marked OverLimit.
const MaxResponseBytes = 8 << 20

// DefaultTimeout is the default per-request timeout: from sending the request to reading the whole
// response.
const DefaultTimeout = 30 * time.Second

// Client sends requests below one base URL and records them. It never follows a redirect, never sends
// a request (and so never its token) off the target's origin, and scrubs the token from everything it
// records.
type Client struct {
	// BaseURL is the target without the version, e.g. https://graph.microsoft.com.
	BaseURL string
	// Token, when set, is sent as "Authorization: Bearer <Token>".
	Token string
	// Tokens, when set, is asked for the token of each request instead of Token (e.g. a credential
	// that refreshes it).
	Tokens TokenSource
	// HTTP sends the requests; nil means http.DefaultClient. Its redirect policy is replaced: a
	// redirect is returned as the response, never followed.
	HTTP *http.Client
	// Timeout bounds each request, from sending it to reading the whole response; 0 means
	// DefaultTimeout.
	Timeout time.Duration
	// MaxBodyBytes bounds how much of a response body is read; 0 means MaxResponseBytes.
	MaxBodyBytes int64
	// ReadOnly refuses every request whose method may change something (anything but GET, HEAD and
	// OPTIONS) with a *MutationRefusedError, before anything is sent.
	ReadOnly bool
}

// TokenSource returns the bearer token to send with a request.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
}

// Request is what to send: Path starts with the version (/beta/… or /v1.0/…) or is an absolute URL.
type Request struct {
	// Method is the HTTP method, e.g. POST.
	Method string
	// Path is /beta/… or /v1.0/… below the base URL, or an absolute URL below it (a Location).
	Path string
	// Header holds extra request headers; Content-Type defaults to application/json with a body.
	Header http.Header
	// Body is sent as it is; nil sends none.
	Body []byte
	// NoAuth sends the request without the Authorization header.
	NoAuth bool
	// Token, when set, is sent instead of the client's own.
	Token string
}

// IsSafeMethod tells whether a method only reads (GET, HEAD, OPTIONS).
func IsSafeMethod(method string) bool {
	switch strings.ToUpper(method) {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return true
	}
	return false
}

// Do sends req and records the exchange. An error means no whole response was received (an
// *UnreachableError, a *BrokenResponseError), or the request was not sent (an *OffOriginError, a
// *MutationRefusedError).
func (c *Client) Do(ctx context.Context, req Request) (*Exchange, error) {
	target, rel, err := c.resolve(req.Path)
	if err != nil {
		return nil, err
	}
	if c.ReadOnly && !IsSafeMethod(req.Method) {
		return nil, &MutationRefusedError{Method: req.Method, URL: target}
	}
	token, err := c.token(ctx, req)
	if err != nil {
		return nil, err
	}
	scrub := newScrubber(token, c.Token)
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(parent, timeout)
	defer cancel()

	var body io.Reader
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
	}
	started := time.Now()
	var firstByte time.Duration
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotFirstResponseByte: func() { firstByte = time.Since(started) }})
	httpReq, err := http.NewRequestWithContext(ctx, req.Method, target, body)
	if err != nil {
		return nil, fmt.Errorf("build %s %s: %w", req.Method, target, err)
	}
	for name, values := range req.Header {
		httpReq.Header[http.CanonicalHeaderKey(name)] = append([]string(nil), values...)
	}
	if req.Body != nil && httpReq.Header.Get("Content-Type") == "" {
		httpReq.Header.Set("Content-Type", "application/json")
	}
	if token != "" && !req.NoAuth {
		httpReq.Header.Set("Authorization", "Bearer "+token)
	}

	resp, err := c.httpClient().Do(httpReq)
	if err != nil {
		unreachable := &UnreachableError{Method: req.Method, URL: target, Err: err}
		if ctx.Err() != nil && parent.Err() == nil {
			unreachable.Timeout = timeout
		}
		return nil, unreachable
	}
	defer resp.Body.Close()
	limit := c.MaxBodyBytes
	if limit <= 0 {
		limit = MaxResponseBytes
	}
	respBody, overLimit, err := readLimited(resp.Body, limit)
	if err != nil {
		broken := &BrokenResponseError{Method: req.Method, URL: target, Status: resp.StatusCode, Read: int64(len(respBody)), Err: err}
		if ctx.Err() != nil && parent.Err() == nil {
			broken.Timeout = timeout
		}
		return nil, broken
	}
	return &Exchange{
		Request: RecordedRequest{
			Method: req.Method,
			URL:    target,
			Path:   rel,
			Header: scrub.Header(httpReq.Header),
			Body:   req.Body,
		},
		Response: RecordedResponse{
			Status:    resp.StatusCode,
			Header:    scrub.Header(resp.Header),
			Body:      scrub.Bytes(respBody),
			BodyBytes: int64(len(respBody)),
			OverLimit: overLimit,
		},
		Started:   started,
		Elapsed:   time.Since(started),
		FirstByte: firstByte,
	}, nil
}

// token returns the bearer token of req: its own, the client's source's, or the client's.
func (c *Client) token(ctx context.Context, req Request) (string, error) {
	switch {
	case req.NoAuth:
		return "", nil
	case req.Token != "":
		return req.Token, nil
	case c.Tokens != nil:
		t, err := c.Tokens.Token(ctx)
		if err != nil {
			return "", &TokenSourceError{Err: err}
		}
		return t, nil
	}
	return c.Token, nil
}

// httpClient returns the HTTP client with a redirect policy that never follows: a redirect is the
// response, so its Location is judged, and no token travels to wherever it points.
func (c *Client) httpClient() *http.Client {
	hc := http.Client{}
	if c.HTTP != nil {
		hc = *c.HTTP
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &hc
}

// readLimited reads at most limit bytes of r; overLimit says whether r held more.
func readLimited(r io.Reader, limit int64) (body []byte, overLimit bool, err error) {
	body, err = io.ReadAll(io.LimitReader(r, limit+1))
	if int64(len(body)) > limit {
		return body[:limit:limit], true, nil
	}
	return body, false, err
}

// resolve turns a versioned path or an absolute URL on the target's origin, below its base path, into
// the absolute URL and the path below the base. A network-path reference (//host/path) names a host:
// it takes the target's scheme and is judged as the absolute URL it then is.
func (c *Client) resolve(p string) (absolute, rel string, err error) {
	base := strings.TrimRight(c.BaseURL, "/")
	if strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "//") {
		return base + p, p, nil
	}
	baseURL, err := url.Parse(base)
	if err != nil {
		return "", "", fmt.Errorf("the target base URL %q is not a URL: %w", c.BaseURL, err)
	}
	u, err := url.Parse(p)
	if err == nil && strings.HasPrefix(p, "//") {
		u.Scheme = baseURL.Scheme
		p = u.String()
	}
	if err != nil || !u.IsAbs() {
		return "", "", fmt.Errorf("%q is neither a path starting with / nor an absolute URL", p)
	}
	if originOf(u) != originOf(baseURL) {
		return "", "", &OffOriginError{URL: p, Origin: originOf(baseURL).String()}
	}
	if !strings.HasPrefix(u.Path, baseURL.Path) {
		return "", "", fmt.Errorf("%s is outside the target %s: its path is not below %q", p, base, baseURL.Path)
	}
	rel = strings.TrimPrefix(u.Path, baseURL.Path)
	if u.RawQuery != "" {
		rel += "?" + u.RawQuery
	}
	return p, rel, nil
}
