package record_test

import (
	"testing"

	"github.com/graphconform/graphconform/internal/record"
)

func TestRunCountsAndVerdict(t *testing.T) {
	cases := []struct {
		name                    string
		scenarios               []record.Scenario
		passed, failed, skipped int
		conformant              bool
	}{
		{"a scenario cut short is no failure, and no pass", []record.Scenario{{Passed: true}, {Skipped: true, CutShort: true}}, 1, 0, 1, false},
		{"all passed", []record.Scenario{{Passed: true}, {Passed: true}}, 2, 0, 0, true},
		{"a skip does not spoil the verdict", []record.Scenario{{Passed: true}, {Skipped: true}}, 1, 0, 1, true},
		{"one failure spoils it", []record.Scenario{{Passed: true}, {}}, 1, 1, 0, false},
		{"nothing ran", nil, 0, 0, 0, false},
		{"only skips", []record.Scenario{{Skipped: true}}, 0, 0, 1, false},
	}
	for _, tc := range cases {
		run := record.Run{Scenarios: tc.scenarios}
		if run.Passed() != tc.passed || run.Failed() != tc.failed || run.Skipped() != tc.skipped || run.Conformant() != tc.conformant {
			t.Errorf("%s: passed %d failed %d skipped %d conformant %t; want %d %d %d %t", tc.name,
				run.Passed(), run.Failed(), run.Skipped(), run.Conformant(), tc.passed, tc.failed, tc.skipped, tc.conformant)
		}
	}
}

func TestARunIsInconclusiveWhenCutShortNeverAnsweredOrAllSkipped(t *testing.T) {
	cases := []struct {
		name         string
		scenarios    []record.Scenario
		inconclusive bool
	}{
		{"passed", []record.Scenario{{Passed: true}}, false},
		{"a real failure", []record.Scenario{{Passed: true}, {}}, false},
		{"cut short", []record.Scenario{{Passed: true}, {Skipped: true, CutShort: true}}, true},
		{"never answered", []record.Scenario{{Unreachable: true}, {Skipped: true}}, true},
		{"a real failure beside an unanswered one", []record.Scenario{{Unreachable: true}, {}}, false},
		{"every scenario skipped", []record.Scenario{{Skipped: true}, {Skipped: true}}, true},
		{"a skip beside a failure", []record.Scenario{{Skipped: true}, {}}, false},
	}
	for _, tc := range cases {
		if got := (record.Run{Scenarios: tc.scenarios}).Inconclusive(); got != tc.inconclusive {
			t.Errorf("%s: Inconclusive() = %t, want %t", tc.name, got, tc.inconclusive)
		}
	}
}
