package clientrules

import (
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

// pending is what one client was told of one device's operations.
type pending struct {
	at       time.Time
	location string          // the last 202's Location, as sent
	opID     string          // the operation it names
	polled   bool            // the client has polled it since
	known    map[string]bool // every operation id the client was given for the device
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

func (o *Observer) notePolling(r Request, route *contract.Route, status int, header http.Header, body []byte, now time.Time) {
	key := r.app() + "\x00" + param(route, paramDevice)
	switch route.OperationID {
	case opUpdateSoftware:
		location := header.Get("Location")
		if status != http.StatusAccepted || location == "" {
			return
		}
		p, ok := o.pending[key]
		if !ok {
			if !forget(o.pending, now, expiredPending) {
				return
			}
			p.known = map[string]bool{}
		}
		p.at, p.location, p.opID, p.polled = now, location, locationOperation(location), false
		if len(p.known) < maxRemembered {
			p.known[p.opID] = true
		}
		o.pending[key] = p
	case opGetOperation:
		if p, ok := o.pending[key]; ok && status < 300 && param(route, paramOperation) == p.opID {
			p.polled = true
			o.pending[key] = p
		}
	case opListOperations:
		p, ok := o.pending[key]
		if !ok || status != http.StatusOK {
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
		for _, op := range page.Value {
			if len(p.known) < maxRemembered {
				p.known[op.ID] = true
			}
		}
	}
}

// checkPolling says how r breaks client-polls-location: updateSoftware for a device whose last 202's
// Location the client has not polled since.
func (o *Observer) checkPolling(r Request, route *contract.Route, now time.Time) string {
	if route.OperationID != opUpdateSoftware {
		return ""
	}
	device := param(route, paramDevice)
	p, ok := o.pending[r.app()+"\x00"+device]
	if !ok || p.polled || expiredPending(p, now) {
		return ""
	}
	return fmt.Sprintf("the client sent updateSoftware for device %s again %s after a 202 whose Location %s it has not polled; poll the Location until the operation ends instead of sending the update again",
		device, now.Sub(p.at).Round(time.Millisecond), p.location)
}
