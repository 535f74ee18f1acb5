package mockgraph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// AnyOperation is the Operation of a fault rule that matches every operation.
const AnyOperation = "*"

// The bounds of a fault rule.
const (
	// MaxFaultLatency bounds LatencyMs: two minutes.
	MaxFaultLatency = 120000
	// MaxRetryAfterSeconds bounds RetryAfter: a day, as Retry-After parsers accept.
	MaxRetryAfterSeconds = 86400
	// MaxFaults bounds how many rules a Mock holds, spent ones included.
	MaxFaults = 1000
)

// Fault is a fault rule: the next Count requests of Operation get Status (with Retry-After when
// RetryAfter is set) after LatencyMs; or, with FailOperation, the next Count operations
// updateSoftware creates end failed with an error. Rules are deterministic: nothing is random.
//
// In JSON and YAML: {"operation": "teamworkDevice.updateSoftware", "status": 429, "retryAfter": "2",
// "count": 1, "latencyMs": 0} or {"operation": "teamworkDevice.updateSoftware", "failOperation": true}.
type Fault struct {
	// Operation is an operationId the mock serves (e.g. "teamworkDevice.updateSoftware"), or "*" for
	// every one.
	Operation string `json:"operation" yaml:"operation"`
	// Status is 429, 503 or 504: the status the matching requests get instead of their answer, as a
	// Graph error (TooManyRequests, ServiceUnavailable, GatewayTimeout). 0 with LatencyMs only delays
	// the answer; 0 with FailOperation fails the operation instead.
	Status int `json:"status,omitempty" yaml:"status,omitempty"`
	// RetryAfter is the Retry-After header of the fault's answer, in seconds, e.g. "2" or "2.128";
	// empty sends none. It needs a Status, and a 429 needs it: Graph's 429 always carries a
	// Retry-After (spec/docs/errors.md), a 503 or 504 may go without.
	RetryAfter Seconds `json:"retryAfter,omitempty" yaml:"retryAfter,omitempty"`
	// Count is how many matching requests (or created operations) get the fault before the rule is
	// spent; 0 means 1.
	Count int `json:"count,omitempty" yaml:"count,omitempty"`
	// LatencyMs delays the answer by that many milliseconds of real time (at most MaxFaultLatency).
	LatencyMs int `json:"latencyMs,omitempty" yaml:"latencyMs,omitempty"`
	// FailOperation makes the operations updateSoftware creates end failed, with an error, when
	// their timeline ends; the 202 itself is unchanged. Operation must be
	// "teamworkDevice.updateSoftware" or "*", and Status 0.
	FailOperation bool `json:"failOperation,omitempty" yaml:"failOperation,omitempty"`
}

// Seconds is a number of seconds written in decimal, e.g. "2" or "2.128". In JSON it may be written as
// a string or a number.
type Seconds string

