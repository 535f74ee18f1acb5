package variants

import (
	"net/http"
	"strings"

	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
)

var (
	promiseLocation      = Source{pageUpdateSoftware, "which contains the location of the [teamworkDeviceOperation]"}
	promiseStatusEnds    = Source{pageUpdateSoftware, "returns whether the operation is `queued`, `succeeded`, or `failed`."}
	promiseStatus        = Source{pageOperation, "|status|String|The current status of the async operation. Required."}
	promiseOpType        = Source{pageOperation, "|operationType|teamworkDeviceOperationType|"}
	promiseOpID          = Source{pageOperation, "|id|String|The unique identifier of the operation."}
	promiseCreated       = Source{pageOperation, "|createdDateTime|DateTimeOffset|"}
	promiseOpGet         = Source{pageOperationGet, "If successful, this method returns a `200 OK` response code and a [teamworkDeviceOperation]"}
	promiseOpStarted     = Source{pageOperation, "such as a software update started by [updateSoftware]"}
	promiseCreatedBy     = Source{pageOperation, "|createdBy|[identitySet](../resources/identityset.md)|Identity of the user who created the device operation."}
	promiseBetaOperation = Source{pageFacts, "**teamworkDeviceOperation** (beta entity;"}
)

// editOperations applies edit to the operation of an operation's GET and to each operation of a page
// of a device's operations.
func editOperations(r *http.Request, a *Answer, edit func(op map[string]any)) {
	if a.Status != http.StatusOK {
		return
	}
	switch {
	case isOperationGet(r):
		a.editJSON(edit)
	case isOperationsList(r):
		a.editJSON(func(page map[string]any) {
			items, _ := page["value"].([]any)
			for _, item := range items {
				if op, ok := item.(map[string]any); ok {
					edit(op)
				}
			}
		})
	}
}

// renameIdentity gives the identity an operation's createdBy names under key another id.
func renameIdentity(key string) func(op map[string]any) {
	return func(op map[string]any) {
		set, _ := op["createdBy"].(map[string]any)
		if identity, ok := set[key].(map[string]any); ok {
			identity["id"] = "00000000-0000-4000-8000-0000000000bb"
		}
	}
}

