package mockgraph

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/graphconform/graphconform/internal/rules"
)

// The page sizes of GET /teamwork/devices/{id}/operations.
const (
	// MaxOperationsPage is the largest $top the list accepts, as Graph documents it.
	MaxOperationsPage = 50
	// DefaultOperationsPage is the page size without $top.
	DefaultOperationsPage = MaxOperationsPage
)

// skipTokenPrefix starts every $skiptoken the mock issues, before base64url encoding.
const skipTokenPrefix = "graphconform-operations-before:"

// listOperations answers a page of a device's teamworkDeviceOperations, newest first, with an
// @odata.nextLink carrying $top and a $skiptoken while more remain.
func (m *Mock) listOperations(w http.ResponseWriter, c *call) *apiError {
	deviceID := c.params["teamworkDeviceId"]
	top := DefaultOperationsPage
	if value, ok := queryOption(c.r.URL.RawQuery, "$top"); ok {
		n, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil || n < 1 || n > MaxOperationsPage {
			return newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf(
				"Invalid value '%s' for $top: it must be a whole number from 1 to %d.", truncate(value, maxEchoedSegment), MaxOperationsPage)).
				violating(rules.RequestParameter, OpListOperations, "")
		}
		top = n
	}
	before := -1 // the sequence number the page starts below; -1: from the newest
	if value, ok := queryOption(c.r.URL.RawQuery, "$skiptoken"); ok {
		seq, ok := parseSkipToken(value)
		if !ok {
			return newError(http.StatusBadRequest, CodeBadRequest, fmt.Sprintf(
				"The $skiptoken '%s' is not one the mock issued. Follow @odata.nextLink exactly as it was answered.", truncate(value, maxEchoedSegment)))
		}
		before = seq
	}

	m.mu.Lock()
	dev, ok := m.state.device(deviceID, false)
	if !ok {
		m.mu.Unlock()
		return deviceNotFound(deviceID)
	}
	now := m.clock.Now()
	var page []any
	more := false
	last := 0
	for i := len(dev.order) - 1; i >= 0; i-- {
		op := dev.order[i]
		if before >= 0 && op.seq >= before {
			continue
		}
		if len(page) == top {
			more = true
			break
		}
		page = append(page, operationJSON(*op, m.phaseOf(*op, now)))
		last = op.seq
	}
	devID := dev.id
	m.mu.Unlock()

	if page == nil {
		page = []any{}
	}
	root := serviceRoot(c.r, c.version)
	body := object{
		{"@odata.context", root + "/$metadata#teamwork/devices(" + odataKey(devID) + ")/operations"},
		{"value", page},
	}
	if more {
		next := root + "/teamwork/devices/" + url.PathEscape(devID) + "/operations?" +
			"$top=" + strconv.Itoa(top) + "&$skiptoken=" + url.QueryEscape(skipToken(last))
		body = append(body, field{"@odata.nextLink", next})
	}
	writeJSON(w, http.StatusOK, body)
	return nil
}

// skipToken is the opaque cursor of the page that starts below the operation numbered seq.
func skipToken(seq int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(skipTokenPrefix + strconv.Itoa(seq)))
}

// parseSkipToken reads a cursor skipToken made.
func parseSkipToken(token string) (int, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimSpace(token))
	if err != nil {
		return 0, false
	}
	rest, ok := strings.CutPrefix(string(raw), skipTokenPrefix)
	if !ok {
		return 0, false
	}
	seq, err := strconv.Atoi(rest)
	if err != nil || seq < 0 {
		return 0, false
	}
	return seq, true
}
