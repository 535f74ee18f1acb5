package loadbench_test

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/loadbench"
)

func TestWaitReadyWaitsForTheServerToListen(t *testing.T) {
	port, err := loadbench.FreePort()
	require.NoError(t, err)
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	listening := make(chan net.Listener, 1)
	go func() {
		time.Sleep(150 * time.Millisecond) // a server that takes its time to start
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			close(listening)
			return
		}
		listening <- ln
		_ = http.Serve(ln, http.NotFoundHandler())
	}()
	require.NoError(t, loadbench.WaitReady(context.Background(), addr, nil, 30*time.Second))
	ln, ok := <-listening
	require.True(t, ok, "the port was taken meanwhile")
	_ = ln.Close()
}

func TestWaitReadyGivesUpWhenTheServerExits(t *testing.T) {
	port, err := loadbench.FreePort()
	require.NoError(t, err)
	exited := make(chan struct{})
	close(exited)
	err = loadbench.WaitReady(context.Background(), net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), exited, time.Minute)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "exited before it accepted a connection")
}

func TestWaitReadyHasADeadline(t *testing.T) {
	port, err := loadbench.FreePort()
	require.NoError(t, err)
	err = loadbench.WaitReady(context.Background(), net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), nil, 120*time.Millisecond)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "within 120ms")
}

func TestPrismCommandLines(t *testing.T) {
	assert.Equal(t,
		[]string{"mock", "/tmp/x/openapi.yaml", "--host", "127.0.0.1", "--port", "4010", "--errors", "--verboseLevel", "error"},
		loadbench.PrismMockArgs("/tmp/x/openapi.yaml", 4010))
	assert.Equal(t,
		[]string{"proxy", "/tmp/x/openapi.yaml", "http://127.0.0.1:8080/beta", "--host", "127.0.0.1", "--port", "4011", "--errors", "--verboseLevel", "error"},
		loadbench.PrismProxyArgs("/tmp/x/openapi.yaml", "http://127.0.0.1:8080/beta", 4011))
	args := loadbench.NPMInstallArgs("/tmp/x")
	assert.Equal(t, []string{"install", "--prefix", "/tmp/x"}, args[:3], "installed into the scratch folder")
	assert.Contains(t, args, "--no-save")
	assert.Equal(t, loadbench.PrismPackage, args[len(args)-1])
}
