package mockgraph_test

import (
	"net"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/badinput"
	"github.com/graphconform/graphconform/internal/httpserver"
	"github.com/graphconform/graphconform/internal/mockgraph"
)

// TestBadInputsOverTheWire sends the whole table of bad inputs to the mock behind the server serve
// builds: every one is answered 4xx (a Graph error wherever the mock, not net/http, answers), none
// with a 5xx, none hangs, and the mock still answers afterwards.
func TestBadInputsOverTheWire(t *testing.T) {
	limits := httpserver.DefaultLimits()
	f := newFixtureWith(t, func(o *mockgraph.Options) { o.MaxHeaderBytes = limits.HeaderLimit() })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	server := limits.Server(f.mock, nil)
	go func() { _ = server.Serve(limits.Listener(ln)) }()
	t.Cleanup(func() { _ = server.Close() })

	resources := badinput.DefaultResources()
	badinput.Run(t, badinput.NewClient(), "http://"+ln.Addr().String(), badinput.Cases(resources), resources.Good())
}
