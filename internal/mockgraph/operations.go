package mockgraph

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/graphconform/graphconform/internal/guid"
)

// operationTypeSoftwareUpdate is the operationType of the operations updateSoftware starts.
const operationTypeSoftwareUpdate = "softwareUpdate"

// dateTimeLayout is how the mock writes the date-times it makes, as Graph does: UTC, seven fraction
// digits.
const dateTimeLayout = "2006-01-02T15:04:05.0000000Z07:00"

// updateSoftware starts a softwareUpdate operation on a device: 202 with the operation's Location, or
// 409 while the device's previous operation is queued or in progress.
func (m *Mock) updateSoftware(w http.ResponseWriter, c *call) *apiError {
	deviceID := c.params["teamworkDeviceId"]
	body, _ := c.body.(map[string]any)
	softwareType, _ := body["softwareType"].(string)
	softwareVersion, _ := body["softwareVersion"].(string)

	m.mu.Lock()
	defer m.mu.Unlock()
	dev, ok := m.state.device(deviceID, true)
	if !ok {
		return deviceNotFound(deviceID)
	}
	now := m.clock.Now()
	if prev := dev.latest; prev != nil {
		if p := m.phaseOf(*prev, now); !p.terminal() {
			return newError(http.StatusConflict, CodeConflict, fmt.Sprintf(
				"An update of device '%s' is already %s (operation '%s'). Wait until it has succeeded or failed — GET /teamwork/devices/%s/operations/%s tells — then send the update again.",
				dev.id, p.status, prev.id, dev.id, prev.id))
		}
	}
	op := &operation{
		seq:             m.state.nextSeq,
		id:              guid.New(),
		operationType:   operationTypeSoftwareUpdate,
		created:         now,
		createdBy:       c.caller,
		softwareType:    softwareType,
		softwareVersion: softwareVersion,
		outcome:         m.timeline.Outcome,
	}
	if rule, ok := m.faults.takeFailOperation(); ok {
		op.outcome = StatusFailed
		op.failedBy = rule.ID
	}
	m.state.nextSeq++
	m.state.remember(dev, op, m.history, func(o *operation) bool { return m.phaseOf(*o, now).terminal() })

	w.Header().Set("Location", "/teamwork/devices/"+url.PathEscape(dev.id)+"/operations/"+op.id)
	w.Header().Set("Content-Type", "text/plain")
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusAccepted)
	return nil
}

// getOperation answers the current state of a teamworkDeviceOperation, with Retry-After while it is
// not finished.
func (m *Mock) getOperation(w http.ResponseWriter, c *call) *apiError {
	deviceID := c.params["teamworkDeviceId"]
	opID := c.params["teamworkDeviceOperationId"]

	m.mu.Lock()
	dev, ok := m.state.device(deviceID, false)
	if !ok {
		m.mu.Unlock()
		return deviceNotFound(deviceID)
	}
	op, ok := dev.operations[key(opID)]
	if !ok {
		m.mu.Unlock()
		return newError(http.StatusNotFound, CodeNotFound, fmt.Sprintf(
			"The operation '%s' of device '%s' was not found. Use the operation id of the Location header updateSoftware answered.", opID, dev.id))
	}
	now := m.clock.Now()
	m.timeline.polled(op, now)
	snapshot := *op
	devID := dev.id
	m.mu.Unlock()

	p := m.phaseOf(snapshot, now)
	if !p.terminal() {
		w.Header().Set("Retry-After", wholeSeconds(m.timeline.untilNextChange(snapshot.created, now)))
	}
	context := serviceRoot(c.r, c.version) + "/$metadata#teamwork/devices(" + odataKey(devID) + ")/operations/$entity"
	writeJSON(w, http.StatusOK, append(object{{"@odata.context", context}}, operationJSON(snapshot, p)...))
	return nil
}

// phaseOf tells where op stands at now: the mock's timeline, ending in the operation's own outcome.
func (m *Mock) phaseOf(op operation, now time.Time) phase {
	t := m.timeline
	if op.outcome != "" {
		t.Outcome = op.outcome
	}
	if t.countsPolls() {
		return t.byPolls(op.polls, op.started, op.completed)
	}
	return t.at(op.created, now)
}

// operationJSON renders a teamworkDeviceOperation in its phase p, without annotations.
func operationJSON(op operation, p phase) object {
	lastAction := op.created
	var errorValue any
	if p.started != nil {
		lastAction = *p.started
	}
	if p.completed != nil {
		lastAction = *p.completed
	}
	if p.status == StatusFailed {
		what := op.softwareType
		if op.softwareVersion != "" {
			what += " " + op.softwareVersion
		}
		why := "the mock's timeline ends in failure"
		if op.failedBy != "" {
			why = "the mock's fault rule " + op.failedBy + " failed it"
		}
		errorValue = object{
			{"code", "SoftwareUpdateFailed"},
			{"message", fmt.Sprintf("The device could not install the %s update (%s).", what, why)},
		}
	}
	return object{
		{"id", op.id},
		{"status", p.status},
		{"operationType", op.operationType},
		{"startedDateTime", formatTime(p.started)},
		{"completedDateTime", formatTime(p.completed)},
		{"createdDateTime", formatTime(&op.created)},
		{"lastActionDateTime", formatTime(&lastAction)},
		{"createdBy", op.createdBy},
		{"lastActionBy", op.createdBy},
		{"error", errorValue},
	}
}

// formatTime is a date-time as Graph writes it, or null.
func formatTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return dateTime(*t)
}

// dateTime is a date-time a body writes as Graph does (UTC, seven fractional digits); appendJSON
// writes it without formatting it into a string first.
type dateTime time.Time

// appendJSON appends the date-time as a JSON string.
func (d dateTime) appendJSON(buf []byte) []byte {
	buf = append(buf, '"')
	buf = time.Time(d).UTC().AppendFormat(buf, dateTimeLayout)
	return append(buf, '"')
}

// MarshalJSON writes the date-time as appendJSON does, for encoding/json.
func (d dateTime) MarshalJSON() ([]byte, error) { return d.appendJSON(nil), nil }

// deviceNotFound is the 404 of a device the mock does not know.
func deviceNotFound(deviceID string) *apiError {
	return newError(http.StatusNotFound, CodeNotFound, fmt.Sprintf(
		"The teamwork device '%s' was not found. Use the id of a device the mock is seeded with (fixtures/mock/default.yaml lists them).", deviceID))
}
