package loadbench

import (
	"cmp"
	"encoding/json"
	"maps"
	"net/http"
	"net/url"

	"github.com/graphconform/graphconform/internal/guid"
)

// bareState is the windowsUpdateState the bare server patches: the seed's, as the mock answers it.
var bareState = map[string]any{
	"@odata.context":       "https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations('" + seedConfig + "')/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/$entity",
	"@odata.type":          "#microsoft.graph.windowsUpdateState",
	"id":                   seedState,
	"deviceId":             "0c8e6f3a-2b1d-4c5e-8f7a-9b0c1d2e3f4a",
	"userId":               "5b649834-7412-4cce-9e69-176e95a394f5",
	"deviceDisplayName":    "ADELE-LAPTOP-01",
	"userPrincipalName":    "adele.vance@contoso.example",
	"status":               "upToDate",
	"qualityUpdateVersion": "10.0.22631.3447",
	"featureUpdateVersion": "23H2",
	"lastScanDateTime":     "2024-04-09T07:15:42.1234567Z",
	"lastSyncDateTime":     "2024-04-09T07:20:03.7654321Z",
}

// BareHandler is the baseline: plain net/http doing the JSON work the mock does for the two
// operations, without routing through the description, validation or state. PATCH decodes the body,
// merges it into a copy of a windowsUpdateState and encodes the whole object; POST updateSoftware
// decodes the body and answers 202 with a Location, whose GET answers the succeeded operation. Anything
// else is 404; a body that is not a JSON object is 400. Every answer carries a request-id and a
// client-request-id, as Graph's do, so that a validating proxy in front of it finds nothing to report.
func BareHandler() http.Handler {
	mux := http.NewServeMux()
	identified := func(h http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			id := guid.New()
			w.Header().Set("request-id", id)
			w.Header().Set("client-request-id", cmp.Or(r.Header.Get("client-request-id"), id))
			h(w, r)
		}
	}
	mux.HandleFunc("PATCH "+VersionRoot+PatchWindowsUpdateState.Path, identified(func(w http.ResponseWriter, r *http.Request) {
		var patch map[string]any
		if err := json.NewDecoder(r.Body).Decode(&patch); err != nil || patch == nil {
			http.Error(w, `{"error":{"code":"BadRequest","message":"send a JSON object"}}`, http.StatusBadRequest)
			return
		}
		state := maps.Clone(bareState)
		maps.Copy(state, patch)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(state)
	}))
	mux.HandleFunc("POST "+VersionRoot+"/teamwork/devices/{device}/updateSoftware", identified(func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body == nil {
			http.Error(w, `{"error":{"code":"BadRequest","message":"send a JSON object"}}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Location", "/teamwork/devices/"+url.PathEscape(r.PathValue("device"))+"/operations/00000000-0000-4000-8000-000000000000")
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(http.StatusAccepted)
	}))
	mux.HandleFunc("GET "+VersionRoot+"/teamwork/devices/{device}/operations/{id}", identified(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"id": r.PathValue("id"), "operationType": "softwareUpdate", "status": "succeeded"})
	}))
	return mux
}
