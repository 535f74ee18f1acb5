package steps

import (
	"context"
	"encoding/json"
	"errors"
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
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/rules"
	"github.com/graphconform/graphconform/internal/target"
)

// defaultPollInterval is how long to wait between polls when the target sends no Retry-After.
const defaultPollInterval = 2 * time.Second

// TeamworkDeviceAPI is teamworkDevice's updateSoftware, the long-running operation it starts and the
// device's list of operations.
func TeamworkDeviceAPI() API {
	return API{
		Name:      "teamworkDevice",
		Resources: []target.ResourceKind{teamworkDevices},
		Mock:      mockgraph.TeamworkDeviceAPI,
		Steps: func(sc Registrar) {
			registerUpdateSoftware(sc)
			registerListOperations(sc)
		},
		Requests: []NamedRequest{{Name: "updateSoftware", Operation: "teamworkDevice.updateSoftware", Build: func(w *Scenario) (client.Request, error) {
			return client.Request{Method: http.MethodPost, Path: updateSoftwarePath(devices.Of(w).device), Header: jsonHeader(), Body: updateBody("teamsClient", "1.0.96.22")}, nil
		}, Send: func(ctx context.Context, w *Scenario, req client.Request) (context.Context, error) {
			return w.updateSoftware(ctx, devices.Of(w).device, req.Body)
		}}},
		Acquire: aTeamsDevice,
		Settle:  settleOperations,
	}
}

// teamworkDevices are the ids of Teams devices the suite may send software updates to.
var teamworkDevices = &target.Resource[string]{
	Key:  "teamworkDevices",
	Need: "list at least one Teams device id the suite may update",
	Check: func(id string) error {
		if id == "" {
			return errors.New("the id is empty")
		}
		return nil
	},
	Seeded: func(seed mockgraph.Seed) []string { return append([]string(nil), seed.TeamworkDevices...) },
}

// deviceState is what a scenario's teamworkDevice steps keep.
type deviceState struct {
	device          string
	otherDevice     string
	location        string // Location of the latest 202, as sent
	operationPath   string // the Location resolved to a path below the target
	operationStatus string // the status of the latest GET of the operation
	listTop         int    // the $top of the latest list of operations
	// startedOperations are the ids of the operations this scenario's updates started.
	startedOperations []string
	// startedBy are the callers of the updates, by the id of the operation each started, when their
	// token named them.
	startedBy map[string]conformance.Caller
	// pendingOperations are operations this scenario started that may not have ended.
	pendingOperations []string
	// operationTypes are the operationType each operation, by path, first answered with.
	operationTypes map[string]string
	// releaseDevice gives back the device(s) the scenario holds.
	releaseDevice func()
}

var devices = &State[deviceState]{Name: "teamworkDevice"}

// errNoDevice means a step needs the scenario's device and it took none.
var errNoDevice = errors.New("no device: start the scenario with \"Given a Teams device the suite may update\"")

// theDevice returns the scenario's device, or errNoDevice.
func (w *Scenario) theDevice() (string, error) {
	if device := devices.Of(w).device; device != "" {
		return device, nil
	}
	return "", errNoDevice
}

// settled forgets an operation that has ended.
func (d *deviceState) settled(operationPath string) {
	kept := d.pendingOperations[:0]
	for _, op := range d.pendingOperations {
		if op != operationPath {
			kept = append(kept, op)
		}
	}
	d.pendingOperations = kept
}

func registerUpdateSoftware(sc Registrar) {
	sc.Step(`^a Teams device the suite may update$`, Step(aTeamsDevice))
	sc.Step(`^another Teams device the suite may update$`, Step(anotherTeamsDevice))
	sc.Step(`^I request a "([^"]*)" software update to version "([^"]*)"$`, requestSoftwareUpdate)
	sc.Step(`^I request a "([^"]*)" software update of the other device to version "([^"]*)"$`, requestSoftwareUpdateOfTheOtherDevice)
	sc.Step(`^I request a "([^"]*)" software update of a device that does not exist$`, requestSoftwareUpdateOfAnUnknownDevice)
	sc.Step(`^I request a software update with the body:$`, requestSoftwareUpdateWithBody)
	sc.Step(`^I get the operation at the Location$`, Step(getOperationAtLocation))
	sc.Step(`^I get an operation of the device that does not exist$`, Step(getAnUnknownOperation))
	sc.Step(`^the operation is the one the Location names$`, Step(operationIsTheOneTheLocationNames))
	sc.Step(`^the operation names the caller who started it as createdBy$`, Step(theOperationNamesItsCaller))
	sc.Step(`^I poll the operation until it reaches a terminal status$`, Step(pollOperation))
	sc.Step(`^the operation ended as "([^"]*)" or "([^"]*)"$`, operationEndedAs)
}

