package client

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// MaxResponseBytes bounds how much of a response body is read: a target cannot exhaust memory.
const MaxResponseBytes = 8 << 20

// Client sends requests below one base URL and records them.
type Client struct {
	// BaseURL is the target without the version, e.g. https://graph.microsoft.com.
	BaseURL string
	// Token, when set, is sent as "Authorization: Bearer <Token>".
	Token string
	// HTTP sends the requests; nil means http.DefaultClient.
	HTTP *http.Client
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

// UnreachableError means a request got no response: the target is down or unreachable, or its TLS
// certificate is not trusted. It says nothing about the target's conformance.
type UnreachableError struct {
	Method, URL string
	Err         error
}

// Error says what failed and what to check.
func (e *UnreachableError) Error() string {
	return fmt.Sprintf("%s %s: %v (is the target running and reachable, and its certificate trusted? see --ca-cert)", e.Method, e.URL, e.Err)
}

// Unwrap returns the transport's error.
func (e *UnreachableError) Unwrap() error { return e.Err }

// Do sends req and records the exchange. An error means no response was received.
func (c *Client) Do(ctx context.Context, req Request) (*Exchange, error) {
	target, rel, err := c.resolve(req.Path)
	if err != nil {
		return nil, err
	}
	var body io.Reader
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
	}
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
	token := c.Token
	if req.Token != "" {
		token = req.Token
	}
	if token != "" && !req.NoAuth {
		httpReq.Header.Set("Authorization", "Bearer "+token)
	}

	httpClient := c.HTTP
	if httpClient == nil {
		httpClient = http.DefaultClient
	}
	started := time.Now()
	resp, err := httpClient.Do(httpReq)
	if err != nil {
		return nil, &UnreachableError{Method: req.Method, URL: target, Err: err}
	}
	defer resp.Body.Close()
	respBody, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes))
	if err != nil {
		return nil, fmt.Errorf("%s %s: read the response body: %w", req.Method, target, err)
	}
	return &Exchange{
		Request: RecordedRequest{
			Method: req.Method,
			URL:    target,
			Path:   rel,
			Header: redactHeader(httpReq.Header),
			Body:   req.Body,
		},
		Response: RecordedResponse{
			Status: resp.StatusCode,
			Header: resp.Header.Clone(),
			Body:   respBody,
		},
		Started: started,
		Elapsed: time.Since(started),
	}, nil
}

// resolve turns a versioned path or an absolute URL below the base into the absolute URL and the path
// below the base.
func (c *Client) resolve(p string) (absolute, rel string, err error) {
	base := strings.TrimRight(c.BaseURL, "/")
	if strings.HasPrefix(p, "/") {
		return base + p, p, nil
	}
	u, err := url.Parse(p)
	if err != nil || !u.IsAbs() {
		return "", "", fmt.Errorf("%q is neither a path starting with / nor an absolute URL", p)
	}
	baseURL, err := url.Parse(base)
	if err != nil {
		return "", "", fmt.Errorf("the target base URL %q is not a URL: %w", c.BaseURL, err)
	}
	// The scheme must match too: an https target's token must never travel over http.
	if !strings.EqualFold(u.Scheme, baseURL.Scheme) || !strings.EqualFold(u.Host, baseURL.Host) || !strings.HasPrefix(u.Path, baseURL.Path) {
		return "", "", fmt.Errorf("%s is outside the target %s", p, base)
	}
	rel = strings.TrimPrefix(u.Path, baseURL.Path)
	if u.RawQuery != "" {
		rel += "?" + u.RawQuery
	}
	return p, rel, nil
}
