package steps

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
)

// maxListPages bounds how many pages of a device's operations a scenario follows.
const maxListPages = 20

func registerListOperations(sc Registrar) {
	sc.Step(`^I list the device's operations, (\d+) per page$`, listTheDevicesOperations)
	sc.Step(`^I list the device's operations without a token$`, Step(listTheDevicesOperationsWithoutAToken))
	sc.Step(`^the list, followed page by page, holds every operation the scenario started$`, Step(theListHoldsTheOperations))
	sc.Step(`^the page holds at most (\d+) operations$`, thePageHoldsAtMost)
}

func listTheDevicesOperationsWithoutAToken(ctx context.Context, w *Scenario) error {
	device, err := w.theDevice()
	if err != nil {
		return err
	}
	_, err = w.Send(ctx, client.Request{Method: http.MethodGet, Path: operationsPath(device) + "?$top=5", NoAuth: true})
	return err
}

func operationsPath(device string) string {
	return "/beta/teamwork/devices/" + url.PathEscape(device) + "/operations"
}

// thePageHoldsAtMost checks the latest page is a collection no longer than top.
func thePageHoldsAtMost(ctx context.Context, top int) error {
	w := worldFrom(ctx)
	if w == nil {
		return errNoWorld
	}
	page, err := w.latestPage()
	if err != nil {
		return err
	}
	if len(page.Value) > top {
		return w.Fail(rules.OperationsListHoldsOperation, "a page holds %d operations; $top asked for at most %d", len(page.Value), top)
	}
	return nil
}

func listTheDevicesOperations(ctx context.Context, top int) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	device, err := w.theDevice()
	if err != nil {
		return ctx, err
	}
	devices.Of(w).listTop = top
	return w.Send(ctx, client.Request{
		Method: http.MethodGet,
		Path:   operationsPath(device) + "?$top=" + strconv.Itoa(top),
	})
}

type operationsPage struct {
	Value []struct {
		ID string `json:"id"`
	} `json:"value"`
	NextLink string `json:"@odata.nextLink"`
}

// latestPage reads the latest response as a page of the device's operations: a 200 whose body holds
// a value array.
func (w *Scenario) latestPage() (operationsPage, error) {
	var page operationsPage
	if w.last == nil || w.last.Operation != mockgraph.OpListOperations {
		return page, errors.New("the latest response is not a list of the device's operations: list them first, e.g. \"When I list the device's operations, 5 per page\"")
	}
	resp := w.last.Exchange.Response
	if resp.Status != http.StatusOK {
		return page, w.Fail(rules.DocumentedStatus, "listing the operations answered %d; the docs promise 200", resp.Status)
	}
	if err := json.Unmarshal(resp.Body, &page); err != nil || page.Value == nil {
		return page, w.Fail(rules.OperationsListHoldsOperation, "the page is not a collection with a value array: %s", abbreviate(resp.Body))
	}
	return page, nil
}

// theListHoldsTheOperations reads the latest page and follows @odata.nextLink until every operation
// the scenario started has turned up, checking each page's size against the $top asked.
func theListHoldsTheOperations(ctx context.Context, w *Scenario) error {
	missing := map[string]bool{}
	for _, id := range devices.Of(w).startedOperations {
		missing[id] = true
	}
	if len(missing) == 0 {
		return fmt.Errorf("the scenario started no operation: request an update first")
	}
	for pages := 1; ; pages++ {
		page, err := w.latestPage()
		if err != nil {
			return err
		}
		if len(page.Value) > devices.Of(w).listTop {
			return w.Fail(rules.OperationsListHoldsOperation, "a page holds %d operations; $top asked for at most %d", len(page.Value), devices.Of(w).listTop)
		}
		if _, err := w.checkCreatedBy(); err != nil {
			return err
		}
		for _, op := range page.Value {
			delete(missing, op.ID)
		}
		if len(missing) == 0 {
			return nil
		}
		if page.NextLink == "" || pages == maxListPages {
			ids := make([]string, 0, len(missing))
			for id := range missing {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			return w.Fail(rules.OperationsListHoldsOperation, "%d page(s) of the device's operations do not hold %s", pages, strings.Join(ids, ", "))
		}
		if _, err := w.Send(ctx, client.Request{Method: http.MethodGet, Path: page.NextLink}); err != nil {
			return err
		}
	}
}
