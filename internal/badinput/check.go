package badinput

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Deadline bounds each case: a server that has not answered by then hangs.
const Deadline = 10 * time.Second

// Outcome is how a server answered a case.
type Outcome struct {
	Status      int
	ContentType string
	Body        []byte
	// Plain is set when net/http answered before the handler could (a raw case's plain-text 4xx).
	Plain bool
}

// Send sends c to the server at base (scheme://host:port) and reads its answer within Deadline.
func Send(client *http.Client, base string, c Case) (Outcome, error) {
	if c.Raw != "" {
		return sendRaw(base, c.Raw)
	}
	req, err := http.NewRequest(c.Method, "http://placeholder", bytes.NewReader(c.Body))
	if err != nil {
		return Outcome{}, fmt.Errorf("build the request: %w", err)
	}
	u, err := url.Parse(base)
	if err != nil {
		return Outcome{}, fmt.Errorf("parse the base URL %q: %w", base, err)
	}
	// An opaque URL goes on the request line as it is written: no cleaning, no re-escaping.
	req.URL = &url.URL{Scheme: u.Scheme, Host: u.Host, Opaque: c.Path}
	req.Host = u.Host
	if len(c.Body) == 0 {
		req.Body, req.ContentLength = http.NoBody, 0
	} else {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+defaultToken)
	for name, value := range c.Header {
		if name == "Host" {
			req.Host = value
			continue
		}
		if value == "" {
			req.Header.Del(name)
			continue
		}
		req.Header.Set(name, value)
	}
	resp, err := client.Do(req)
	if err != nil {
		return Outcome{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return Outcome{}, fmt.Errorf("read the answer: %w", err)
	}
	return Outcome{Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Body: body}, nil
}

// sendRaw writes raw on a new connection and reads the answer.
func sendRaw(base, raw string) (Outcome, error) {
	u, err := url.Parse(base)
	if err != nil {
		return Outcome{}, fmt.Errorf("parse the base URL %q: %w", base, err)
	}
	conn, err := net.DialTimeout("tcp", u.Host, Deadline)
	if err != nil {
		return Outcome{}, err
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(Deadline)); err != nil {
		return Outcome{}, err
	}
	// The server may answer and close before reading everything: a write error is no verdict.
	go func() { _, _ = io.WriteString(conn, raw) }()
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		var netErr net.Error
		if errors.As(err, &netErr) && netErr.Timeout() {
			return Outcome{}, fmt.Errorf("no answer within %s: %w", Deadline, err)
		}
		// Closing the connection without an answer is how a server refuses what is not HTTP.
		return Outcome{Plain: true}, nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return Outcome{Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Body: body, Plain: !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json")}, nil
}

// Problem says what is wrong with an answer to c, or "" when it is one Graph could give: a 4xx (or
// 2xx/3xx for a request that turned out acceptable, unless the case names its status), never a
// 5xx, and for an answer the server itself wrote with an error status, a Graph error body
// {"error": {"code", "message"}}.
func Problem(c Case, o Outcome) string {
	if c.Raw != "" && o.Status == 0 {
		return "" // closed without an answer: fine for bytes that are not HTTP
	}
	if c.WantStatus != 0 && o.Status != c.WantStatus {
		return fmt.Sprintf("answered %d, want %d: %s", o.Status, c.WantStatus, abbreviate(o.Body))
	}
	if o.Status >= 500 && o.Status != c.WantStatus {
		return fmt.Sprintf("answered %d: %s", o.Status, abbreviate(o.Body))
	}
	if o.Status < 400 || o.Plain || c.Method == http.MethodHead {
		return ""
	}
	if !strings.HasPrefix(o.ContentType, "application/json") {
		return fmt.Sprintf("answered %d as %q, not a Graph error in JSON: %s", o.Status, o.ContentType, abbreviate(o.Body))
	}
	var graphError struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(o.Body, &graphError); err != nil || graphError.Error.Code == "" || graphError.Error.Message == "" {
		return fmt.Sprintf("answered %d without a Graph error body: %s", o.Status, abbreviate(o.Body))
	}
	return ""
}

func abbreviate(body []byte) string {
	if len(body) > 300 {
		return fmt.Sprintf("%q…", body[:300])
	}
	return fmt.Sprintf("%q", body)
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// Run sends every case to base as a subtest of t and fails each whose answer has a Problem, or
// that got none within Deadline. After the cases, the server must still answer a good request
// (good: method and path, e.g. a GET of a seeded resource) with 200.
func Run(t *testing.T, client *http.Client, base string, cases []Case, good Case) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			o, err := Send(client, base, c)
			if err != nil {
				t.Fatalf("%s %s: %v", c.Method, abbreviatePath(c.Path), err)
			}
			if problem := Problem(c, o); problem != "" {
				t.Errorf("%s %s: %s", c.Method, abbreviatePath(c.Path), problem)
			}
		})
	}
	o, err := Send(client, base, good)
	if err != nil || o.Status != http.StatusOK {
		t.Fatalf("after the bad inputs, %s %s answered %d (%v): %s", good.Method, good.Path, o.Status, err, abbreviate(o.Body))
	}
}

// NewClient is a client for Run whose every request gives up after Deadline.
func NewClient() *http.Client {
	return &http.Client{Timeout: Deadline, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// Good is a request the default world answers 200: a GET of its windowsUpdateState.
func (r Resources) Good() Case {
	return Case{Name: "a good request", Method: http.MethodGet, Path: r.state()}
}

func abbreviatePath(p string) string {
	if len(p) > 120 {
		return p[:120] + "…"
	}
	return p
}
