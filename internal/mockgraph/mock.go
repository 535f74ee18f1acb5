package mockgraph

import (
	"errors"
	"fmt"
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
}

// Mock is a stateful mock of Microsoft Graph's device-update operations. It is an http.Handler, safe
// for concurrent use, that expects paths starting with /beta or /v1.0.
type Mock struct {
	clock     Clock
	timeline  Timeline
	validator *contract.Validator
	templates []pathTemplate

	mu    sync.Mutex
	state *state
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
	return &Mock{
		clock:     clock,
		timeline:  timeline,
		validator: opts.Validator,
		templates: pathTemplates(opts.Validator.Doc()),
		state:     newState(opts.Seed),
	}, nil
}

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
