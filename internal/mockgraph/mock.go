package mockgraph

import (
	"errors"
	"fmt"
	"github.com/graphconform/graphconform/internal/clientrules"
	"sync"

	"github.com/graphconform/graphconform/internal/contract"
)

// Options configure a Mock.
type Options struct {
	// Seed is the world the mock starts from; DefaultSeed() is fixtures/mock/default.yaml. A zero Seed
	// is an empty world in which every lookup answers 404.
	Seed Seed
	// Clock tells the time; nil means SystemClock.
	Clock Clock
	// Timeline is the life of the operations updateSoftware starts; the zero value means
	// DefaultTimeline().
	Timeline Timeline
	// Validator routes and validates requests against the OpenAPI description. Required.
	Validator *contract.Validator
	// Auth says whether a bearer token is required; the zero value means AuthOn.
	Auth AuthMode
	// RateLimit is how many requests a second the mock lets through, across every client and
	// operation, by its Clock; the others get 429 with Retry-After. 0 means no limit.
	RateLimit int
	// History bounds the operations the mock remembers; the zero value means the defaults.
	History History
	// ControlToken, when set, is required in the Graphconform-Control-Token header of every request
	// to the control endpoints.
	ControlToken string
	// ControlHosts are host names, besides IP addresses and localhost, that requests to the control
	// endpoints may be addressed to (their Host header); others are refused, against DNS rebinding.
	ControlHosts []string
	// MaxHeaderBytes, when positive, bounds a request's line and headers: a larger request is
	// answered 431 with a Graph error.
	MaxHeaderBytes int
	// Faults are the fault rules the mock starts with, and comes back to on Reset.
	Faults []Fault
	// APIs are the APIs the mock serves; nil means BuiltinAPIs().
	APIs []API
}

// Mock is a stateful mock of Microsoft Graph's device-update operations. It is an http.Handler, safe
// for concurrent use, that expects paths starting with /beta or /v1.0.
type Mock struct {
	clock         Clock
	timeline      Timeline
	controlToken  string
	controlHosts  []string
	maxHeader     int
	history       History
	validator     *contract.Validator
	templates     []pathTemplate
	auth          AuthMode
	permissions   map[string]permissionSet   // by operationId
	queryOptions  map[string]map[string]bool // the $options each operation declares, by operationId
	seed          Seed                       // a copy of Options.Seed without its devices, for Reset
	devices       *deviceIndex               // Options.Seed's devices
	initialFaults []Fault                    // Options.Faults, normalized, for Reset
	apis          []API                      // Options.APIs, bound again on Reset

	faults     faultSet
	rate       rateBudget
	behaviour  *clientrules.Observer // the client rules: Retry-After, polling, links, bodies, $top, permissions
	violations violationLog

	mu       sync.Mutex
	state    *state
	handlers map[string]Handler // by operationId, bound from apis
}

