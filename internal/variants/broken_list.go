package variants

import (
	"net/http"
	"strings"

	"github.com/graphconform/graphconform/internal/rules"
)

var (
	promiseTop      = Source{pageListOperations, "`$top` takes a whole number from 1 to 50."}
	promiseNextLink = Source{pageListOperations, "the response contains an `@odata.nextLink`"}
	promiseList     = Source{pageListOperations, "a collection of [teamworkDeviceOperation]"}
)

func brokenList() []Variant {
	return []Variant{
		{
			Name:    "the operations list ignores $top",
			Promise: "The list supports $top: a page holds at most $top operations.",
			Source:  promiseTop,
			Caught:  catches(rules.OperationsListHoldsOperation, ScenarioListed),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationsList(r) && a.Status == http.StatusOK {
					a.editJSON(func(page map[string]any) {
						if items, ok := page["value"].([]any); ok && len(items) > 0 {
							page["value"] = append(items, items[0])
						}
					})
				}
			}),
		},
		{
			Name:    "the operations list has no next page",
			Promise: "When more operations remain than one page holds, the response contains an @odata.nextLink.",
			Source:  promiseNextLink,
			Caught:  catches(rules.OperationsListHoldsOperation, ScenarioListed),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationsList(r) && a.Status == http.StatusOK {
					a.SetJSON("@odata.nextLink", nil)
				}
			}),
		},
		{
			Name:    "the operations list's next page is the first page again",
			Promise: "The @odata.nextLink's $skiptoken is the cursor of the next page.",
			Source:  promiseNextLink,
			Caught:  catches(rules.OperationsListHoldsOperation, ScenarioListed),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationsList(r) && a.Status == http.StatusOK {
					a.editJSON(func(page map[string]any) {
						if next, ok := page["@odata.nextLink"].(string); ok && next != "" {
							page["@odata.nextLink"] = r.URL.String()
						}
					})
				}
			}),
		},
		{
			Name:    "the @odata.nextLink is a network-path reference to another host",
			Promise: "The @odata.nextLink is the URL of the device's next page of operations, requested as it is: on the service that answered the list, not on another host.",
			Source:  promiseNextLink,
			Caught:  catches(rules.LinkOnTargetOrigin, ScenarioListed),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationsList(r) && a.Status == http.StatusOK {
					a.editJSON(func(page map[string]any) {
						if next, ok := page["@odata.nextLink"].(string); ok {
							page["@odata.nextLink"] = "//evil.example" + strings.TrimPrefix(next, "http://"+r.Host)
						}
					})
				}
			}),
		},
		{
			Name:    "the operations list leaves out the device's operations",
			Promise: "The list is a collection of the device's teamworkDeviceOperation objects.",
			Source:  promiseList,
			Caught:  catches(rules.OperationsListHoldsOperation, ScenarioListed),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationsList(r) && a.Status == http.StatusOK {
					a.Body = []byte(`{"value":[]}`)
				}
			}),
		},
		{
			Name:    "the operations list is one object, not a collection",
			Promise: "The list returns a collection of teamworkDeviceOperation objects.",
			Source:  promiseList,
			Caught:  catches(rules.ResponseBodySchema, ScenarioListed),
			Wrap: always(func(r *http.Request, a *Answer) {
				if isOperationsList(r) && a.Status == http.StatusOK {
					a.editJSON(func(page map[string]any) {
						if items, ok := page["value"].([]any); ok && len(items) > 0 {
							page["value"] = items[0]
						}
					})
				}
			}),
		},
	}
}
