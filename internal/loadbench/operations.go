package loadbench

import (
	"net/http"
	"strings"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

// Ids of the mock's default seed (fixtures/mock/default.yaml) the PATCH names.
const (
	seedConfig = "6b1c8d2e-4f3a-4b5c-9d6e-7f8a9b0c1d2e"
	seedState  = "3d92af00-af00-3d92-00af-923d00af923d"
)

// VersionRoot is where graphconform's servers serve the operations: Graph's beta root. Prism serves
// them at its root, because the description's servers are relative.
const VersionRoot = "/beta"

// Operation is one request a load run sends over and over.
type Operation struct {
	// Name is how the report names the operation.
	Name   string
	Method string
	// Path is the escaped path below the version root, e.g. /teamwork/devices/{id}/updateSoftware.
	Path string
	Body []byte
	// DevicePerWorker gives each worker a Teams device of its own: {device} in Path is
	// mockgraph.SyntheticDevice(worker+1), which `serve --devices` adds. A conforming client polls an
	// update's Location before it updates the same device again, so workers sharing a device would
	// wait for each other.
	DevicePerWorker bool
}

// devicePlaceholder is where Path names the worker's device.
const devicePlaceholder = "{device}"

// PathFor is the path worker (from 0) sends op to.
func (op Operation) PathFor(worker int) string {
	if !op.DevicePerWorker {
		return op.Path
	}
	return strings.ReplaceAll(op.Path, devicePlaceholder, mockgraph.SyntheticDevice(worker+1))
}

// PatchWindowsUpdateState changes a windowsUpdateState; the server answers 200 with the whole object.
var PatchWindowsUpdateState = Operation{
	Name:   "PATCH windowsUpdateState",
	Method: http.MethodPatch,
	Path:   "/deviceManagement/deviceConfigurations/" + seedConfig + "/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/" + seedState,
	Body:   []byte(`{"status":"pendingReboot","lastScanDateTime":"2026-11-22T08:15:00.5+01:00"}`),
}

// UpdateSoftware starts a software update on a Teams device; the server answers 202 with a Location.
var UpdateSoftware = Operation{
	Name:   "POST updateSoftware",
	Method: http.MethodPost,
	Path:   "/teamwork/devices/" + devicePlaceholder + "/updateSoftware",
	Body:   []byte(`{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}`),

	DevicePerWorker: true,
}

// Operations are the operations every server is loaded with, in report order.
var Operations = []Operation{PatchWindowsUpdateState, UpdateSoftware}
