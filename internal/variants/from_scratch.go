package variants

import (
	"net/http"
	"strings"

	"github.com/graphconform/graphconform/internal/rules"
)

// Servers written from scratch, which never call the mock.

// docsOperation is the docs' example of a teamworkDeviceOperation GET, wrapped in "value" as the page
// shows it.
const docsOperation = `{"value":{"@odata.type":"#microsoft.graph.teamworkDeviceOperation","id":"119eb06d-0c4b-4fb3-a754-33dd0d6b618c",` +
	`"status":"successful","operationType":"softwareUpdate","startedDateTime":"2021-06-19T12:01:03.45Z",` +
	`"completedDateTime":"2021-06-19T12:05:41.12Z","createdDateTime":"2021-06-19T12:00:58.3Z",` +
	`"lastActionDateTime":"2021-06-19T12:05:41.12Z","error":null}}`

// scratch serves a handler in place of the mock.
func scratch(h http.HandlerFunc) func(http.Handler) http.Handler {
	return func(http.Handler) http.Handler { return h }
}

func writeGraphError(w http.ResponseWriter, status int, code, message string) {
	a := &Answer{}
	a.graphError(status, code, message)
	write(w, a)
}

func fromScratch() []Variant {
	return []Variant{
		{
			Name:    "from scratch: a server that answers every request 404",
			Promise: "If successful, updateSoftware returns 202 Accepted.",
			Source:  promise202,
			Caught: append(catches(rules.DocumentedStatus, ScenarioUpdate, ScenarioConflict, ScenarioUpgradeByID, ScenarioPatch),
				Catch{ScenarioNoTokenUpdate, rules.DocumentedStatus}),
			Wrap: scratch(func(w http.ResponseWriter, _ *http.Request) {
				writeGraphError(w, http.StatusNotFound, "NotFound", "Not found.")
			}),
		},
		{
			Name:    "from scratch: a server that fails every request with 500",
			Promise: "If successful, the PATCH returns 200 OK and the updated windowsUpdateState.",
			Source:  promise200,
			Caught:  catches(rules.DocumentedStatus, ScenarioUpdate, ScenarioUpgradeByID, ScenarioPatch, ScenarioUnknown),
			Wrap: scratch(func(w http.ResponseWriter, _ *http.Request) {
				writeGraphError(w, http.StatusInternalServerError, "InternalServerError", "Something went wrong.")
			}),
		},
		{
			Name:    "from scratch: a server that replays the docs' examples",
			Promise: "The GET of the Location returns a teamworkDeviceOperation object in the response body (the docs' example wraps it in \"value\").",
			Source:  Source{pageDecisions, "| `example-value-wrapper` |"},
			Caught: append(catches(rules.ResponseBodySchema, ScenarioUpdate),
				Catch{ScenarioConflict, rules.DocumentedStatus}),
			Wrap: scratch(func(w http.ResponseWriter, r *http.Request) {
				switch {
				case isUpdateSoftware(r):
					write(w, &Answer{Status: http.StatusAccepted, Header: http.Header{
						"Location":     {"/teamwork/devices/0f3ce432-e432-0f3c-32e4-3c0f32e43c0f/operations/119eb06d-0c4b-4fb3-a754-33dd0d6b618c"},
						"Content-Type": {"text/plain"},
					}})
				case isOperationGet(r) && strings.HasSuffix(r.URL.Path, "/119eb06d-0c4b-4fb3-a754-33dd0d6b618c"):
					write(w, &Answer{Status: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(docsOperation)})
				case isUpgrade(r):
					write(w, &Answer{Status: http.StatusNoContent, Header: http.Header{}})
				default:
					writeGraphError(w, http.StatusNotFound, "NotFound", "Not found.")
				}
			}),
		},
	}
}
