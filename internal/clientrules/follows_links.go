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
	top   string
	scope uint64 // the client's pages of the path, marked forgotten when the link is dropped
}

// linkScope is the scope of the nextLinks a client was given for the pages of path.
func (o *Observer) linkScope(app, path string) uint64 { return hash(o.seed, "pages", app, path) }

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
	o.issued.Add(r.app()+"\x00"+u.EscapedPath()+"\x00"+q.Get(querySkipToken), issuedLink{top: q.Get(queryTop), scope: o.linkScope(r.app(), u.EscapedPath())})
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
		link, ok := o.issued.Peek(r.app() + "\x00" + r.path() + "\x00" + q.Get(querySkipToken))
		if !ok && o.forgotten.has(o.linkScope(r.app(), r.path())) {
			return "" // the link may be one that was dropped to keep the memory bounded
		}
		if !ok {
			return fmt.Sprintf("the client asked %s with a $skiptoken no @odata.nextLink gave it; request the @odata.nextLink as it is", r.path())
		}
		if q.Get(queryTop) != link.top {
			return fmt.Sprintf("the client asked the next page with $top=%q, but the @odata.nextLink it was given has $top=%q; request the link as it is", q.Get(queryTop), link.top)
		}
	case opGetOperation:
		device := param(route, paramDevice)
		p, ok := o.pending.Peek(r.app() + "\x00" + device)
		if !ok || p.polled || expiredPending(p, now) || now.Before(p.at) {
			return ""
		}
		if id := param(route, paramOperation); !o.wasGiven(o.deviceScope(r.app(), device), id) {
			return fmt.Sprintf("the client asked for operation %s of device %s, which no Location or list gave it; poll the Location %s it was given", id, device, p.location)
		}
	}
	return ""
}
