package mockgraph

import "time"

// MaxStateOperations bounds the operations GET /_graphconform/state shows of each device: the newest
// ones, in the order created; operationCount says how many the device retains. The device's list
// of operations (GET /teamwork/devices/{id}/operations) pages through all of them.
const MaxStateOperations = 50

// stateDump renders what the mock knows, for GET /_graphconform/state: its clock, timeline, auth
// mode, rate limit and history limits, the seed's devices (each with its newest MaxStateOperations
// operations in the order created, as GET would answer them now), users and update states in the
// seed's order, its fault rules and how many violations it recorded.
func (m *Mock) stateDump() object {
	now := m.clock.Now()
	_, fake := m.clock.(advancer)

	m.mu.Lock()
	devices := make([]any, 0, m.state.index.len())
	for i := range uint32(m.state.index.len()) {
		dev, ok := m.state.devices[i]
		if !ok {
			dev = &device{id: m.state.index.id(i)}
		}
		shown := dev.order[max(0, len(dev.order)-MaxStateOperations):]
		operations := make([]any, 0, len(shown))
		for _, op := range shown {
			operations = append(operations, operationJSON(*op, m.phaseOf(*op, now)))
		}
		devices = append(devices, object{{"id", dev.id}, {"operationCount", len(dev.order)}, {"operations", operations}})
	}
	users := make([]any, 0, len(m.seed.Users))
	for _, u := range m.seed.Users {
		apps := append([]string{}, u.InstalledApps...)
		users = append(users, object{{"id", u.ID}, {"userPrincipalName", u.UserPrincipalName}, {"installedApps", apps}})
	}
	configurations := make([]any, 0, len(m.seed.DeviceConfigurations))
	for _, c := range m.seed.DeviceConfigurations {
		cfg, ok := m.state.configurations[key(c.ID)]
		if !ok {
			continue
		}
		states := make([]any, 0, len(c.WindowsUpdateStates))
		for _, seeded := range c.WindowsUpdateStates {
			id, _ := seeded["id"].(string)
			if st, ok := cfg.states[key(id)]; ok {
				states = append(states, windowsUpdateStateJSON("", st))
			}
		}
		configurations = append(configurations, object{{"id", cfg.id}, {"windowsUpdateStates", states}})
	}
	retained := m.state.history.count
	m.mu.Unlock()

	return object{
		{"clock", object{{"now", now.UTC().Format(time.RFC3339Nano)}, {"fake", fake}}},
		{"timeline", object{
			{"queued", m.timeline.Queued.String()},
			{"running", m.timeline.Running.String()},
			{"queuedPolls", m.timeline.QueuedPolls},
			{"runningPolls", m.timeline.RunningPolls},
			{"outcome", m.timeline.Outcome},
		}},
		{"auth", string(m.auth)},
		{"rateLimit", m.rate.perSecond},
		{"history", object{{"perDevice", m.history.PerDevice}, {"total", m.history.Total}, {"retained", retained}}},
		{"teamworkDevices", devices},
		{"users", users},
		{"deviceConfigurations", configurations},
		{"faults", m.faults.list()},
		{"violations", m.violations.report().Count},
	}
}
