package mockgraph

import "time"

// stateDump renders everything the mock knows, for GET /_graphconform/state: its clock, timeline,
// auth mode and rate limit, the seed's devices (with every operation in the order created, as GET
// would answer it now), users and update states in the seed's order, its fault rules and how many
// violations it recorded.
func (m *Mock) stateDump() object {
	now := m.clock.Now()
	_, fake := m.clock.(advancer)

	m.mu.Lock()
	devices := make([]any, 0, len(m.seed.TeamworkDevices))
	for _, id := range m.seed.TeamworkDevices {
		dev, ok := m.state.devices[key(id)]
		if !ok {
			continue
		}
		operations := make([]any, 0, len(dev.order))
		for _, op := range dev.order {
			operations = append(operations, operationJSON(*op, m.phaseOf(*op, now)))
		}
		devices = append(devices, object{{"id", dev.id}, {"operations", operations}})
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
	m.mu.Unlock()

	return object{
		{"clock", object{{"now", now.UTC().Format(time.RFC3339Nano)}, {"fake", fake}}},
		{"timeline", object{
			{"queued", m.timeline.Queued.String()},
			{"running", m.timeline.Running.String()},
			{"outcome", m.timeline.Outcome},
		}},
		{"auth", string(m.auth)},
		{"rateLimit", m.rate.perSecond},
		{"teamworkDevices", devices},
		{"users", users},
		{"deviceConfigurations", configurations},
		{"faults", m.faults.list()},
		{"violations", m.violations.report().Count},
	}
}
