package target

import (
	"context"
	"net/http"
	"time"

	"github.com/graphconform/graphconform/internal/client"
)

// Target is where the suite runs. Open gives a scenario its session; targets may give every scenario
// its own server (the embedded mock) or share one (a remote endpoint).
type Target interface {
	// Describe names the target in reports, e.g. "embedded mock" or a base URL.
	Describe() string
	// Open starts a scenario's session.
	Open(ctx context.Context) (*Session, error)
}

// Session is what one scenario uses of a target.
type Session struct {
	// Client sends the scenario's requests.
	Client *client.Client
	// Wait lets d pass before the next request: real time against a remote target, the mock's clock
	// against the embedded mock, so no scenario sleeps real seconds there.
	Wait func(ctx context.Context, d time.Duration) error
	// Controls are the mock's controls, which @mock-only scenarios need; nil when the target offers
	// none.
	Controls Controls
	// Own is true when the server is the scenario's alone (the embedded mock starts one per
	// scenario): nothing the scenario leaves behind meets another one, so there is nothing to settle.
	Own bool
	// Close ends the session.
	Close func()

	// pools gives the pool of a kind of resource; Resource.Acquire takes from it.
	pools func(ResourceKind) (any, error)
}

// sleep waits d of real time, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Remote is a Graph-compatible endpoint: real Graph in any national cloud, or a vendor's server.
type Remote struct {
	// BaseURL is the endpoint without version, e.g. https://graph.microsoft.com.
	BaseURL string
	// Token is the bearer token sent with every request.
	Token string
	// Profile names the resources scenarios may use there.
	Profile Profile
	// HTTP sends the requests.
	HTTP *http.Client
	// RequestTimeout bounds each request; 0 means client.DefaultTimeout.
	RequestTimeout time.Duration
	// ReadOnly sends no request that may change something (see client.Client.ReadOnly); it is set
	// unless the profile allows mutations.
	ReadOnly bool
	// Tokens, when set, gives each request its token instead of Token (e.g. client credentials).
	Tokens client.TokenSource
	// MockControls says the endpoint is graphconform's mock (graphconform serve): its sessions offer
	// the mock's control endpoints, and scenarios that set fault rules hold it alone. ProbeControls
	// checks it.
	MockControls bool
	// ControlToken is the control token 'serve --control-token' requires, if it does.
	ControlToken string

	pools *poolCache
	gate  *gate
}

// NewRemote returns a target for baseURL whose scenarios share the profile's pools.
func NewRemote(baseURL, token string, profile Profile) *Remote {
	return &Remote{
		BaseURL:  baseURL,
		Token:    token,
		Profile:  profile,
		HTTP:     &http.Client{},
		ReadOnly: !profile.AllowMutations,
		pools:    &poolCache{make: func(k ResourceKind) (any, error) { return k.poolFromProfile(profile) }},
		gate:     &gate{},
	}
}

// Describe returns the base URL.
func (r *Remote) Describe() string { return r.BaseURL }

// Open returns a session sharing the target's client and pools, with the mock's controls when
// MockControls says the target is the mock.
func (r *Remote) Open(context.Context) (*Session, error) {
	s := &Session{
		Client: &client.Client{BaseURL: r.BaseURL, Token: r.Token, Tokens: r.Tokens, HTTP: r.HTTP, Timeout: r.RequestTimeout, ReadOnly: r.ReadOnly},
		Wait:   sleep,
		Close:  func() {},
		pools:  r.pools.pool,
	}
	if r.MockControls {
		// The controls are the mock's, not the API's: a read-only run may still set its faults.
		controls := *s.Client
		controls.ReadOnly = false
		s.Controls = &ServedControls{Client: &controls, Token: r.ControlToken, gate: r.gate}
	}
	return s, nil
}
