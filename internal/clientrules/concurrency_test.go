package clientrules_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/rules"
)

// A client on many connections sends requests that are in flight while another is answered: one
// that arrived before the answer was given cannot have been sent after it.

func TestARequestThatArrivedBeforeThe429WasAnsweredIsNotEarly(t *testing.T) {
	o := newObserver(t, false)
	first := req(http.MethodPost, update, "client-request-id", "r1")
	require.Empty(t, o.Request(first, t0))
	o.Response(first, http.StatusTooManyRequests, http.Header{"Retry-After": {"2"}}, nil, t0.Add(100*time.Millisecond))
	concurrent := req(http.MethodPost, update, "client-request-id", "r2")
	assert.Empty(t, o.Request(concurrent, t0.Add(50*time.Millisecond)), "it arrived while the first was being answered")
	assert.Equal(t, []rules.ID{rules.ClientHonoursRetryAfter}, ruleIDs(o.Request(concurrent, t0.Add(time.Second))), "the wait still holds")
}

func TestAnUpdateThatArrivedBeforeThe202WasAnsweredIsNotAResend(t *testing.T) {
	o := newObserver(t, false)
	accepted(o, t0.Add(100*time.Millisecond))
	assert.Empty(t, o.Request(req(http.MethodPost, update), t0.Add(50*time.Millisecond)))
	assert.Equal(t, []rules.ID{rules.ClientPollsLocation}, ruleIDs(o.Request(req(http.MethodPost, update), t0.Add(time.Second))))
}
