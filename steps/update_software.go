package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/cucumber/godog"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/conformance"
	"github.com/graphconform/graphconform/internal/guid"
	"github.com/graphconform/graphconform/internal/target"
)

// defaultPollInterval is how long to wait between polls when the target sends no Retry-After.
const defaultPollInterval = 2 * time.Second

func registerUpdateSoftware(sc *godog.ScenarioContext) {
	sc.Step(`^a Teams device the suite may update$`, step(aTeamsDevice))
	sc.Step(`^another Teams device the suite may update$`, step(anotherTeamsDevice))
	sc.Step(`^I request a "([^"]*)" software update to version "([^"]*)"$`, requestSoftwareUpdate)
	sc.Step(`^I request a "([^"]*)" software update of the other device to version "([^"]*)"$`, requestSoftwareUpdateOfTheOtherDevice)
	sc.Step(`^I request a "([^"]*)" software update of a device that does not exist$`, requestSoftwareUpdateOfAnUnknownDevice)
	sc.Step(`^I request a software update with the body:$`, requestSoftwareUpdateWithBody)
	sc.Step(`^I get the operation at the Location$`, step(getOperationAtLocation))
	sc.Step(`^I get an operation of the device that does not exist$`, step(getAnUnknownOperation))
	sc.Step(`^the operation is the one the Location names$`, step(operationIsTheOneTheLocationNames))
	sc.Step(`^I poll the operation until it reaches a terminal status$`, step(pollOperation))
	sc.Step(`^the operation ended as "([^"]*)" or "([^"]*)"$`, operationEndedAs)
}

func aTeamsDevice(ctx context.Context, w *world) error {
	device, release, err := w.session.Devices.Acquire(ctx)
	if err != nil {
		return w.acquireFailed(err)
	}
	w.hold(release)
	w.releaseDevice = release
	w.device = device
	return nil
}

// anotherTeamsDevice gives the scenario a second device. It gives back the first and takes both at once,
// so two scenarios that each hold one device never wait for each other's.
func anotherTeamsDevice(ctx context.Context, w *world) error {
	if w.releaseDevice == nil {
		return fmt.Errorf("no first device: start the scenario with \"Given a Teams device the suite may update\"")
	}
	if need := 2; w.session.Devices.Size() < need {
		return w.acquireFailed(&target.PoolTooSmallError{Pool: w.session.Devices.Name(), Need: need, Have: w.session.Devices.Size()})
	}
	w.releaseDevice()
	devices, release, err := w.session.Devices.AcquireN(ctx, 2)
	if err != nil {
		return w.acquireFailed(err)
	}
	w.hold(release)
	w.releaseDevice = release
	w.device, w.otherDevice = devices[0], devices[1]
	return nil
}

func requestSoftwareUpdate(ctx context.Context, softwareType, version string) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	if w.device == "" {
		return ctx, fmt.Errorf("no device: start the scenario with \"Given a Teams device the suite may update\"")
	}
	return w.updateSoftware(ctx, w.device, updateBody(softwareType, version))
}

func requestSoftwareUpdateOfTheOtherDevice(ctx context.Context, softwareType, version string) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	if w.otherDevice == "" {
		return ctx, fmt.Errorf("no other device: add \"And another Teams device the suite may update\"")
	}
	return w.updateSoftware(ctx, w.otherDevice, updateBody(softwareType, version))
}

func requestSoftwareUpdateOfAnUnknownDevice(ctx context.Context, softwareType string) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	return w.updateSoftware(ctx, guid.New(), updateBody(softwareType, "1.0"))
}

func requestSoftwareUpdateWithBody(ctx context.Context, body *godog.DocString) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	return w.updateSoftware(ctx, w.device, []byte(body.Content))
}

func updateBody(softwareType, version string) []byte {
	body, _ := json.Marshal(map[string]string{"softwareType": softwareType, "softwareVersion": version})
	return body
}

func updateSoftwarePath(device string) string {
	return "/beta/teamwork/devices/" + url.PathEscape(device) + "/updateSoftware"
}

// updateSoftware posts an update of device and, on 202, remembers the operation the Location names.
func (w *world) updateSoftware(ctx context.Context, device string, body []byte) (context.Context, error) {
	ctx, err := w.send(ctx, client.Request{Method: http.MethodPost, Path: updateSoftwarePath(device), Header: jsonHeader(), Body: body})
	if w.last != nil && w.last.Exchange.Response.Status == http.StatusAccepted {
		w.location = w.last.Exchange.Response.Header.Get("Location")
		if p, perr := resolveLocation(w.last.Exchange.Request.Path, w.location); perr == nil {
			w.operationPath = p
			w.pendingOperations = append(w.pendingOperations, p)
			w.startedOperations = append(w.startedOperations, operationIDOf(w.location))
		}
	}
	return ctx, err
}

// operationIDOf returns the operation id a Location names: its last path segment.
func operationIDOf(location string) string {
	return path.Base(strings.TrimRight(strings.SplitN(location, "?", 2)[0], "/"))
}

// resolveLocation turns a Location into a path below the target. The docs show it relative to the
// version root (/teamwork/devices/…/operations/…); an absolute URL or a path that already starts with
// the version is taken as it is.
func resolveLocation(requestPath, location string) (string, error) {
	if location == "" {
		return "", fmt.Errorf("the 202 response has no Location header")
	}
	if u, err := url.Parse(location); err == nil && u.IsAbs() {
		return location, nil
	}
	if !strings.HasPrefix(location, "/") {
		return "", fmt.Errorf("the Location %q is neither an absolute URL nor a path", location)
	}
	if versionRoot(location) != "" {
		return location, nil
	}
	return versionRoot(requestPath) + location, nil
}

