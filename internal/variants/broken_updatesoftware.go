package variants

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/graphconform/graphconform/internal/rules"
)

var (
	promiseLocationHeader = Source{pageUpdateSoftware, "The response will also contain a `Location` header"}
	promise202            = Source{pageUpdateSoftware, "If successful, this method returns a `202 Accepted` response code."}
	promise409            = Source{pageUpdateSoftware, "This method also returns a `409 Conflict` response code if the operation is already in queued state."}
	promiseTypes          = Source{pageUpdateSoftware, "Valid types are: `adminAgent`, `operatingSystem`"}
	promiseVersion        = Source{pageUpdateSoftware, "|softwareVersion|String|"}
	promiseJSONBody       = Source{pageUpdateSoftware, "In the request body, supply a JSON representation of the parameters."}
	promiseRequired       = Source{pageDecisions, "| `enum-parameter-required` |"}
	promise404            = Source{pageErrors, "|404|Not Found|"}
)

func brokenUpdateSoftware() []Variant {
	out := []Variant{
		{
			Name:    "updateSoftware answers 200 instead of 202",
			Promise: "If successful, updateSoftware returns 202 Accepted.",
			Source:  promise202,
			Caught:  catches(rules.ResponseStatusDeclared, acceptingUpdates()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
					a.Status = http.StatusOK
				}
			}),
		},
		{
			Name:    "the 202 of updateSoftware has a body",
			Promise: "The 202 carries the Location of the operation; the docs' example has an empty body.",
			Source:  Source{pageUpdateSoftware, "Content-Length: 0"},
			Caught:  catches(rules.AcceptedHasNoBody, acceptingUpdates()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
					a.Header.Set("Content-Type", "application/json")
					a.Body = []byte(`{"status":"queued"}`)
				}
			}),
		},
		{
			Name:    "the 202 of updateSoftware has no Location",
			Promise: "The 202 contains a Location header, the location of the teamworkDeviceOperation.",
			Source:  promiseLocationHeader,
			Caught:  catches(rules.ResponseHeader, acceptingUpdates()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
					a.Header.Del("Location")
				}
			}),
		},
		{
			Name:    "the 202 names its operation in one Location header and another device's in a second",
			Promise: "The 202 contains a Location header, one, the location of the teamworkDeviceOperation the update started.",
			Source:  promiseLocationHeader,
			Caught:  catches(rules.LocationNamesDeviceOperation, acceptingUpdates()...),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusAccepted {
					a.Header.Add("Location", "/teamwork/devices/00000000-0000-4000-8000-00000000dead/operations/o")
				}
			}),
		},
		{
			Name:    "no 409 while an update is queued",
			Promise: "updateSoftware returns 409 Conflict if the operation is already in queued state.",
			Source:  promise409,
			Caught:  catches(rules.DocumentedStatus, ScenarioConflict),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusConflict {
					a.Status, a.Body = http.StatusAccepted, nil
					a.Header = http.Header{"Location": {operationOf(r, "accepted-again")}, "Request-Id": {"r"}}
				}
			}),
		},
		{
			Name:    "a second update while the first is queued answers 400 instead of 409",
			Promise: "updateSoftware returns 409 Conflict if the operation is already in queued state.",
			Source:  promise409,
			Caught:  catches(rules.DocumentedStatus, ScenarioConflict),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusConflict {
					a.graphError(http.StatusBadRequest, "BadRequest", "The device is busy.")
				}
			}),
		},
		{
			Name:    "409 for every update after the device's first, even once it has ended",
			Promise: "The 409 is for an operation already in queued state: once it has ended, the device accepts an update again.",
			Source:  promise409,
			Caught:  catches(rules.DocumentedStatus, ScenarioAgain, ScenarioListed),
			Wrap: answers(func() Rewrite {
				updated := map[string]bool{}
				return func(r *http.Request, a *Answer) {
					if !isUpdateSoftware(r) || a.Status != http.StatusAccepted {
						return
					}
					if updated[r.URL.Path] {
						a.graphError(http.StatusConflict, "Conflict", "busy")
					}
					updated[r.URL.Path] = true
				}
			}),
		},
		{
			Name:    "409 for another device while one is queued",
			Promise: "The 409 is for the device whose operation is queued, not for every device.",
			Source:  promise409,
			Caught:  catches(rules.DocumentedStatus, ScenarioOtherDevice),
			Wrap: answers(func() Rewrite {
				busy := ""
				return func(r *http.Request, a *Answer) {
					if !isUpdateSoftware(r) || a.Status != http.StatusAccepted {
						return
					}
					if busy != "" && busy != r.URL.Path {
						a.graphError(http.StatusConflict, "Conflict", "busy")
					}
					busy = r.URL.Path
				}
			}),
		},
		{
			Name:    "an update of an unknown device answers 400 instead of 404",
			Promise: "404 Not Found: the requested resource doesn't exist.",
			Source:  promise404,
			Caught:  catches(rules.DocumentedStatus, ScenarioUnknown),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusNotFound {
					a.Status = http.StatusBadRequest
				}
			}),
		},
		{
			Name:    "an update of an unknown device is accepted",
			Promise: "404 Not Found: the requested resource doesn't exist.",
			Source:  promise404,
			Caught:  catches(rules.DocumentedStatus, ScenarioUnknown),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusNotFound {
					a.Status, a.Body = http.StatusAccepted, nil
					a.Header = http.Header{"Location": {operationOf(r, "o")}, "Request-Id": {"r"}}
				}
			}),
		},
		{
			Name:    "unknown software types are accepted",
			Promise: "The software type is one of the types the page lists.",
			Source:  promiseTypes,
			Caught:  catches(rules.DocumentedStatus, ScenarioBadUpdateBody("unknown software type")),
			Wrap: acceptingUpdateBodies(func(body []byte) bool {
				obj, ok := jsonObject(body)
				s, isString := obj["softwareType"].(string)
				return ok && isString && !slices.Contains(append(softwareTypes, "unknownFutureValue"), s)
			}),
		},
		{
			Name:    "an update without a software type is accepted",
			Promise: "softwareType is required: an update names what to update.",
			Source:  promiseRequired,
			Caught:  catches(rules.DocumentedStatus, ScenarioBadUpdateBody("missing software type")),
			Wrap: acceptingUpdateBodies(func(body []byte) bool {
				obj, ok := jsonObject(body)
				_, named := obj["softwareType"]
				return ok && !named
			}),
		},
		{
			Name:    "a software type that is not a string is accepted",
			Promise: "softwareType is a teamworkSoftwareType, a string enumeration.",
			Source:  promiseTypes,
			Caught:  catches(rules.DocumentedStatus, ScenarioBadUpdateBody("mistyped software type")),
			Wrap: acceptingUpdateBodies(func(body []byte) bool {
				obj, ok := jsonObject(body)
				_, isNumber := obj["softwareType"].(float64)
				return ok && isNumber
			}),
		},
		{
			Name:    "a software version that is not a string is accepted",
			Promise: "softwareVersion is a String.",
			Source:  promiseVersion,
			Caught:  catches(rules.DocumentedStatus, ScenarioBadUpdateBody("mistyped version")),
			Wrap: acceptingUpdateBodies(func(body []byte) bool {
				obj, ok := jsonObject(body)
				_, isNumber := obj["softwareVersion"].(float64)
				return ok && isNumber
			}),
		},
		{
			Name:    "an update body that is not JSON is accepted",
			Promise: "The request body is a JSON representation of the parameters.",
			Source:  promiseJSONBody,
			Caught:  catches(rules.DocumentedStatus, ScenarioBadUpdateBody("malformed JSON")),
			Wrap:    acceptingUpdateBodies(func(body []byte) bool { return !json.Valid(body) }),
		},
	}
	for _, softwareType := range softwareTypes {
		out = append(out, Variant{
			Name:    "updateSoftware refuses the software type " + softwareType,
			Promise: "Every type the page lists is valid: " + softwareType + " is accepted with 202.",
			Source:  promiseTypes,
			Caught:  catches(rules.DocumentedStatus, ScenarioSoftwareType(softwareType)),
			Wrap: always(func(r *http.Request, a *Answer) {
				if !isUpdateSoftware(r) || a.Status != http.StatusAccepted {
					return
				}
				if obj, ok := jsonObject(readBody(r)); ok && obj["softwareType"] == softwareType {
					a.graphError(http.StatusBadRequest, "BadRequest", "Unsupported software type.")
				}
			}),
		})
	}
	return out
}

// operationOf is the Location of operation id of the device an updateSoftware request names, so a
// fabricated 202 names what its request named and breaks only the promise its variant is about.
func operationOf(r *http.Request, id string) string {
	return strings.TrimPrefix(strings.TrimSuffix(r.URL.Path, "/updateSoftware"), "/beta") + "/operations/" + id
}
