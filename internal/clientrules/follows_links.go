package clientrules

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/graphconform/graphconform/internal/contract"
)

// The query parameters of a page.
const (
	queryTop       = "$top"
	querySkipToken = "$skiptoken"
)

// issuedLink is an @odata.nextLink a client was given.
type issuedLink struct {
	at  time.Time
	top string
}

func expiredLink(l issuedLink, now time.Time) bool { return now.Sub(l.at) > pendingTTL }

// noteLinks remembers the @odata.nextLink of a page of operations, by client, path and $skiptoken.
func (o *Observer) noteLinks(r Request, route *contract.Route, status int, body []byte, now time.Time) {
	if route.OperationID != opListOperations || status != http.StatusOK {
		return
	}
	var page struct {
		NextLink string `json:"@odata.nextLink"`
	}
	if json.Unmarshal(body, &page) != nil || page.NextLink == "" {
		return
	}
	u, err := url.Parse(page.NextLink)
	if err != nil {
		return
	}
	q := u.Query()
	if !forget(o.issued, now, expiredLink) {
		return
	}
	o.issued[r.app()+"\x00"+u.EscapedPath()+"\x00"+q.Get(querySkipToken)] = issuedLink{at: now, top: q.Get(queryTop)}
}

// checkLinks says how r breaks client-follows-links: a page asked with a $skiptoken no nextLink gave
// it (or with another $top than the link's), or an operation of a device asked by an id the client
// was never given while the Location of its update is unpolled.
func (o *Observer) checkLinks(r Request, route *contract.Route, now time.Time) string {
	switch route.OperationID {
	case opListOperations:
		q, err := url.ParseQuery(r.query())
		if err != nil || !q.Has(querySkipToken) {
			return ""
		}
		link, ok := o.issued[r.app()+"\x00"+r.path()+"\x00"+q.Get(querySkipToken)]
		if !ok || expiredLink(link, now) {
			return fmt.Sprintf("the client asked %s with a $skiptoken no @odata.nextLink gave it; request the @odata.nextLink as it is", r.path())
		}
		if q.Get(queryTop) != link.top {
			return fmt.Sprintf("the client asked the next page with $top=%q, but the @odata.nextLink it was given has $top=%q; request the link as it is", q.Get(queryTop), link.top)
		}
	case opGetOperation:
		device := param(route, paramDevice)
		p, ok := o.pending[r.app()+"\x00"+device]
		if !ok || p.polled || expiredPending(p, now) {
			return ""
		}
		if id := param(route, paramOperation); !p.known[id] {
			return fmt.Sprintf("the client asked for operation %s of device %s, which no Location or list gave it; poll the Location %s it was given", id, device, p.location)
		}
	}
	return ""
}