// aTeamsDevice gives the scenario its device; a scenario that holds one already keeps it, so that a
// step that takes it again does not wait for the device the scenario itself holds.
func aTeamsDevice(ctx context.Context, w *Scenario) error {
	if devices.Of(w).device != "" {
		return nil
	}
	device, release, err := teamworkDevices.Acquire(ctx, w.session)
	if err != nil {
		return w.acquireFailed(err)
	}
	w.Hold(release)
	devices.Of(w).device = device
	devices.Of(w).releaseDevice = release
	return nil
}

// anotherTeamsDevice gives the scenario a second device. It gives back the first and takes two at once,
// so two scenarios that each hold one device never wait for each other's.
func anotherTeamsDevice(ctx context.Context, w *Scenario) error {
	d := devices.Of(w)
	if d.releaseDevice == nil {
		return fmt.Errorf("no first device: start the scenario with \"Given a Teams device the suite may update\"")
	}
	d.releaseDevice()
	taken, release, err := teamworkDevices.AcquireN(ctx, w.session, 2)
	if err != nil {
		return w.acquireFailed(err)
	}
	w.Hold(release)
	d.releaseDevice = release
	d.device, d.otherDevice = taken[0], taken[1]
	return nil
}

// settleOperations waits, within the poll budget, for the operations the scenario started to end, so
// the device is idle for the next scenario that takes it. It gives up at the first answer it cannot
// use (see pollUntilTerminal).
func settleOperations(ctx context.Context, w *Scenario) {
	for _, op := range append([]string(nil), devices.Of(w).pendingOperations...) {
		_ = w.pollUntilTerminal(ctx, op, false)
	}
}

func requestSoftwareUpdate(ctx context.Context, softwareType, version string) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	device, err := w.theDevice()
	if err != nil {
		return ctx, err
	}
	return w.updateSoftware(ctx, device, updateBody(softwareType, version))
}

func requestSoftwareUpdateOfTheOtherDevice(ctx context.Context, softwareType, version string) (context.Context, error) {
	w := worldFrom(ctx)
	if w == nil {
		return ctx, errNoWorld
	}
	if devices.Of(w).otherDevice == "" {
		return ctx, fmt.Errorf("no other device: add \"And another Teams device the suite may update\"")
	}
	return w.updateSoftware(ctx, devices.Of(w).otherDevice, updateBody(softwareType, version))
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
	device, err := w.theDevice()
	if err != nil {
		return ctx, err
	}
	return w.updateSoftware(ctx, device, []byte(body.Content))
}

func updateBody(softwareType, version string) []byte {
	body, _ := json.Marshal(map[string]string{"softwareType": softwareType, "softwareVersion": version})
	return body
}

func updateSoftwarePath(device string) string {
	return "/beta/teamwork/devices/" + url.PathEscape(device) + "/updateSoftware"
}

// updateSoftware posts an update of device and, on 202, remembers the operation the Location names.
func (w *Scenario) updateSoftware(ctx context.Context, device string, body []byte) (context.Context, error) {
	ctx, err := w.Send(ctx, client.Request{Method: http.MethodPost, Path: updateSoftwarePath(device), Header: jsonHeader(), Body: body})
	if w.last != nil && w.last.Exchange.Response.Status == http.StatusAccepted {
		devices.Of(w).location = w.last.Exchange.Response.Header.Get("Location")
		if p, perr := resolveLocation(w.last.Exchange.Request.Path, devices.Of(w).location); perr == nil {
			devices.Of(w).operationPath = p
			devices.Of(w).pendingOperations = append(devices.Of(w).pendingOperations, p)
			devices.Of(w).startedOperations = append(devices.Of(w).startedOperations, operationIDOf(devices.Of(w).location))
			w.rememberCaller(ctx, operationIDOf(devices.Of(w).location))
		}
	}
	return ctx, err
}

