package mockgraph

import "fmt"

// MaxSyntheticDevices bounds the devices WithSyntheticDevices adds: a million devices hold about
// 250 MB.
const MaxSyntheticDevices = 1_000_000

// SyntheticDevice is the id of the i-th synthetic device (from 1): 00000000-0000-4000-8000- and i
// in 12 hexadecimal digits, e.g. 00000000-0000-4000-8000-000000000001.
func SyntheticDevice(i int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012x", i) }

// WithSyntheticDevices returns a copy of s with n more Teams devices, SyntheticDevice(1) to
// SyntheticDevice(n), for load at scale. It fails for n below 0 or above MaxSyntheticDevices, and
// when the seed already has a device of one of those ids.
func (s Seed) WithSyntheticDevices(n int) (Seed, error) {
	if n < 0 || n > MaxSyntheticDevices {
		return s, fmt.Errorf("%d synthetic devices: give 0 to %d", n, MaxSyntheticDevices)
	}
	out := s.clone()
	out.TeamworkDevices = make([]string, 0, len(s.TeamworkDevices)+n)
	out.TeamworkDevices = append(out.TeamworkDevices, s.TeamworkDevices...)
	for i := 1; i <= n; i++ {
		out.TeamworkDevices = append(out.TeamworkDevices, SyntheticDevice(i))
	}
	if err := out.validate(); err != nil {
		return s, fmt.Errorf("add %d synthetic devices: %w", n, err)
	}
	return out, nil
}
