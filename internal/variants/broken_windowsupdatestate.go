package variants

import (
	"net/http"
	"strings"

	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
)

var (
	promise200       = Source{pagePatch, "If successful, this method returns a `200 OK` response code and an updated [windowsUpdateState]"}
	promiseAllProps  = Source{pagePatch, "All of the properties will be returned from an actual call."}
	promiseUpdate    = Source{pagePatch, "Update the properties of a [windowsUpdateState]"}
	promiseStatusEnm = Source{pagePatch, "Possible values are: `upToDate`, `pendingInstallation`, `pendingReboot`, `failed`."}
	promiseScan      = Source{pagePatch, "|lastScanDateTime|DateTimeOffset|"}
	promiseStateID   = Source{pageState, "|id|String|This is Id of the entity.|"}
	promiseSubset    = Source{pageDecisions, "| `patch-table-says-create` |"}
	promiseODataType = Source{pageState, `"@odata.type": "microsoft.graph.windowsUpdateState"`}
	promiseName      = Source{pagePatch, "|deviceDisplayName|String|Device display name.|"}
	promiseStateGet  = Source{pageStateGet, "If successful, this method returns a `200 OK` response code"}
	promiseLiveGraph = Source{pageFacts, "Resource not found for the segment 'deviceUpdateStates'."}
)

// stateIDs returns the configuration and state ids of a windowsUpdateState path.
func stateIDs(r *http.Request) (configuration, state string) {
	_, rest, _ := strings.Cut(r.URL.Path, "/deviceConfigurations/")
	configuration, rest, _ = strings.Cut(rest, "/")
	_, state, _ = strings.Cut(rest, "/deviceUpdateStates/")
	return configuration, state
}

// seededConfiguration tells whether the default seed has the device configuration.
func seededConfiguration(id string) bool {
	for _, c := range mockgraph.DefaultSeed().DeviceConfigurations {
		if c.ID == id {
			return true
		}
	}
	return false
}

// echoOf answers a PATCH with 200 and the body it was sent, as if the state held it.
func echoOf(r *http.Request, a *Answer) {
	_, state := stateIDs(r)
	a.Status, a.Body = http.StatusOK, readBody(r)
	a.Header = http.Header{"Content-Type": {"application/json"}, "Request-Id": {"r"}}
	a.SetJSON("id", state)
}

