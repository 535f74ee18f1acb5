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
	// Wrap, when set, wraps each scenario's mock handler: tests use it to stand up servers that break
	// a promise of the contract.
	Wrap func(http.Handler) http.Handler
}

// Describe says the target is the embedded mock.
func (e *Embedded) Describe() string { return "embedded mock" }

// IsMock is true.
func (e *Embedded) IsMock() bool { return true }

// ProfileFromSeed names every resource of a mock seed as the profile's pools.
func ProfileFromSeed(seed mockgraph.Seed) Profile {
	p := Profile{Name: "embedded mock", AllowMutations: true, TeamworkDevices: append([]string(nil), seed.TeamworkDevices...)}
	for _, u := range seed.Users {
		for _, app := range u.InstalledApps {
			p.AppInstallations = append(p.AppInstallations, AppInstallation{User: u.ID, UserPrincipalName: u.UserPrincipalName, Installation: app})
		}
	}
	for _, c := range seed.DeviceConfigurations {
		for _, s := range c.WindowsUpdateStates {
			if id, ok := s["id"].(string); ok {
				p.WindowsUpdateStates = append(p.WindowsUpdateStates, WindowsUpdateState{DeviceConfiguration: c.ID, State: id})
			}
		}
	}
	return p
}

// Open starts a fresh mock for one scenario on a loopback port.
func (e *Embedded) Open(context.Context) (*Session, error) {
	clock := mockgraph.NewFakeClock(time.Now().UTC().Truncate(time.Second))
	mock, err := mockgraph.New(mockgraph.Options{Seed: e.Seed, Clock: clock, Timeline: e.Timeline, Validator: e.Validator})
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
	profile := ProfileFromSeed(e.Seed)
	return &Session{
		Client:           &client.Client{BaseURL: baseURL, Token: MockToken, HTTP: &http.Client{Transport: transport}},
		Devices:          NewPool("teamworkDevices", profile.TeamworkDevices),
		AppInstallations: NewPool("appInstallations", profile.AppInstallations),
		UpdateStates:     NewPool("windowsUpdateStates", profile.WindowsUpdateStates),
		Wait: func(ctx context.Context, d time.Duration) error {
			clock.Advance(d)
			return ctx.Err()
		},
		Close: func() {
			transport.CloseIdleConnections()
			stop()
		},
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