func brokenOperations() []Variant {
	return []Variant{
		{
			Name:    "the Location names another operation",
			Promise: "The Location holds the location of the teamworkDeviceOperation the update started.",
			Source:  promiseLocation,
			Caught:  catches(rules.DocumentedStatus, polling()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
					a.Header.Set("Location", a.Header.Get("Location")+"-elsewhere")
				}
			}),
		},
		{
			Name:    "the Location names the operation under another device",
			Promise: "The Location holds the location of the teamworkDeviceOperation of the device updated.",
			Source:  promiseLocation,
			Caught:  catches(rules.LocationNamesDeviceOperation, ScenarioUpdate),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
					location := a.Header.Get("Location")
					if i := strings.Index(location, "/operations/"); i >= 0 {
						a.Header.Set("Location", "/teamwork/devices/00000000-0000-4000-8000-00000000dead"+location[i:])
					}
				}
			}),
		},
		{
			Name:    "the Location is neither a URL nor a path",
			Promise: "The Location holds the location of the teamworkDeviceOperation.",
			Source:  promiseLocation,
			Caught:  catches(rules.LocationNamesDeviceOperation, polling()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
					location := a.Header.Get("Location")
					if i := strings.Index(location, "operations/"); i >= 0 {
						a.Header.Set("Location", location[i:])
					}
				}
			}),
		},
		{
			Name:    "the Location is a network-path reference to another host",
			Promise: "The Location holds the location of the teamworkDeviceOperation: on the service the update was sent to, not on another host.",
			Source:  promiseLocation,
			Caught:  catches(rules.LinkOnTargetOrigin, ScenarioUpdate, ScenarioAgain, ScenarioListed, ScenarioPollRetried),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
					a.Header.Set("Location", "//evil.example/beta"+a.Header.Get("Location"))
				}
			}),
		},
		{
			Name:    "the Location names the operation below /v1.0, where updateSoftware and its operations are not",
			Promise: "teamworkDeviceOperation is a beta entity: the Location of a beta update names it below /beta, or relative to the version root.",
			Source:  promiseBetaOperation,
			Caught:  catches(rules.LocationNamesDeviceOperation, ScenarioUpdate, ScenarioAgain, ScenarioListed, ScenarioPollRetried),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
					a.Header.Set("Location", "/v1.0"+a.Header.Get("Location"))
				}
			}),
		},
		{
			Name:    "the Location is an absolute URL with a user name and password",
			Promise: "The Location names the operation, as the docs' example does with a path: it carries no user name or password.",
			Source:  promiseExampleLocation,
			Caught:  catches(rules.LocationNamesDeviceOperation, acceptingUpdates()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
					a.Header.Set("Location", "http://operator:hunter2@"+r.Host+"/beta"+a.Header.Get("Location"))
				}
			}),
		},
		{
			Name:    "the operation never leaves queued",
			Promise: "A GET of the Location returns whether the operation is queued, succeeded or failed: it ends.",
			Source:  promiseStatusEnds,
			Caught:  catches(rules.OperationReachesTerminalStatus, polling()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationGet(r) && a.Status == http.StatusOK {
					a.SetJSON("status", "queued")
				}
			}),
		},
		{
			Name:    "the operation's status is outside the docs' vocabulary",
			Promise: "The status is one of Queued, Scheduled, InProgress, Successful, Cancelled, Failed (or the updateSoftware page's queued, succeeded, failed).",
			Source:  promiseStatus,
			Caught:  catches(rules.OperationStatusVocabulary, polling()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationGet(r) && a.Status == http.StatusOK {
					a.SetJSON("status", "done")
				}
			}),
		},
		{
			Name:    "the operation has no status",
			Promise: "status is Required.",
			Source:  promiseStatus,
			Caught:  catches(rules.ResponseBodySchema, polling()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationGet(r) && a.Status == http.StatusOK {
					a.SetJSON("status", nil)
				}
			}),
		},
		{
			Name:    "the Location resolves to an operation with another id",
			Promise: "id is the unique identifier of the operation: the one the Location names.",
			Source:  promiseOpID,
			Caught:  catches(rules.OperationCarriesItsID, ScenarioUpdate),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationGet(r) && a.Status == http.StatusOK {
					a.SetJSON("id", "another-operation")
				}
			}),
		},
		{
			Name:    "a succeeded operation carries an error",
			Promise: "error: Error details, available only in case of a failed status.",
			Source:  promiseFailed,
			Caught:  catches(rules.OperationErrorOnlyWhenFailed, polling()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				editOperations(r, a, func(op map[string]any) {
					if op["status"] == mockgraph.StatusSucceeded {
						op["error"] = map[string]any{"code": "SoftwareUpdateFailed", "message": "The device could not install the update."}
					}
				})
			}),
		},
		{
			Name:    "the operation's createdBy names another user than the one who started it",
			Promise: "createdBy is the identity of the user who created the device operation: the one whose token started it.",
			Source:  promiseCreatedBy,
			Caught:  catches(rules.OperationCreatedByCaller, ScenarioCreatedBy("a delegated", "the signed-in user")),
			Wrap: always(func(r *http.Request, a *Answer) {
				editOperations(r, a, renameIdentity("user"))
			}),
		},
		{
			Name:    "the operation's createdBy names another application than the one that started it",
			Promise: "createdBy is the identity of who created the device operation: the application whose app-only token started it.",
			Source:  promiseCreatedBy,
			Caught:  catches(rules.OperationCreatedByCaller, ScenarioCreatedBy("an application", "the application")),
			Wrap: always(func(r *http.Request, a *Answer) {
				editOperations(r, a, renameIdentity("application"))
			}),
		},
		{
			Name:    "the operation is typed as another resource",
			Promise: "The GET returns a teamworkDeviceOperation object: of type #microsoft.graph.teamworkDeviceOperation.",
			Source:  promiseOpGet,
			Caught:  catches(rules.ResourceODataType, polling()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				editOperations(r, a, func(op map[string]any) { op["@odata.type"] = "#microsoft.graph.teamworkDevice" })
			}),
		},
		{
			Name:    "the operation an update started is not a softwareUpdate",
			Promise: "A software update started by updateSoftware creates a teamworkDeviceOperation (of operationType softwareUpdate).",
			Source:  promiseOpStarted,
			Caught:  catches(rules.LocationResolves, ScenarioUpdate),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationGet(r) && a.Status == http.StatusOK {
					a.SetJSON("operationType", "deviceRestart")
				}
			}),
		},
		{
			Name:    "the operation's operationType is outside its enumeration",
			Promise: "operationType is a teamworkDeviceOperationType: deviceRestart, configUpdate, …, unknownFutureValue.",
			Source:  promiseOpType,
			Caught:  catches(rules.ResponseBodySchema, polling()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationGet(r) && a.Status == http.StatusOK {
					a.SetJSON("operationType", "reboot")
				}
			}),
		},
		{
			Name:    "the operation at the Location turns into a deviceRestart after its first GET",
			Promise: "operationType is the type of async operation on a device: the operation an update started stays a softwareUpdate.",
			Source:  promiseOpType,
			Caught:  catches(rules.LocationResolves, ScenarioUpdate, ScenarioAgain, ScenarioListed),
			Wrap: answers(func() Rewrite {
				seen := map[string]bool{}
				return func(r *http.Request, a *Answer) {
					if isOperationGet(r) && a.Status == http.StatusOK {
						if seen[r.URL.Path] {
							a.SetJSON("operationType", "deviceRestart")
						}
						seen[r.URL.Path] = true
					}
				}
			}),
		},
		{
			Name:    "the operation's createdDateTime is not a date-time",
			Promise: "createdDateTime is a DateTimeOffset.",
			Source:  promiseCreated,
			Caught:  catches(rules.ResponseBodySchema, polling()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationGet(r) && a.Status == http.StatusOK {
					a.SetJSON("createdDateTime", "yesterday")
				}
			}),
		},
		{
			Name:    "the operation is not JSON",
			Promise: "The GET returns a teamworkDeviceOperation object in the response body.",
			Source:  promiseOpGet,
			Caught:  catches(rules.ResponseBodyJSON, polling()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationGet(r) && a.Status == http.StatusOK {
					a.Body = append(a.Body[:len(a.Body)/2:len(a.Body)/2], []byte("…")...)
				}
			}),
		},
		{
			Name:    "the operation is followed by a second JSON value",
			Promise: "The GET returns a teamworkDeviceOperation object in the response body: one JSON value, nothing after it.",
			Source:  promiseOpGet,
			Caught:  catches(rules.ResponseBodyJSON, polling()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationGet(r) && a.Status == http.StatusOK {
					a.Body = append(append(a.Body[:len(a.Body):len(a.Body)], '\n'), a.Body...)
				}
			}),
		},
		{
			Name:    "the operation is gone once it has ended",
			Promise: "A GET of the Location returns whether the operation is queued, succeeded or failed: an ended operation too.",
			Source:  promiseStatusEnds,
			Caught:  catches(rules.DocumentedStatus, polling()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if obj, ok := jsonObject(a.Body); isOperationGet(r) && a.Status == http.StatusOK && ok && obj["status"] == "succeeded" {
					a.graphError(http.StatusNotFound, "NotFound", "The operation does not exist.")
				}
			}),
		},
		{
			Name:    "the poll's Retry-After is not seconds",
			Promise: "Retry-After gives the number of seconds, possibly fractional, to wait.",
			Source:  Source{pageErrors, "a `Retry-After` header that gives the number of seconds, possibly fractional"},
			Caught:  catches(rules.RetryAfterFormat, polling()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationGet(r) && a.Status == http.StatusOK && a.Header.Get("Retry-After") != "" {
					a.Header.Set("Retry-After", "in a moment")
				}
			}),
		},
		{
			Name:    "the operation asks to be polled again in an hour",
			Promise: "The operation's 200 may carry a Retry-After, the seconds to wait before the next poll: a wait within which the operation an update started can be watched to its end.",
			Source:  promisePollRetryAfter,
			Caught:  catches(rules.RetryAfterWithinBudget, polling()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationGet(r) && a.Status == http.StatusOK && a.Header.Get("Retry-After") != "" {
					a.Header.Set("Retry-After", "3600")
				}
			}),
		},
	}
}
