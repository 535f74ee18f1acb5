package mockgraph_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/fixtures"
	"github.com/graphconform/graphconform/internal/mockgraph"
)

func TestParseFaultReadsTheFlagSyntax(t *testing.T) {
	tests := []struct {
		spec string
		want mockgraph.Fault
	}{
		{"teamworkDevice.updateSoftware:429:count=1:retryAfter=2",
			mockgraph.Fault{Operation: mockgraph.OpUpdateSoftware, Status: 429, RetryAfter: "2", Count: 1}},
		{"*:503:count=3:retryAfter=2.128",
			mockgraph.Fault{Operation: "*", Status: 503, RetryAfter: "2.128", Count: 3}},
		{"teamworkDevice.getOperation:504",
			mockgraph.Fault{Operation: mockgraph.OpGetOperation, Status: 504, Count: 1}},
		{"windowsUpdateState.update:latencyMs=1500:count=2",
			mockgraph.Fault{Operation: mockgraph.OpUpdateWindowsUpdateState, LatencyMs: 1500, Count: 2}},
		{"teamworkDevice.updateSoftware:failOperation",
			mockgraph.Fault{Operation: mockgraph.OpUpdateSoftware, FailOperation: true, Count: 1}},
		{"teamworkDevice.listOperations:status=429:retryAfter=1:latencyMs=10",
			mockgraph.Fault{Operation: mockgraph.OpListOperations, Status: 429, RetryAfter: "1", LatencyMs: 10, Count: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			got, err := mockgraph.ParseFault(tt.spec)
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("fault (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseFaultRejectsWithAMessageSayingWhatToFix(t *testing.T) {
	tests := []struct {
		spec string
		want string
	}{
		{"", "has no operation"},
		{"teamworkDevice.frobnicate:429", "not one the mock serves"},
		{"teamworkDevice.updateSoftware:500", "use 429, 503 or 504"},
		{"teamworkDevice.updateSoftware:teapot", "neither a status"},
		{"teamworkDevice.updateSoftware:429:count=x", `count="x" is not a whole number`},
		{"teamworkDevice.updateSoftware:429:count=-1", "count is -1"},
		{"teamworkDevice.updateSoftware:429:colour=red", `unknown option "colour"`},
		{"teamworkDevice.updateSoftware:429:retryAfter=2s", `retryAfter "2s" is not seconds`},
		{"teamworkDevice.updateSoftware:429:retryAfter=-1", "is not seconds"},
		{"teamworkDevice.updateSoftware:429:retryAfter=86401", "more than 86400"},
		{"teamworkDevice.updateSoftware:retryAfter=2", "no status"},
		{"teamworkDevice.updateSoftware", "does nothing"},
		{"teamworkDevice.updateSoftware:429:latencyMs=120001", "latencyMs is 120001"},
		{"teamworkDevice.getOperation:failOperation", "failOperation applies to the operations teamworkDevice.updateSoftware creates"},
		{"teamworkDevice.updateSoftware:failOperation:429", "takes no status"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			_, err := mockgraph.ParseFault(tt.spec)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestParseFaultsReadsTheExampleFile(t *testing.T) {
	data, err := fixtures.FS.ReadFile("mock/faults.example.yaml")
	require.NoError(t, err)
	got, err := mockgraph.ParseFaults(data)
	require.NoError(t, err)
	want := []mockgraph.Fault{
		{Operation: mockgraph.OpUpdateSoftware, Status: 429, RetryAfter: "2", Count: 1},
		{Operation: mockgraph.OpGetOperation, Status: 503, RetryAfter: "2.128", Count: 2},
		{Operation: mockgraph.OpUpgradeInstallation, LatencyMs: 1500, Count: 1},
		{Operation: mockgraph.OpUpdateSoftware, FailOperation: true, Count: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("faults (-want +got):\n%s", diff)
	}
}

func TestParseFaultsReadsUnquotedRetryAfterAndRejectsUnknownKeys(t *testing.T) {
	got, err := mockgraph.ParseFaults([]byte("faults:\n  - operation: '*'\n    status: 503\n    retryAfter: 2.5\n"))
	require.NoError(t, err)
	assert.Equal(t, []mockgraph.Fault{{Operation: "*", Status: 503, RetryAfter: "2.5", Count: 1}}, got)

	tests := []struct {
		name, yaml, want string
	}{
		{"an unknown key", "faults:\n  - operation: '*'\n    statuss: 429\n", "statuss"},
		{"an invalid rule", "faults:\n  - operation: '*'\n    status: 418\n", "faults[0]: the fault's status is 418"},
		{"a document that is not a mapping", "- 1\n", "faults"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is an error", func(t *testing.T) {
			_, err := mockgraph.ParseFaults([]byte(tt.yaml))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestParseFaultsOfAnEmptyFileIsNoRule(t *testing.T) {
	got, err := mockgraph.ParseFaults(nil)
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestAddFaultRejectsAnInvalidRuleAndAddsNone(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	_, err := f.mock.AddFault(
		mockgraph.Fault{Operation: mockgraph.OpUpdateSoftware, Status: 429, RetryAfter: "2"},
		mockgraph.Fault{Operation: mockgraph.OpUpdateSoftware, Status: 200},
	)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "fault rule 1")
	assert.Empty(t, f.mock.Faults())
}

func TestAddFaultNumbersTheRulesAndDefaultsCountToOne(t *testing.T) {
	f := newFixture(t, mockgraph.Timeline{})
	added, err := f.mock.AddFault(
		mockgraph.Fault{Operation: mockgraph.OpUpdateSoftware, Status: 429, RetryAfter: "2"},
		mockgraph.Fault{Operation: "*", LatencyMs: 5, Count: 3},
	)
	require.NoError(t, err)
	want := []mockgraph.FaultRule{
		{ID: "f1", Fault: mockgraph.Fault{Operation: mockgraph.OpUpdateSoftware, Status: 429, RetryAfter: "2", Count: 1}, Remaining: 1},
		{ID: "f2", Fault: mockgraph.Fault{Operation: "*", LatencyMs: 5, Count: 3}, Remaining: 3},
	}
	assert.Equal(t, want, added)
	assert.Equal(t, want, f.mock.Faults())
	f.mock.ClearFaults()
	assert.Empty(t, f.mock.Faults())
	again, err := f.mock.AddFault(mockgraph.Fault{Operation: "*", Status: 503})
	require.NoError(t, err)
	assert.Equal(t, "f3", again[0].ID, "ids go on counting after a clear")
}

func TestNewRejectsAnInvalidStartingFault(t *testing.T) {
	_, err := mockgraph.New(mockgraph.Options{Validator: newValidator(t), Faults: []mockgraph.Fault{{Operation: "*", Status: 502}}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "fault rule 0")
}
