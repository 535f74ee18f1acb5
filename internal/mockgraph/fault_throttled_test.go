package mockgraph_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

// whatToAdd is what the refusal of a 429 fault without retryAfter tells the user to add.
const whatToAdd = `add retryAfter, e.g. "2"`

// TestA429FaultWithoutRetryAfterIsRefusedWhereverItIsLoaded pins the mock against breaking
// throttled-carries-retry-after itself: Graph's 429 always carries a Retry-After
// (spec/docs/errors.md:34), so a 429 rule without retryAfter is refused by the --fault syntax, a
// faults file, the Go API, the mock's starting rules and POST /_graphconform/faults alike, each
// saying what to add, and none is stored.
func TestA429FaultWithoutRetryAfterIsRefusedWhereverItIsLoaded(t *testing.T) {
	t.Run("the --fault syntax", func(t *testing.T) {
		for _, spec := range []string{"teamworkDevice.updateSoftware:429", "*:429:count=3", "windowsUpdateState.get:status=429:latencyMs=10"} {
			_, err := mockgraph.ParseFault(spec)
			require.Error(t, err, spec)
			assert.Contains(t, err.Error(), whatToAdd, spec)
		}
	})
	t.Run("a faults file", func(t *testing.T) {
		_, err := mockgraph.ParseFaults([]byte("faults:\n  - operation: teamworkDevice.updateSoftware\n    status: 503\n  - operation: '*'\n    status: 429\n    count: 2\n"))
		require.Error(t, err)
		assert.Contains(t, err.Error(), "faults[1]")
		assert.Contains(t, err.Error(), whatToAdd)
	})
	t.Run("the Go API", func(t *testing.T) {
		f := newFixture(t, mockgraph.Timeline{})
		_, err := f.mock.AddFault(mockgraph.Fault{Operation: mockgraph.OpGetOperation, Status: 429})
		require.Error(t, err)
		assert.Contains(t, err.Error(), whatToAdd)
		assert.Empty(t, f.mock.Faults())
	})
	t.Run("the mock's starting rules", func(t *testing.T) {
		_, err := mockgraph.New(mockgraph.Options{Seed: mockgraph.DefaultSeed(), Validator: newValidator(t),
			Faults: []mockgraph.Fault{{Operation: "*", Status: 429}}})
		require.Error(t, err)
		assert.Contains(t, err.Error(), whatToAdd)
	})
	t.Run("POST /_graphconform/faults answers a Graph 400", func(t *testing.T) {
		f := newFixture(t, mockgraph.Timeline{})
		for _, body := range []string{
			`{"operation":"teamworkDevice.updateSoftware","status":429,"count":1}`,
			`{"operation":"*","status":429,"retryAfter":null}`,
			`[{"operation":"*","status":503},{"operation":"*","status":429}]`,
		} {
			rec := f.control(t, http.MethodPost, "/_graphconform/faults", body)
			got := decodeError(t, rec, http.StatusBadRequest, mockgraph.CodeBadRequest)
			assert.Contains(t, got.Error.Message, whatToAdd, body)
			assert.Empty(t, f.mock.Faults(), "%s: no rule is stored", body)
		}
	})
}

// TestThrottlingFaultsThatGraphCouldAnswerAreAccepted keeps what the docs allow: a 429 with its
// Retry-After, and a 503 or 504 with or without one.
func TestThrottlingFaultsThatGraphCouldAnswerAreAccepted(t *testing.T) {
	for _, spec := range []string{"*:429:retryAfter=2", "*:429:retryAfter=0.5", "*:503", "*:504", "*:503:retryAfter=2.128"} {
		_, err := mockgraph.ParseFault(spec)
		assert.NoError(t, err, spec)
	}
	f := newFixture(t, mockgraph.Timeline{})
	rec := f.control(t, http.MethodPost, "/_graphconform/faults", `{"operation":"windowsUpdateState.get","status":429,"retryAfter":2}`)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	rec = f.send(t, request{method: http.MethodGet, path: statePath(configA, docsState)})
	decodeError(t, rec, http.StatusTooManyRequests, mockgraph.CodeTooManyRequests)
	assert.Equal(t, "2", rec.Header().Get("Retry-After"))
}