func brokenWindowsUpdateState() []Variant {
	return []Variant{
		{
			Name:    "the PATCH answers 204 instead of 200",
			Promise: "If successful, the PATCH returns 200 OK and the updated windowsUpdateState.",
			Source:  promise200,
			Caught:  catches(rules.ResponseStatusDeclared, patching()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isStatePatch(r) && a.Status == http.StatusOK {
					noContent(a)
				}
			}),
		},
		{
			Name:    "the PATCH echo misses a field",
			Promise: "The response is the updated windowsUpdateState: all of its properties.",
			Source:  promiseAllProps,
			Caught:  catches(rules.PatchEchoesRequest, ScenarioPatch),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isStatePatch(r) && a.Status == http.StatusOK {
					a.SetJSON("featureUpdateVersion", nil)
				}
			}),
		},
		{
			Name:    "the PATCH echo has a status outside windowsUpdateStatus",
			Promise: "status is a windowsUpdateStatus: upToDate, pendingInstallation, pendingReboot or failed.",
			Source:  promiseStatusEnm,
			Caught:  catches(rules.ResponseBodySchema, patching()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isStatePatch(r) && a.Status == http.StatusOK {
					a.SetJSON("status", "installing")
				}
			}),
		},
		{
			Name:    "the PATCH echo names another state",
			Promise: "The response is the updated windowsUpdateState, whose id is the one patched.",
			Source:  promiseStateID,
			Caught:  catches(rules.PatchEchoCarriesIdentity, ScenarioPatch),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isStatePatch(r) && a.Status == http.StatusOK {
					a.SetJSON("id", "00000000-0000-4000-8000-0000000000aa")
				}
			}),
		},
		{
			Name:    "the PATCH echo is typed as another resource",
			Promise: "The response is an updated windowsUpdateState object: of type #microsoft.graph.windowsUpdateState.",
			Source:  promise200,
			Caught:  catches(rules.ResourceODataType, patching()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isStatePatch(r) && a.Status == http.StatusOK {
					a.SetJSON("@odata.type", "#microsoft.graph.windowsUpdateForBusinessConfiguration")
				}
			}),
		},
		{
			Name:    "the GET of a windowsUpdateState is typed as another resource",
			Promise: "The GET returns a windowsUpdateState object: of type #microsoft.graph.windowsUpdateState.",
			Source:  promiseStateGet,
			Caught:  catches(rules.ResourceODataType, ScenarioStateGet, ScenarioPartial),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isStateGet(r) && a.Status == http.StatusOK {
					a.SetJSON("@odata.type", "#microsoft.graph.windowsUpdateStatus")
				}
			}),
		},
		{
			Name:    "the PATCH echo moves a date-time to another instant",
			Promise: "lastScanDateTime is a DateTimeOffset: the instant sent, in whatever offset.",
			Source:  promiseScan,
			Caught:  catches(rules.PatchEchoesRequest, ScenarioPatch, ScenarioPartial),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isStatePatch(r) && a.Status == http.StatusOK {
					a.SetJSON("lastScanDateTime", "2001-01-01T00:00:00Z")
				}
			}),
		},
		{
			Name:    "a PATCH resets a property it did not send",
			Promise: "A PATCH updates the properties it sends; the others stay as they were.",
			Source:  promiseUpdate,
			Caught:  catches(rules.PatchPersists, ScenarioPartial),
			Wrap: answers(func() Rewrite {
				patched := false
				return func(r *http.Request, a *Answer) {
					if isStatePatch(r) && a.Status == http.StatusOK {
						patched = true
					}
					if isStateGet(r) && patched && a.Status == http.StatusOK {
						a.SetJSON("deviceDisplayName", "reset")
					}
				}
			}),
		},
		{
			Name:    "a PATCH is echoed but not kept",
			Promise: "A PATCH updates the properties it sends, as a following GET shows.",
			Source:  promiseUpdate,
			Caught:  catches(rules.PatchPersists, ScenarioPartial),
			Wrap: answers(func() Rewrite {
				var before []byte
				return func(r *http.Request, a *Answer) {
					if isStateGet(r) && a.Status == http.StatusOK {
						if before == nil {
							before = a.Body
						}
						a.Body = before
					}
				}
			}),
		},
		{
			Name:    "a PATCH with an invalid status is accepted",
			Promise: "status is one of upToDate, pendingInstallation, pendingReboot, failed.",
			Source:  promiseStatusEnm,
			Caught:  catches(rules.PatchEchoesRequest, ScenarioBadPatch("invalid status")),
			Wrap: acceptingPatchBodies(func(obj map[string]any) bool {
				s, ok := obj["status"].(string)
				return ok && !strings.Contains("upToDate pendingInstallation pendingReboot failed", s)
			}),
		},
		{
			Name:    "a PATCH with an invalid date-time is accepted",
			Promise: "lastScanDateTime is a DateTimeOffset.",
			Source:  promiseScan,
			Caught:  catches(rules.PatchEchoesRequest, ScenarioBadPatch("invalid date-time")),
			Wrap: acceptingPatchBodies(func(obj map[string]any) bool {
				s, ok := obj["lastScanDateTime"].(string)
				return ok && strings.Contains(s, "/")
			}),
		},
		{
			Name:    "a PATCH with an unknown property is accepted",
			Promise: "A PATCH sends a subset of the windowsUpdateState's properties, nothing else.",
			Source:  promiseSubset,
			Caught:  catches(rules.PatchEchoesRequest, ScenarioBadPatch("unknown property")),
			Wrap: acceptingPatchBodies(func(obj map[string]any) bool {
				_, ok := obj["colour"]
				return ok
			}),
		},
		{
			Name:    "a PATCH of another type is accepted",
			Promise: "The body is a windowsUpdateState (@odata.type #microsoft.graph.windowsUpdateState).",
			Source:  promiseODataType,
			Caught:  catches(rules.DocumentedStatus, ScenarioBadPatch("wrong @odata.type")),
			Wrap: acceptingPatchBodies(func(obj map[string]any) bool {
				t, ok := obj["@odata.type"].(string)
				return ok && t != "#microsoft.graph.windowsUpdateState"
			}),
		},
		{
			Name:    "a PATCH with a mistyped property is accepted",
			Promise: "deviceDisplayName is a String.",
			Source:  promiseName,
			Caught:  catches(rules.PatchEchoesRequest, ScenarioBadPatch("mistyped property")),
			Wrap: acceptingPatchBodies(func(obj map[string]any) bool {
				_, isNumber := obj["deviceDisplayName"].(float64)
				return isNumber
			}),
		},
		{
			Name:    "a PATCH of a state that does not exist answers 200",
			Promise: "404 Not Found: the requested resource doesn't exist.",
			Source:  promise404,
			Caught:  catches(rules.DocumentedStatus, ScenarioNoState),
			Wrap: always(func(r *http.Request, a *Answer) {
				if configuration, _ := stateIDs(r); isStatePatch(r) && a.Status == http.StatusNotFound && seededConfiguration(configuration) {
					echoOf(r, a)
				}
			}),
		},
		{
			Name:    "a PATCH below a configuration that does not exist answers 200",
			Promise: "404 Not Found: the requested resource doesn't exist.",
			Source:  promise404,
			Caught:  catches(rules.DocumentedStatus, ScenarioNoConfig),
			Wrap: always(func(r *http.Request, a *Answer) {
				if configuration, _ := stateIDs(r); isStatePatch(r) && a.Status == http.StatusNotFound && !seededConfiguration(configuration) {
					echoOf(r, a)
				}
			}),
		},
		{
			Name:    "the GET of a windowsUpdateState answers 404",
			Promise: "If successful, the GET returns 200 OK and the windowsUpdateState.",
			Source:  promiseStateGet,
			Caught:  catches(rules.DocumentedStatus, ScenarioPartial),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isStateGet(r) && a.Status == http.StatusOK {
					a.graphError(http.StatusNotFound, "NotFound", "The windowsUpdateState does not exist.")
				}
			}),
		},
		{
			Name:    "live Graph: the deviceUpdateStates segment is unknown",
			Promise: "The docs say 200 OK; the live service has been reported to answer 400 for the segment.",
			Source:  promiseLiveGraph,
			Caught: catches(rules.DocumentedStatus, ScenarioPatch, ScenarioPartial, ScenarioLeastPatch,
				ScenarioForbiddenPatch, ScenarioNoState, ScenarioNoConfig),
			Wrap: always(func(r *http.Request, a *Answer) {
				if strings.Contains(r.URL.Path, "/deviceUpdateStates/") && a.Status != http.StatusUnauthorized {
					a.graphError(http.StatusBadRequest, "BadRequest", LiveGraphSegmentMessage)
				}
			}),
		},
	}
}

// LiveGraphSegmentMessage is what live Graph has been reported to answer for deviceUpdateStates.
const LiveGraphSegmentMessage = "Resource not found for the segment 'deviceUpdateStates'."
