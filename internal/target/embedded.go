package target

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/mockgraph"
)

// MockToken is the bearer token the suite sends to the embedded mock.
const MockToken = "graphconform-embedded-mock"

// Embedded is graphconform's own mock, started in-process: every scenario gets a fresh mock on its own
// loopback port, with its own clock, seeded with the same data.
type Embedded struct {
	Seed      mockgraph.Seed
	Timeline  mockgraph.Timeline
	Validator *contract.Validator
	// APIs are the APIs the mock serves; nil means mockgraph.BuiltinAPIs().
	APIs []mockgraph.API
	// Wrap, when set, wraps each scenario's mock handler: tests use it to stand up servers that break
	// a promise of the contract.
	Wrap func(http.Handler) http.Handler
}

// Describe says the target is the embedded mock.
func (e *Embedded) Describe() string { return "embedded mock" }

// Open starts a fresh mock for one scenario on a loopback port. Its pools hold what the seed names,
// and its controls are the mock's own.
func (e *Embedded) Open(context.Context) (*Session, error) {
	clock := mockgraph.NewFakeClock(time.Now().UTC().Truncate(time.Second))
	mock, err := mockgraph.New(mockgraph.Options{Seed: e.Seed, Clock: clock, Timeline: e.Timeline, Validator: e.Validator, APIs: e.APIs})
	if err != nil {
		return nil, fmt.Errorf("start the embedded mock: %w", err)
	}
	var handler http.Handler = mock
	if e.Wrap != nil {
		handler = e.Wrap(handler)
	}
	baseURL, stop, err := ServeLoopback(handler)
	if err != nil {
		return nil, err
	}
	transport := &http.Transport{}
	c := &client.Client{BaseURL: baseURL, Token: MockToken, HTTP: &http.Client{Transport: transport}}
	seed := e.Seed
	pools := &poolCache{make: func(k ResourceKind) (any, error) { return k.poolFromSeed(seed), nil }}
	return &Session{
		Client:   c,
		Controls: &ServedControls{Client: c},
		Own:      true,
		Wait: func(ctx context.Context, d time.Duration) error {
			clock.Advance(d)
			return ctx.Err()
		},
		Close: func() {
			transport.CloseIdleConnections()
			stop()
		},
		pools: pools.pool,
	}, nil
}

// ServeLoopback serves h over HTTP on a free loopback port and returns its base URL and a stop function.
func ServeLoopback(h http.Handler) (baseURL string, stop func(), err error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("listen on a loopback port for the mock: %w", err)
	}
	server := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		// Serve returns http.ErrServerClosed once stop is called; a listener failure shows up as a
		// failed request in the scenario that meets it.
		_ = server.Serve(listener)
	}()
	return "http://" + listener.Addr().String(), func() {
		_ = server.Close()
		<-done
	}, nil
}
