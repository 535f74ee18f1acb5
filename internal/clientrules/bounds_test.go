package clientrules_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/clientrules"
	"github.com/graphconform/graphconform/internal/rules"
)

// opOf is the id of the i-th operation of a test.
func opOf(i int) string { return fmt.Sprintf("c6069246-0000-4000-8000-%012d", i) }

func deviceOf(i int) string { return fmt.Sprintf("0f3ce432-0000-4000-8000-%012d", i) }

// updateAndPoll is one conforming update of dev: a 202 whose Location names op, then a poll of it,
// which must not be reported.
func updateAndPoll(t *testing.T, o *clientrules.Observer, dev, op string, at time.Time) {
	t.Helper()
	post := req(http.MethodPost, "/beta/teamwork/devices/"+dev+"/updateSoftware")
	require.Empty(t, o.Request(post, at))
	o.Response(post, http.StatusAccepted, http.Header{"Location": {"/teamwork/devices/" + dev + "/operations/" + op}}, nil, at)
	poll := req(http.MethodGet, "/beta/teamwork/devices/"+dev+"/operations/"+op)
	require.Empty(t, o.Request(poll, at), "polling the Location just given")
	o.Response(poll, http.StatusOK, http.Header{}, []byte(`{"status":"succeeded"}`), at)
}

func TestFollowsLinksPast10000UpdatesOfOneDevice(t *testing.T) {
	o := newObserver(t, false)
	for i := range 10_050 {
		updateAndPoll(t, o, device, opOf(i), t0.Add(time.Duration(i)*time.Millisecond))
	}
}

func TestFollowsLinksPast10000ListedOperationsOfOneDevice(t *testing.T) {
	o := newObserver(t, false)
	accepted(o, t0)
	page := req(http.MethodGet, list)
	for first := 0; first < 10_050; first += 50 {
		var value []map[string]string
		for i := first; i < first+50; i++ {
			value = append(value, map[string]string{"id": opOf(i)})
		}
		body, err := json.Marshal(map[string]any{"value": value})
		require.NoError(t, err)
		o.Response(page, http.StatusOK, http.Header{}, body, t0)
	}
	assert.Empty(t, o.Request(req(http.MethodGet, "/beta/teamwork/devices/"+device+"/operations/"+opOf(10_049)), t0), "an operation the last page listed")
	assert.Empty(t, o.Request(req(http.MethodGet, operation), t0), "the Location given")
}

func TestFollowsLinksWhenTheKnownOperationsAreFull(t *testing.T) {
	o := clientrules.NewBounded(clientrules.Options{Validator: loadValidator(t)}, 100, 3)
	for i := range 5 {
		updateAndPoll(t, o, deviceOf(0), opOf(i), t0)
	}
	updateAndPoll(t, o, deviceOf(1), opOf(100), t0)
	update := req(http.MethodPost, "/beta/teamwork/devices/"+deviceOf(0)+"/updateSoftware")
	o.Response(update, http.StatusAccepted, http.Header{"Location": {"/teamwork/devices/" + deviceOf(0) + "/operations/" + opOf(5)}}, nil, t0)
	assert.Empty(t, o.Request(req(http.MethodGet, "/beta/teamwork/devices/"+deviceOf(0)+"/operations/"+opOf(0)), t0),
		"an operation given before the memory dropped it is not reported")

	other := req(http.MethodPost, "/beta/teamwork/devices/"+deviceOf(2)+"/updateSoftware")
	o.Response(other, http.StatusAccepted, http.Header{"Location": {"/teamwork/devices/" + deviceOf(2) + "/operations/" + opOf(200)}}, nil, t0)
	built := req(http.MethodGet, "/beta/teamwork/devices/"+deviceOf(2)+"/operations/"+opOf(999))
	assert.Equal(t, []rules.ID{rules.ClientFollowsLinks}, ruleIDs(o.Request(built, t0)), "a built id of a device nothing was dropped of")
}

func TestTheLocationJustGivenIsKnownWhenTheMemoryHoldsOne(t *testing.T) {
	o := clientrules.NewBounded(clientrules.Options{Validator: loadValidator(t)}, 1, 1)
	for i := range 20 {
		updateAndPoll(t, o, deviceOf(i%3), opOf(i), t0)
	}
}

// pageWithLink is a page of operations whose nextLink carries skipToken.
func pageWithLink(t *testing.T, skipToken string) []byte {
	t.Helper()
	body, err := json.Marshal(map[string]any{"value": []any{}, "@odata.nextLink": "http://127.0.0.1:1" + list + "?$top=1&$skiptoken=" + skipToken})
	require.NoError(t, err)
	return body
}

func TestFollowsLinksPast10000NextLinks(t *testing.T) {
	o := newObserver(t, false)
	first := req(http.MethodGet, list+"?$top=1")
	for i := range 10_050 {
		o.Response(first, http.StatusOK, http.Header{}, pageWithLink(t, fmt.Sprint(i)), t0)
	}
	assert.Empty(t, o.Request(req(http.MethodGet, list+"?$top=1&$skiptoken=10049"), t0))
}

func TestFollowsLinksWhenTheIssuedLinksAreFull(t *testing.T) {
	o := clientrules.NewBounded(clientrules.Options{Validator: loadValidator(t)}, 2, 100)
	first := req(http.MethodGet, list+"?$top=1")
	for i := range 5 {
		o.Response(first, http.StatusOK, http.Header{}, pageWithLink(t, fmt.Sprint(i)), t0)
	}
	assert.Empty(t, o.Request(req(http.MethodGet, list+"?$top=1&$skiptoken=0"), t0), "a link dropped from the memory is not reported")
	assert.Empty(t, o.Request(req(http.MethodGet, list+"?$top=1&$skiptoken=4"), t0), "the last link given")
	otherList := "/beta/teamwork/devices/" + deviceOf(9) + "/operations"
	assert.Equal(t, []rules.ID{rules.ClientFollowsLinks}, ruleIDs(o.Request(req(http.MethodGet, otherList+"?$top=1&$skiptoken=0"), t0)),
		"a built cursor of pages nothing was dropped of")
}

func TestRetryAfterPast10000ThrottledClients(t *testing.T) {
	o := newObserver(t, false)
	var last clientrules.Request
	for i := range 10_050 {
		last = req(http.MethodPost, update, "client-request-id", fmt.Sprint(i))
		last.Header.Set("Authorization", fmt.Sprintf("Bearer app-%d", i))
		o.Response(last, http.StatusTooManyRequests, http.Header{"Retry-After": {"5"}}, nil, t0)
	}
	assert.Equal(t, []rules.ID{rules.ClientHonoursRetryAfter}, ruleIDs(o.Request(last, t0.Add(time.Second))), "the last client throttled")
}

func TestPollsLocationPast10000Devices(t *testing.T) {
	o := newObserver(t, false)
	for i := range 10_050 {
		post := req(http.MethodPost, "/beta/teamwork/devices/"+deviceOf(i)+"/updateSoftware")
		o.Response(post, http.StatusAccepted, http.Header{"Location": {"/teamwork/devices/" + deviceOf(i) + "/operations/" + opOf(i)}}, nil, t0)
	}
	again := req(http.MethodPost, "/beta/teamwork/devices/"+deviceOf(10_049)+"/updateSoftware")
	assert.Equal(t, []rules.ID{rules.ClientPollsLocation}, ruleIDs(o.Request(again, t0.Add(time.Second))), "the last device updated")
}
