package variants

// The scenarios of features/, by name, as the variants' expectations name them.
const (
	ScenarioUpdate       = "An update is accepted with a Location that resolves to its operation, which ends"
	ScenarioListed       = "The device's operations list holds every update, a page at a time"
	ScenarioConflict     = "A second update while the first is queued is refused with 409 Conflict"
	ScenarioAgain        = "The device accepts an update again once the operation has ended"
	ScenarioOtherDevice  = "A queued update of one device does not block another device"
	ScenarioUnknown      = "An update of a device that does not exist is refused with 404"
	ScenarioUpgradeByID  = "Upgrading an installed app answers 204 with no body, the user named by id"
	ScenarioUpgradeByUPN = "Upgrading an installed app answers 204 with no body, the user named by user principal name"
	ScenarioConsent      = "Upgrading and consenting to resource-specific permissions answers 204 (the docs' example 2)"
	ScenarioBadPermType  = "An invalid permission type is refused with 400"
	ScenarioNoInstall    = "Upgrading what does not exist is refused with 404: an installation"
	ScenarioNoUser       = "Upgrading what does not exist is refused with 404: a user"
	ScenarioPatch        = "A PATCH answers 200 echoing the updated windowsUpdateState (the docs' example)"
	ScenarioPartial      = "A partial PATCH changes what it sends and leaves the rest, as a following GET shows"
	ScenarioNoState      = "Updating what does not exist is refused with 404: a state"
	ScenarioNoConfig     = "Updating what does not exist is refused with 404: a configuration"
	ScenarioStateGet     = "A GET answers 200 with the windowsUpdateState the path names"
	ScenarioThrottled    = "A throttled update is retried after its Retry-After and accepted"
	ScenarioPollRetried  = "An unavailable poll is retried after its fractional Retry-After and the operation still ends"

	ScenarioNoTokenUpdate  = "updateSoftware without a token is refused with 401"
	ScenarioNoTokenUpgrade = "upgrade without a token is refused with 401"
	ScenarioNoTokenPatch   = "windowsUpdateState PATCH without a token is refused with 401"

	ScenarioForbiddenUpdate  = "updateSoftware with a delegated token lacking its permissions is refused with 403"
	ScenarioForbiddenUpgrade = "upgrade with an application token lacking its permissions is refused with 403"
	ScenarioForbiddenPatch   = "windowsUpdateState PATCH with a delegated token lacking its permissions is refused with 403"

	ScenarioLeastUpdate  = "updateSoftware with a delegated token holding only its least privileged permission is accepted"
	ScenarioLeastUpgrade = "upgrade with an application token holding only its least privileged permission is accepted"
	ScenarioLeastPatch   = "windowsUpdateState PATCH with an application token holding only its least privileged permission is accepted"
)

// ScenarioCreatedBy is the outline example that starts an update with a minted token of the kind
// ("a delegated", "an application") and reads who created its operation.
func ScenarioCreatedBy(token, caller string) string {
	return "An operation started with " + token + " token names " + caller + " as its createdBy"
}

// ScenarioSoftwareType is the outline example that updates one software type.
func ScenarioSoftwareType(softwareType string) string {
	return "Every software type the docs list is accepted: " + softwareType
}

// ScenarioBadUpdateBody is the outline example that sends one invalid updateSoftware body.
func ScenarioBadUpdateBody(name string) string {
	return "An invalid request body is refused with 400: " + name
}

// ScenarioBadPatch is the outline example that sends one invalid PATCH body.
func ScenarioBadPatch(name string) string {
	return "An invalid update is refused with 400: " + name
}

// softwareTypes are the types the updateSoftware page lists.
var softwareTypes = []string{"adminAgent", "operatingSystem", "teamsClient", "firmware", "partnerAgent", "companyPortal"}

// acceptingUpdates are the scenarios that expect a 202 from updateSoftware.
func acceptingUpdates() []string {
	out := []string{ScenarioUpdate, ScenarioListed, ScenarioConflict, ScenarioAgain, ScenarioOtherDevice,
		ScenarioThrottled, ScenarioPollRetried, ScenarioLeastUpdate,
		ScenarioCreatedBy("a delegated", "the signed-in user"), ScenarioCreatedBy("an application", "the application")}
	for _, t := range softwareTypes {
		out = append(out, ScenarioSoftwareType(t))
	}
	return out
}

// polling are the scenarios that follow the Location until the operation ends.
func polling() []string {
	return []string{ScenarioUpdate, ScenarioListed, ScenarioAgain, ScenarioPollRetried}
}

// upgrading are the scenarios that expect a 204 from upgrade.
func upgrading() []string {
	return []string{ScenarioUpgradeByID, ScenarioUpgradeByUPN, ScenarioConsent, ScenarioLeastUpgrade}
}

// patching are the scenarios that expect a 200 from a PATCH.
func patching() []string {
	return []string{ScenarioPatch, ScenarioPartial, ScenarioLeastPatch}
}
