package variants

// Redundant states, for each scenario that alone catches no broken variant of the catalogue, why it
// stays in the suite. The kill-matrix test fails when a scenario catches nothing alone and is not
// stated here, and when a scenario stated here does catch something alone.
var Redundant = map[string]string{
	ScenarioSoftwareType("teamsClient"): "every other update scenario sends teamsClient first, so a server refusing it fails those too; " +
		"the outline keeps the page's list of types whole.",
	ScenarioSoftwareType("firmware"): "the conflict, update-again and list scenarios send firmware second, so a server refusing it fails those too; " +
		"the outline keeps the page's list of types whole.",
	ScenarioAgain: "the list scenario takes the same steps (an update polled to its end, then another) before it lists; " +
		"this one states the promise alone and still runs against a target whose list is broken.",
	ScenarioUpgradeByID: "the least-privileged upgrade scenario sends the same request with a minted token, but it is @mock-only: " +
		"against real Graph or a vendor's endpoint this is the scenario that checks the 204.",
}