func getOperationAtLocation(ctx context.Context, w *world) error {
	if w.operationPath == "" {
		return w.fail(conformance.RuleLocationResolves, "there is no Location to follow: %q does not resolve", w.location)
	}
	_, err := w.send(ctx, client.Request{Method: http.MethodGet, Path: w.operationPath})
	if err == nil {
		w.operationStatus = operationStatus(w.last.Exchange.Response.Body)
	}
	return err
}

func getAnUnknownOperation(ctx context.Context, w *world) error {
	_, err := w.send(ctx, client.Request{Method: http.MethodGet, Path: operationsPath(w.device) + "/" + guid.New()})
	return err
}

func operationIsTheOneTheLocationNames(_ context.Context, w *world) error {
	resp, err := w.lastResponse()
	if err != nil {
		return err
	}
	var op struct {
		ID            string `json:"id"`
		OperationType string `json:"operationType"`
	}
	if err := json.Unmarshal(resp.Body, &op); err != nil {
		return w.fail(conformance.RuleLocationResolves, "the Location's body is not a teamworkDeviceOperation: %v", err)
	}
	want := operationIDOf(w.location)
	if op.ID != want {
		return w.fail(conformance.RuleLocationResolves, "the Location names operation %q but resolves to an operation with id %q", want, op.ID)
	}
	if op.OperationType != "softwareUpdate" {
		return w.fail(conformance.RuleLocationResolves, "the operation's operationType is %q; an updateSoftware starts a softwareUpdate", op.OperationType)
	}
	return nil
}

func pollOperation(ctx context.Context, w *world) error {
	if w.operationPath == "" {
		return w.fail(conformance.RuleLocationResolves, "there is no operation to poll: the Location %q does not resolve", w.location)
	}
	return w.pollUntilTerminal(ctx, w.operationPath, true)
}

// pollUntilTerminal gets the operation until its status is terminal, waiting Retry-After (or the
// default interval) between polls, within the suite's poll budget and what is left of the scenario's.
// With record false, the polls are not checked and failures are not findings (used to let a device
// settle after a scenario); then it gives up at the first answer it cannot use. Either way, an
// operation polling gave up on is forgotten: nothing is gained by waiting for it again.
func (w *world) pollUntilTerminal(ctx context.Context, operationPath string, record bool) error {
	budget := w.suite.PollBudget
	var waited time.Duration
	for {
		var status int
		var body []byte
		var header http.Header
		if record {
			if _, err := w.send(ctx, client.Request{Method: http.MethodGet, Path: operationPath}); err != nil {
				w.settled(operationPath)
				return err
			}
			status, body, header = w.last.Exchange.Response.Status, w.last.Exchange.Response.Body, w.last.Exchange.Response.Header
		} else {
			ex, err := w.session.Client.Do(ctx, client.Request{Method: http.MethodGet, Path: operationPath})
			if err != nil {
				w.settled(operationPath)
				return err
			}
			status, body, header = ex.Response.Status, ex.Response.Body, ex.Response.Header
		}
		if status != http.StatusOK {
			w.settled(operationPath)
			if !record {
				return nil
			}
			return w.fail(conformance.RuleDocumentedStatus, "polling the operation answered %d; the docs promise a GET of the Location reports its status", status)
		}
		w.operationStatus = operationStatus(body)
		s, known := conformance.LookupOperationStatus(w.operationStatus)
		if !known || s.Terminal {
			// A status outside the docs' vocabulary is a finding of its own (operation-status-vocabulary);
			// no later poll can turn it into one the suite knows to wait for.
			w.settled(operationPath)
			if !known && record {
				return w.fail(conformance.RuleOperationTerminal, "the operation reports %q, which is not a status the docs name; polling stops", w.operationStatus)
			}
			return nil
		}
		interval := defaultPollInterval
		if d, ok := conformance.ParseRetryAfter(header.Get("Retry-After"), time.Now()); ok && d > 0 {
			interval = d
		}
		if waited+interval > budget {
			w.settled(operationPath)
			if !record {
				return nil
			}
			return w.fail(conformance.RuleOperationTerminal, "the operation was still %q after %s of polling (budget %s)", w.operationStatus, waited, budget)
		}
		if left := w.budgetLeft(); record && interval > left {
			w.settled(operationPath)
			return w.fail(conformance.RuleRetryAfterWithinBudget, "the operation asks to be polled again after %s; only %s is left of the scenario's budget of %s",
				interval, left.Round(time.Second), w.suite.scenarioBudget())
		}
		if err := w.session.Wait(ctx, interval); err != nil {
			w.settled(operationPath)
			return err
		}
		waited += interval
	}
}

func operationStatus(body []byte) string {
	var op struct {
		Status string `json:"status"`
	}
	_ = json.Unmarshal(body, &op)
	return op.Status
}

func operationEndedAs(ctx context.Context, first, second string) error {
	w := worldFrom(ctx)
	if w == nil {
		return errNoWorld
	}
	got, known := conformance.LookupOperationStatus(w.operationStatus)
	for _, name := range []string{first, second} {
		// Compared in canonical form: the resource page's "Successful" is the updateSoftware page's "succeeded".
		if want, ok := conformance.LookupOperationStatus(name); known && ok && want.Canonical == got.Canonical {
			return nil
		}
	}
	return w.fail(conformance.RuleOperationTerminal, "the operation ended as %q; the docs name %q or %q", w.operationStatus, first, second)
}