// New builds a Mock from opts. It fails when the Validator is missing, the Timeline is invalid, or the
// Seed breaks the seed's rules or holds a windowsUpdateState the OpenAPI description rejects.
func New(opts Options) (*Mock, error) {
	if opts.Validator == nil {
		return nil, errors.New("mockgraph: Options.Validator is nil; build one with contract.New on the description spec.Load returns")
	}
	clock := opts.Clock
	if clock == nil {
		clock = SystemClock{}
	}
	timeline, err := opts.Timeline.normalize()
	if err != nil {
		return nil, fmt.Errorf("mockgraph: %w", err)
	}
	if err := opts.Seed.validate(); err != nil {
		return nil, fmt.Errorf("mockgraph: check the seed: %w", err)
	}
	if err := checkSeedAgainstSpec(opts.Validator, opts.Seed); err != nil {
		return nil, fmt.Errorf("mockgraph: check the seed: %w", err)
	}
	limits, err := opts.History.normalize()
	if err != nil {
		return nil, fmt.Errorf("mockgraph: %w", err)
	}
	auth, err := opts.Auth.normalize()
	if err != nil {
		return nil, fmt.Errorf("mockgraph: %w", err)
	}
	if opts.RateLimit < 0 {
		return nil, fmt.Errorf("mockgraph: the rate limit is %d requests a second; use 0 (no limit) or more", opts.RateLimit)
	}
	initialFaults := make([]Fault, 0, len(opts.Faults))
	for i, f := range opts.Faults {
		normalized, err := f.normalize()
		if err != nil {
			return nil, fmt.Errorf("mockgraph: fault rule %d: %w", i, err)
		}
		initialFaults = append(initialFaults, normalized)
	}
	doc := opts.Validator.Doc()
	m := &Mock{
		clock:         clock,
		timeline:      timeline,
		controlToken:  opts.ControlToken,
		controlHosts:  append([]string(nil), opts.ControlHosts...),
		maxHeader:     opts.MaxHeaderBytes,
		history:       limits,
		validator:     opts.Validator,
		templates:     pathTemplates(doc),
		auth:          auth,
		permissions:   permissionsOf(doc),
		queryOptions:  queryOptionsOf(doc),
		seed:          Seed{Users: opts.Seed.Users, DeviceConfigurations: opts.Seed.DeviceConfigurations}.clone(),
		devices:       newDeviceIndex(opts.Seed.TeamworkDevices),
		initialFaults: initialFaults,
		rate:          rateBudget{perSecond: opts.RateLimit},
		apis:          opts.APIs,
		behaviour:     clientrules.New(clientrules.Options{Validator: opts.Validator}),
	}
	if m.apis == nil {
		m.apis = BuiltinAPIs()
	}
	m.state = newStateOn(m.devices, m.seed)
	if m.handlers, err = bindHandlers(m, m.apis); err != nil {
		return nil, fmt.Errorf("mockgraph: %w", err)
	}
	if len(initialFaults) > 0 {
		if _, err := m.faults.add(initialFaults...); err != nil {
			return nil, fmt.Errorf("mockgraph: %w", err)
		}
	}
	return m, nil
}

// Reset brings the mock back to how it started: the world of its seed (every operation forgotten,
// every windowsUpdateState as seeded, the state of every API's handlers afresh), the fault rules of
// Options.Faults with their full counts, an empty rate window and no pending Retry-After. The clock and the recorded violations are kept: time
// does not go back, and the violations are the record of the whole run.
func (m *Mock) Reset() {
	handlers, _ := bindHandlers(m, m.apis) // bound once by New already
	m.mu.Lock()
	m.state = newStateOn(m.devices, m.seed)
	m.handlers = handlers
	m.mu.Unlock()
	m.faults.clear()
	if len(m.initialFaults) > 0 {
		_, _ = m.faults.add(m.initialFaults...) // checked by New, and the set was just cleared
	}
	m.rate.reset()
	m.behaviour.Reset()
}

// Clock returns the mock's clock.
func (m *Mock) Clock() Clock { return m.clock }

// checkSeedAgainstSpec validates every seeded windowsUpdateState against the description's
// windowsUpdateState schema, so that what the mock serves conforms.
func checkSeedAgainstSpec(v *contract.Validator, seed Seed) error {
	doc := v.Doc()
	if doc == nil || doc.Components == nil {
		return nil
	}
	ref, ok := doc.Components.Schemas["windowsUpdateState"]
	if !ok || ref == nil || ref.Value == nil {
		return nil
	}
	for i, c := range seed.DeviceConfigurations {
		for j, st := range c.WindowsUpdateStates {
			value := make(map[string]any, len(st))
			for k, v := range st {
				value[k] = v
			}
			if err := ref.Value.VisitJSON(value); err != nil {
				return fmt.Errorf("deviceConfigurations[%d].windowsUpdateStates[%d] does not match the windowsUpdateState schema of the description: %w", i, j, err)
			}
		}
	}
	return nil
}
