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

func TestRetryingA409WithoutPollingBreaksClientPollsLocation(t *testing.T) {
	o := newObserver(t, false)
	accepted(o, t0)
	poll := req(http.MethodGet, operation)
	require.Empty(t, o.Request(poll, t0.Add(time.Second)))
	o.Response(poll, http.StatusOK, http.Header{"Retry-After": {"5"}}, []byte(`{"status":"inProgress"}`), t0.Add(time.Second))
	post := req(http.MethodPost, update)
	require.Empty(t, o.Request(post, t0.Add(2*time.Second)), "a 409 is the answer it expects")
	o.Response(post, http.StatusConflict, http.Header{}, nil, t0.Add(2*time.Second))
	for i := 3; i < 6; i++ {
		got := o.Request(post, t0.Add(time.Duration(i)*time.Second))
		require.Equal(t, []rules.ID{rules.ClientPollsLocation}, ruleIDs(got), "retry %d of the 409, without a poll", i)
		assert.Contains(t, got[0].Message, "409")
		o.Response(post, http.StatusConflict, http.Header{}, nil, t0.Add(time.Duration(i)*time.Second))
	}
	require.Empty(t, o.Request(poll, t0.Add(6*time.Second)))
	o.Response(poll, http.StatusOK, http.Header{}, []byte(`{"status":"succeeded"}`), t0.Add(6*time.Second))
	assert.Empty(t, o.Request(post, t0.Add(7*time.Second)), "polled since the 409")
}
