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
	ScenarioLeastUpdate: "the createdBy scenarios start their updates with a delegated and an application token holding only TeamworkDevice.ReadWrite.All, " +
		"updateSoftware's least privileged permission, so a server refusing it fails those too; this one states the promise beside the other operations'.",
	ScenarioUpgradeByID: "the least-privileged upgrade scenario sends the same request with a minted token, but it is @mock-only: " +
		"against real Graph or a vendor's endpoint this is the scenario that checks the 204.",
	// The read-only scenarios: a profile without allowMutations runs these and skips the rest.
	ScenarioStateGet: "the partial-PATCH scenario gets the same state first; " +
		"this one judges the state in a read-only run, where every PATCH is skipped.",
	"An operation of the device that does not exist is refused with 404": "the error-body variants are caught by the 404 scenarios that send an update first; " +
		"this one checks a 404 and its Graph error in a read-only run, where those are skipped.",
	"Listing a device's operations without a token is refused with 401": "the other 401 scenarios catch a server that takes requests without a token; " +
		"this one is the 401 a read-only run can check, the others send a POST or a PATCH.",
	"The device's operations list answers 200 with a page no longer than its $top": "the list scenario that follows @odata.nextLink catches the same breakage after an update; " +
		"this one lists the operations in a read-only run, where no update is sent.",
}
