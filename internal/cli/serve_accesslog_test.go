package cli_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

func TestServeWritesEveryAccessLogLineBeforeItStops(t *testing.T) {
	const requests = 400
	path := filepath.Join(t.TempDir(), "access.log")
	s := startServe(t, "--access-log", path)
	getStatesInParallel(t, s.url, requests)
	require.Equal(t, 0, s.stop(t))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, requests, strings.Count(string(data), "msg=request "), "one line a request, all written out when serve stopped")
}

func TestServeSeedsSyntheticDevices(t *testing.T) {
	s := startServe(t, "--devices", "3")
	for _, dev := range []string{mockgraph.SyntheticDevice(3), serveDevice} {
		status, _, body := callMock(t, http.DefaultClient, http.MethodPost, s.url+"/beta/teamwork/devices/"+dev+"/updateSoftware", serveToken, serveSoftwareBody)
		assert.Equal(t, http.StatusAccepted, status, "%s: %s", dev, body)
	}
	status, _, _ := callMock(t, http.DefaultClient, http.MethodPost, s.url+"/beta/teamwork/devices/"+mockgraph.SyntheticDevice(4)+"/updateSoftware", serveToken, serveSoftwareBody)
	assert.Equal(t, http.StatusNotFound, status, "only N devices are added")
}
