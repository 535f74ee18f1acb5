package variants

// The doc pages (in spec/docs) the variants' promises come from.
const (
	pageUpdateSoftware = "teamworkdevice-updatesoftware.md"
	pageOperation      = "teamworkdeviceoperation.md"
	pageOperationGet   = "teamworkdeviceoperation-get.md"
	pageListOperations = "teamworkdevice-list-operations.md"
	pageUpgrade        = "userscopeteamsappinstallation-upgrade.md"
	pagePatch          = "intune-deviceconfig-windowsupdatestate-update.md"
	pageState          = "intune-deviceconfig-windowsupdatestate.md"
	pageStateGet       = "intune-deviceconfig-windowsupdatestate-get.md"
	pageErrors         = "errors.md"
	pageFacts          = "graph-facts.md"
	pageDecisions      = "README.md"
)
