package variants

import (
	"net/http"

	"github.com/graphconform/graphconform/internal/rules"
)

var (
	promiseCode    = Source{pageErrors, "|code|String|An error code string for the error that occurred. Required.|"}
	promiseMessage = Source{pageErrors, "|message|String|A developer ready message about the error that occurred."}
	promiseODataEr = Source{pageErrors, "|error|[mainError](#mainerror-resource-type)|The error. Required.|"}
	promiseInner   = Source{pageErrors, "|innerError|[innerError](#innererror-resource-type)|Optional."}
)

func brokenErrors() []Variant {
	return []Variant{
		{
			Name:    "the 409's Graph error has an empty code",
			Promise: "code: an error code string for the error that occurred. Required.",
			Source:  promiseCode,
			Caught:  catches(rules.GraphErrorBody, ScenarioConflict),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusConflict {
					a.Body = []byte(`{"error":{"code":"","message":""}}`)
				}
			}),
		},
		{
			Name:    "the 409 is not a Graph error",
			Promise: "The error resource is returned whenever an error occurs.",
			Source:  Source{pageErrors, "The error resource is returned whenever an error occurs"},
			Caught:  catches(rules.ResponseContentType, ScenarioConflict),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusConflict {
					a.Header = http.Header{"Content-Type": {"text/plain"}}
					a.Body = []byte("conflict")
				}
			}),
		},
		{
			Name:    "the 404 of an unknown device has no message",
			Promise: "message: a developer ready message about the error. Required.",
			Source:  promiseMessage,
			Caught:  catches(rules.ResponseBodySchema, ScenarioUnknown),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusNotFound {
					a.editJSON(func(obj map[string]any) {
						if e, ok := obj["error"].(map[string]any); ok {
							delete(e, "message")
						}
					})
				}
			}),
		},
		{
			Name:    "the 400s of updateSoftware are not wrapped in \"error\"",
			Promise: "The body of every error response is an odataError: {\"error\": mainError}.",
			Source:  promiseODataEr,
			Caught:  catches(rules.ResponseBodySchema, ScenarioBadUpdateBody("unknown software type")),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpdateSoftware(r) && a.Status == http.StatusBadRequest {
					a.Body = []byte(`{"code":"BadRequest","message":"Invalid softwareType."}`)
				}
			}),
		},
		{
			Name:    "the 404 of a windowsUpdateState has an innerError that is a string",
			Promise: "innerError is an object: the request-id, client-request-id and date.",
			Source:  promiseInner,
			Caught:  catches(rules.ResponseBodySchema, ScenarioNoState),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isStatePatch(r) && a.Status == http.StatusNotFound {
					a.editJSON(func(obj map[string]any) {
						if e, ok := obj["error"].(map[string]any); ok {
							e["innerError"] = "request 42"
						}
					})
				}
			}),
		},
		{
			Name:    "the 404 of an upgrade is an HTML page",
			Promise: "The error resource is returned whenever an error occurs.",
			Source:  Source{pageErrors, "The error resource is returned whenever an error occurs"},
			Caught:  catches(rules.ResponseContentType, ScenarioNoInstall, ScenarioNoUser),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isUpgrade(r) && a.Status == http.StatusNotFound {
					a.Header.Set("Content-Type", "text/html")
					a.Body = []byte("<html><body>Not found</body></html>")
				}
			}),
		},
	}
}
