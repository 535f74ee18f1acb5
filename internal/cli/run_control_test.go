package cli_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scenarioCounts reads "N scenarios: P passed, F failed" off the summary.
func scenarioCounts(t *testing.T, stdout string) (total, passed, failed int) {
	t.Helper()
	m := regexp.MustCompile(`(\d+) scenarios: (\d+) passed, (\d+) failed`).FindStringSubmatch(stdout)
	require.NotNil(t, m, "no summary line in:\n%s", stdout)
	total, _ = strconv.Atoi(m[1])
	passed, _ = strconv.Atoi(m[2])
	failed, _ = strconv.Atoi(m[3])
	return total, passed, failed
}

// alwaysOK answers every request 200 with an empty JSON object: it breaks nearly every promise.
func alwaysOK(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestRunFailFastStopsAtTheFirstFailure(t *testing.T) {
	base := alwaysOK(t)
	profile := writeProfile(t, t.TempDir(), "broken.yaml", "", true)
	args := []string{"run", "--reports", "", "--target", base, "--profile", profile, "--token", "a-token", "--concurrency", "1"}

	code, stdout, _ := run(t, args...)
	require.Equal(t, 1, code, stdout)
	_, _, failedAll := scenarioCounts(t, stdout)
	require.Greater(t, failedAll, 1, "without --fail-fast every scenario runs and many fail")

	code, stdout, _ = run(t, append(args, "--fail-fast")...)
	require.Equal(t, 1, code, stdout)
	_, _, failed := scenarioCounts(t, stdout)
	assert.Equal(t, 1, failed, "--fail-fast stops after the first failure:\n%s", stdout)
}

func TestRunRandomizePrintsItsSeed(t *testing.T) {
	code, stdout, stderr := run(t, "run", "--reports", "", "--tags", "@upgrade && @negative", "--randomize", "-1")
	require.Equal(t, 0, code, stderr)
	m := regexp.MustCompile(`scenarios in random order, seed (-?\d+) \(--randomize (-?\d+) repeats the order\)`).FindStringSubmatch(stdout)
	require.NotNil(t, m, stdout)
	assert.Equal(t, m[1], m[2])
	assert.NotEqual(t, "-1", m[1], "the seed picked, not -1")

	code, stdout, _ = run(t, "run", "--reports", "", "--tags", "@upgrade && @negative", "--randomize", "42")
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, "seed 42 (--randomize 42 repeats the order)")

	_, stdout, _ = run(t, "run", "--reports", "", "--tags", "@upgrade && @negative")
	assert.NotContains(t, stdout, "random order", "no seed without --randomize")
}
