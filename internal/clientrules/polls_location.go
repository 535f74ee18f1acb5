package clientrules

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/graphconform/graphconform/internal/contract"
)

// The path parameters of a device and of its operation.
const (
	paramDevice    = "teamworkDeviceId"
	paramOperation = "teamworkDeviceOperationId"
)

// pending is the last 202 one client was given for one device.
type pending struct {
	at       time.Time // when the 202, or a later 409, was answered
	location string    // the last 202's Location, as sent
	opID     string    // the operation it names
	polled   bool      // the client has polled it since
	conflict bool      // the last update was answered 409: the operation still runs
}

func expiredPending(p pending, now time.Time) bool { return now.Sub(p.at) > pendingTTL }

func param(route *contract.Route, name string) string {
	value := route.PathParams[name]
	if unescaped, err := url.PathUnescape(value); err == nil {
		return unescaped
	}
	return value
}

// locationOperation is the operation id a Location names: its last path segment.
func locationOperation(location string) string {
	u, err := url.Parse(location)
	if err != nil {
		return ""
	}
	return path.Base(strings.TrimSuffix(u.Path, "/"))
}

// deviceScope is the scope of the operation ids a client was given for a device.
func (o *Observer) deviceScope(app, device string) uint64 { return hash(o.seed, "device", app, device) }

// knownKey is the key of operation id in the known ids of scope.
func (o *Observer) knownKey(scope uint64, id string) uint64 {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], scope)
	return hash(o.seed, string(b[:]), id)
}

// give remembers that the client was given operation id of the device of scope; the least recently
// given id of any device is dropped when the memory is full, and its scope marked forgotten.
func (o *Observer) give(scope uint64, id string) { o.known.Add(o.knownKey(scope, id), scope) }

// wasGiven tells whether the client may have been given operation id of the device of scope: it was
// (or an id of the scope was dropped, and it might have been).
func (o *Observer) wasGiven(scope uint64, id string) bool {
	return o.known.Contains(o.knownKey(scope, id)) || o.forgotten.has(scope)
}

func (o *Observer) notePolling(r Request, route *contract.Route, status int, header http.Header, body []byte, now time.Time) {
	device := param(route, paramDevice)
	key := r.app() + "\x00" + device
	switch route.OperationID {
	case opUpdateSoftware:
		if status == http.StatusConflict {
			// The update still runs: the client polls its Location again before it retries.
			if p, ok := o.pending.Peek(key); ok {
				p.at, p.polled, p.conflict = now, false, true
				o.pending.Add(key, p)
			}
			return
		}
		location := header.Get("Location")
		if status != http.StatusAccepted || location == "" {
			return
		}
		p := pending{at: now, location: location, opID: locationOperation(location)}
		o.pending.Add(key, p)
		o.give(o.deviceScope(r.app(), device), p.opID)
	case opGetOperation:
		if p, ok := o.pending.Peek(key); ok && status < 300 && param(route, paramOperation) == p.opID {
			p.polled = true
			o.pending.Add(key, p)
		}
	case opListOperations:
		if status != http.StatusOK {
			return
		}
		var page struct {
			Value []struct {
				ID string `json:"id"`
			} `json:"value"`
		}
		if json.Unmarshal(body, &page) != nil {
			return
		}
		scope := o.deviceScope(r.app(), device)
		for _, op := range page.Value {
			o.give(scope, op.ID)
		}
	}
}

// checkPolling says how r breaks client-polls-location: updateSoftware for a device whose last 202's
// Location the client has not polled since, or since a 409 told it the update still runs. An update
// that arrived before that answer was given (in flight on another connection) breaks nothing.
func (o *Observer) checkPolling(r Request, route *contract.Route, now time.Time) string {
	if route.OperationID != opUpdateSoftware {
		return ""
	}
	device := param(route, paramDevice)
	p, ok := o.pending.Peek(r.app() + "\x00" + device)
	if !ok || p.polled || expiredPending(p, now) || now.Before(p.at) {
		return ""
	}
	if p.conflict {
		return fmt.Sprintf("the client sent updateSoftware for device %s again %s after a 409 without polling the Location %s since; poll it until the operation ends instead of retrying the 409",
			device, now.Sub(p.at).Round(time.Millisecond), p.location)
	}
	return fmt.Sprintf("the client sent updateSoftware for device %s again %s after a 202 whose Location %s it has not polled; poll the Location until the operation ends instead of sending the update again",
		device, now.Sub(p.at).Round(time.Millisecond), p.location)
}