// operationIDOf returns the operation id a Location names: its last path segment.
func operationIDOf(location string) string {
	return path.Base(strings.TrimRight(strings.SplitN(location, "?", 2)[0], "/"))
}

// resolveLocation turns a Location into a path below the target. The docs show it relative to the
// version root (/teamwork/devices/…/operations/…); an absolute URL, a network-path reference
// (//host/…, a host of its own, which the client judges as the URL it names) or a path that already
// starts with the version is taken as it is.
func resolveLocation(requestPath, location string) (string, error) {
	if location == "" {
		return "", fmt.Errorf("the 202 response has no Location header")
	}
	if u, err := url.Parse(location); err == nil && (u.IsAbs() || strings.HasPrefix(location, "//")) {
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

func getOperationAtLocation(ctx context.Context, w *Scenario) error {
	if devices.Of(w).operationPath == "" {
		return w.Fail(rules.LocationResolves, "there is no Location to follow: %q does not resolve", devices.Of(w).location)
	}
	if _, err := w.Send(ctx, client.Request{Method: http.MethodGet, Path: devices.Of(w).operationPath}); err != nil {
		return err
	}
	if w.last.Exchange.Response.Status == http.StatusOK {
		if err := w.operationTypeHolds(devices.Of(w).operationPath, w.last.Exchange.Response.Body); err != nil {
			return err
		}
	}
	devices.Of(w).operationStatus = operationStatus(w.last.Exchange.Response.Body)
	_, err := w.checkCreatedBy()
	return err
}

func getAnUnknownOperation(ctx context.Context, w *Scenario) error {
	device, err := w.theDevice()
	if err != nil {
		return err
	}
	_, err = w.Send(ctx, client.Request{Method: http.MethodGet, Path: operationsPath(device) + "/" + guid.New()})
	return err
}

func operationIsTheOneTheLocationNames(_ context.Context, w *Scenario) error {
	resp, err := w.LastResponse()
	if err != nil {
		return err
	}
	var op struct {
		ID            string `json:"id"`
		OperationType string `json:"operationType"`
	}
	if err := json.Unmarshal(resp.Body, &op); err != nil {
		return w.Fail(rules.LocationResolves, "the Location's body is not a teamworkDeviceOperation: %v", err)
	}
	want := operationIDOf(devices.Of(w).location)
	if op.ID != want {
		return w.Fail(rules.LocationResolves, "the Location names operation %q but resolves to an operation with id %q", want, op.ID)
	}
	if op.OperationType != "softwareUpdate" {
		return w.Fail(rules.LocationResolves, "the operation's operationType is %q; an updateSoftware starts a softwareUpdate", op.OperationType)
	}
	return nil
}

func pollOperation(ctx context.Context, w *Scenario) error {
	if devices.Of(w).operationPath == "" {
		return w.Fail(rules.LocationResolves, "there is no operation to poll: the Location %q does not resolve", devices.Of(w).location)
	}
	return w.pollUntilTerminal(ctx, devices.Of(w).operationPath, true)
}

// pollUntilTerminal gets the operation until its status is terminal, waiting Retry-After (or the
// default interval) between polls, within the suite's poll budget and what is left of the scenario's.
// With record false, the polls are not checked and failures are not findings (used to let a device
// settle after a scenario); then it gives up at the first answer it cannot use. Either way, an
// operation polling gave up on is forgotten: nothing is gained by waiting for it again.
func (w *Scenario) pollUntilTerminal(ctx context.Context, operationPath string, record bool) error {
	budget := w.suite.pollBudget()
	d := devices.Of(w)
	var waited time.Duration
	for {
		var status int
		var body []byte
		var header http.Header
		if record {
			if _, err := w.Send(ctx, client.Request{Method: http.MethodGet, Path: operationPath}); err != nil {
				d.settled(operationPath)
				return err
			}
			status, body, header = w.last.Exchange.Response.Status, w.last.Exchange.Response.Body, w.last.Exchange.Response.Header
			if _, err := w.checkCreatedBy(); err != nil {
				d.settled(operationPath)
				return err
			}
		} else {
			ex, err := w.session.Client.Do(ctx, client.Request{Method: http.MethodGet, Path: operationPath})
			if err != nil {
				d.settled(operationPath)
				return err
			}
			status, body, header = ex.Response.Status, ex.Response.Body, ex.Response.Header
		}
		if status != http.StatusOK {
			d.settled(operationPath)
			if !record {
				return nil
			}
			return w.Fail(rules.DocumentedStatus, "polling the operation answered %d; the docs promise a GET of the Location reports its status", status)
		}
		if record {
			if err := w.operationTypeHolds(operationPath, body); err != nil {
				d.settled(operationPath)
				return err
			}
		}
		d.operationStatus = operationStatus(body)
		s, known := conformance.LookupOperationStatus(d.operationStatus)
		if !known || s.Terminal {
			// A status outside the docs' vocabulary is a finding of its own (operation-status-vocabulary);
			// no later poll can turn it into one the suite knows to wait for.
			d.settled(operationPath)
			if !known && record {
				return w.Fail(rules.OperationReachesTerminalStatus, "the operation reports %q, which is not a status the docs name; polling stops", d.operationStatus)
			}
			return nil
		}
		interval := defaultPollInterval
		if ra, ok := conformance.ParseRetryAfter(header.Get("Retry-After"), time.Now()); ok && ra > 0 {
			interval = ra
		}
		// A wait longer than all the scenario has left is the Retry-After's fault, however long the
		// operation has been polled; one that only passes the poll budget is the operation's.
		if left := w.budgetLeft(); record && interval > left {
			d.settled(operationPath)
			return w.Fail(rules.RetryAfterWithinBudget, "the operation asks to be polled again after %s; only %s is left of the scenario's budget of %s",
				interval, left.Round(time.Second), w.suite.scenarioBudget())
		}
		if waited+interval > budget {
			d.settled(operationPath)
			if !record {
				return nil
			}
			return w.Fail(rules.OperationReachesTerminalStatus, "the operation was still %q after %s of polling; the next poll, after %s, would pass the poll budget of %s",
				d.operationStatus, waited, interval, budget)
		}
		if err := w.session.Wait(ctx, interval); err != nil {
			d.settled(operationPath)
			return err
		}
		waited += interval
	}
}

// operationTypeHolds remembers the operationType an operation first answers with, and fails when a
// later answer of the same operation names another: the Location names one operation, of one type all
// its life.
func (w *Scenario) operationTypeHolds(operationPath string, body []byte) error {
	var op struct {
		OperationType string `json:"operationType"`
	}
	if json.Unmarshal(body, &op) != nil || op.OperationType == "" {
		return nil // the schema checks judge a body without one
	}
	d := devices.Of(w)
	first, seen := d.operationTypes[operationPath]
	if !seen {
		if d.operationTypes == nil {
			d.operationTypes = map[string]string{}
		}
		d.operationTypes[operationPath] = op.OperationType
		return nil
	}
	if op.OperationType != first {
		return w.Fail(rules.LocationResolves, "the operation at the Location answered as a %q and now as a %q; the Location names one operation", first, op.OperationType)
	}
	return nil
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
	for _, name := range []string{first, second} {
		if _, ok := conformance.LookupOperationStatus(name); !ok {
			return fmt.Errorf("%q is not an operation status the docs name: write queued, scheduled, inProgress, succeeded, failed or cancelled", name)
		}
	}
	if devices.Of(w).operationStatus == "" {
		return errors.New(`no operation status was read yet: add "When I poll the operation until it reaches a terminal status" first`)
	}
	got, known := conformance.LookupOperationStatus(devices.Of(w).operationStatus)
	for _, name := range []string{first, second} {
		// Compared in canonical form: the resource page's "Successful" is the updateSoftware page's "succeeded".
		if want, ok := conformance.LookupOperationStatus(name); known && ok && want.Canonical == got.Canonical {
			return nil
		}
	}
	return w.Fail(rules.OperationReachesTerminalStatus, "the operation ended as %q; the docs name %q or %q", devices.Of(w).operationStatus, first, second)
}