// UnmarshalJSON accepts a JSON string or number.
func (s *Seconds) UnmarshalJSON(data []byte) error {
	trimmed := bytes.TrimSpace(data)
	if bytes.Equal(trimmed, []byte("null")) {
		*s = ""
		return nil
	}
	if len(trimmed) > 0 && trimmed[0] == '"' {
		var text string
		if err := json.Unmarshal(trimmed, &text); err != nil {
			return fmt.Errorf("retryAfter: %w", err)
		}
		*s = Seconds(text)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(trimmed, &n); err != nil {
		return fmt.Errorf("retryAfter must be seconds as a string or a number, such as \"2\" or \"2.128\": %w", err)
	}
	*s = Seconds(n.String())
	return nil
}

// secondsPattern is a decimal number of seconds: digits, optionally a fraction.
var secondsPattern = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// faultStatuses are the statuses a fault rule may answer.
func faultStatuses() []int { return []int{429, 503, 504} }

// servedOperations are the operationIds a fault rule may name.
func servedOperations() []string {
	return []string{OpUpdateSoftware, OpGetOperation, OpListOperations, OpUpgradeInstallation, OpUpdateWindowsUpdateState, OpGetWindowsUpdateState}
}

// normalize checks a rule and fills its defaults (Count 0 means 1). Its errors say what to change.
func (f Fault) normalize() (Fault, error) {
	f.Operation = strings.TrimSpace(f.Operation)
	if f.Operation == "" {
		return Fault{}, errors.New(`the fault has no operation; name an operationId such as "teamworkDevice.updateSoftware", or "*" for every operation`)
	}
	if f.Operation != AnyOperation && !slices.Contains(servedOperations(), f.Operation) {
		return Fault{}, fmt.Errorf("the fault's operation %q is not one the mock serves; use \"*\" or one of %s", f.Operation, strings.Join(servedOperations(), ", "))
	}
	if f.Count < 0 {
		return Fault{}, fmt.Errorf("the fault's count is %d; give how many requests get it (1 or more; 0 means 1)", f.Count)
	}
	if f.Count == 0 {
		f.Count = 1
	}
	if f.LatencyMs < 0 || f.LatencyMs > MaxFaultLatency {
		return Fault{}, fmt.Errorf("the fault's latencyMs is %d; it must be between 0 and %d", f.LatencyMs, MaxFaultLatency)
	}
	if f.Status != 0 && !slices.Contains(faultStatuses(), f.Status) {
		return Fault{}, fmt.Errorf("the fault's status is %d; use 429, 503 or 504", f.Status)
	}
	if f.RetryAfter != "" {
		if f.Status == 0 {
			return Fault{}, errors.New("the fault has a retryAfter but no status; add status 429, 503 or 504")
		}
		if !secondsPattern.MatchString(string(f.RetryAfter)) {
			return Fault{}, fmt.Errorf("the fault's retryAfter %q is not seconds; write it like \"2\" or \"2.128\"", string(f.RetryAfter))
		}
		if seconds, err := strconv.ParseFloat(string(f.RetryAfter), 64); err != nil || seconds > MaxRetryAfterSeconds {
			return Fault{}, fmt.Errorf("the fault's retryAfter %q is more than %d seconds; use less", string(f.RetryAfter), MaxRetryAfterSeconds)
		}
	}
	if f.FailOperation {
		if f.Operation != OpUpdateSoftware && f.Operation != AnyOperation {
			return Fault{}, fmt.Errorf("failOperation applies to the operations %s creates; set operation to %q", OpUpdateSoftware, OpUpdateSoftware)
		}
		if f.Status != 0 || f.LatencyMs != 0 {
			return Fault{}, errors.New("a failOperation fault takes no status and no latencyMs (the 202 is unchanged; the operation ends failed); make those a rule of their own")
		}
		return f, nil
	}
	if f.Status == http.StatusTooManyRequests && f.RetryAfter == "" {
		return Fault{}, errors.New(`the fault answers 429 without a retryAfter, and Graph's 429 always carries a Retry-After ` +
			`(spec/docs/errors.md, rule throttled-carries-retry-after); add retryAfter, e.g. "2" (503 and 504 may go without one)`)
	}
	if f.Status == 0 && f.LatencyMs == 0 {
		return Fault{}, errors.New("the fault does nothing; give it a status (429, 503, 504), a latencyMs, or failOperation: true")
	}
	return f, nil
}

// ParseFault reads a fault rule as the serve command's --fault flag writes it:
//
//	OPERATION[:STATUS|:failOperation][:count=N][:retryAfter=S][:latencyMs=N]
//
// e.g. "teamworkDevice.updateSoftware:429:count=1:retryAfter=2", "*:503:count=3",
// "teamworkDevice.getOperation:latencyMs=1500" or "teamworkDevice.updateSoftware:failOperation".
func ParseFault(spec string) (Fault, error) {
	fields := strings.Split(strings.TrimSpace(spec), ":")
	f := Fault{Operation: fields[0]}
	for _, field := range fields[1:] {
		name, value, isOption := strings.Cut(field, "=")
		var err error
		switch {
		case !isOption && strings.EqualFold(field, "failOperation"):
			f.FailOperation = true
		case !isOption:
			f.Status, err = strconv.Atoi(field)
			if err != nil {
				return Fault{}, fmt.Errorf("fault %q: %q is neither a status (429, 503, 504), failOperation, nor name=value", spec, field)
			}
		case name == "count":
			f.Count, err = strconv.Atoi(value)
		case name == "retryAfter":
			f.RetryAfter = Seconds(value)
		case name == "latencyMs":
			f.LatencyMs, err = strconv.Atoi(value)
		case name == "status":
			f.Status, err = strconv.Atoi(value)
		default:
			return Fault{}, fmt.Errorf("fault %q: unknown option %q; the options are count, retryAfter, latencyMs and status", spec, name)
		}
		if err != nil {
			return Fault{}, fmt.Errorf("fault %q: %s=%q is not a whole number", spec, name, value)
		}
	}
	normalized, err := f.normalize()
	if err != nil {
		return Fault{}, fmt.Errorf("fault %q: %w", spec, err)
	}
	return normalized, nil
}

// faultFile is the YAML document of a faults file (fixtures/mock/faults.example.yaml).
type faultFile struct {
	Faults []Fault `yaml:"faults"`
}

// ParseFaults reads a YAML faults file: a document with a "faults" list of rules, each written as
// Fault's YAML keys. It is strict: an unknown key or an invalid rule is an error naming it.
func ParseFaults(data []byte) ([]Fault, error) {
	var file faultFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&file); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, fmt.Errorf("parse the faults file: %w (the document is \"faults:\" and a list of operation, status, retryAfter, count, latencyMs, failOperation; see fixtures/mock/faults.example.yaml)", err)
	}
	out := make([]Fault, 0, len(file.Faults))
	for i, f := range file.Faults {
		normalized, err := f.normalize()
		if err != nil {
			return nil, fmt.Errorf("faults[%d]: %w", i, err)
		}
		out = append(out, normalized)
	}
	return out, nil
}

// decodeFaultsJSON reads the body of POST /_graphconform/faults: one rule, a list of rules, or
// {"faults": [...]}. Unknown keys are errors.
func decodeFaultsJSON(data []byte) ([]Fault, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, errors.New("the body is empty; send a fault rule such as {\"operation\":\"teamworkDevice.updateSoftware\",\"status\":429,\"retryAfter\":\"2\",\"count\":1}")
	}
	var faults []Fault
	var err error
	switch trimmed[0] {
	case '[':
		err = decodeStrict(trimmed, &faults)
	case '{':
		if bytes.Contains(trimmed, []byte(`"faults"`)) {
			var wrapped struct {
				Faults []Fault `json:"faults"`
			}
			if err = decodeStrict(trimmed, &wrapped); err == nil {
				faults = wrapped.Faults
				break
			}
		}
		var one Fault
		if err = decodeStrict(trimmed, &one); err == nil {
			faults = []Fault{one}
		}
	default:
		err = errors.New("the body is neither a JSON object nor an array")
	}
	if err != nil {
		return nil, fmt.Errorf("read the fault rules: %w (keys: operation, status, retryAfter, count, latencyMs, failOperation)", err)
	}
	if len(faults) == 0 {
		return nil, errors.New("the body holds no fault rule; send at least one")
	}
	return faults, nil
}

// decodeStrict decodes one JSON value into v, refusing unknown keys and trailing data.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	var extra json.RawMessage
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return errors.New("there is data after the JSON value")
	}
	return nil
}
