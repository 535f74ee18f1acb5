package harness_test

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/harness"
)

// cucumberReportDir is tools/cucumber-report, from this package's directory: cucumber-html-reporter,
// pinned by its package-lock.json.
const cucumberReportDir = "../../tools/cucumber-report"

// RequireNodeEnv, when set (CI sets it), makes a missing Node.js or npm package a failure, not a skip.
const RequireNodeEnv = "GRAPHCONFORM_REQUIRE_NODE"

// requireCucumberReporter returns node's path, or skips the test (fails it under RequireNodeEnv) when
// node or cucumber-html-reporter is missing.
func requireCucumberReporter(t *testing.T) string {
	t.Helper()
	missing := func(why string) {
		if os.Getenv(RequireNodeEnv) != "" {
			t.Fatal(why + "; $" + RequireNodeEnv + " is set, so this fails instead of skipping")
		}
		t.Skip(why)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not on PATH: install Node.js to render cucumber.json with cucumber-html-reporter (make deps does it)")
	}
	if _, err := os.Stat(filepath.Join(cucumberReportDir, "node_modules", "cucumber-html-reporter", "package.json")); err != nil {
		missing("tools/cucumber-report/node_modules is missing: run: npm ci --prefix tools/cucumber-report (make deps does it)")
	}
	return node
}

// cucumberEmbedding is an attachment in cucumber.json.
type cucumberEmbedding struct {
	Name     string `json:"name"`
	MimeType string `json:"mime_type"`
	Data     string `json:"data"`
}

func TestCucumberAttachmentsAreReadableExchanges(t *testing.T) {
	dir := t.TempDir()
	runWithReports(t, dir, "@updateSoftware && @lro")
	data, err := os.ReadFile(filepath.Join(dir, harness.CucumberFile))
	require.NoError(t, err)
	var features []struct {
		Elements []struct {
			Steps []struct {
				Embeddings []cucumberEmbedding `json:"embeddings"`
			} `json:"steps"`
		} `json:"elements"`
	}
	require.NoError(t, json.Unmarshal(data, &features))
	var embeddings []cucumberEmbedding
	for _, f := range features {
		for _, el := range f.Elements {
			for _, st := range el.Steps {
				embeddings = append(embeddings, st.Embeddings...)
			}
		}
	}
	require.NotEmpty(t, embeddings, "the exchanges are attached to their steps")
	sawJSONBody := false
	for _, e := range embeddings {
		require.Equal(t, "application/json", e.MimeType)
		require.Regexp(t, `^exchange \d+: (GET|POST|PATCH) http://\S+ → \d{3} \(\S+\)$`, e.Name, "an attachment is labelled with its request and status")
		// cucumber.json carries every attachment base64-encoded; what is inside must read plainly.
		decoded, err := base64.StdEncoding.DecodeString(e.Data)
		require.NoError(t, err)
		var ex struct {
			Exchange string  `json:"exchange"`
			Elapsed  float64 `json:"elapsedMs"`
			Request  struct {
				Body json.RawMessage `json:"body"`
			} `json:"request"`
			Response struct {
				Status int `json:"status"`
			} `json:"response"`
		}
		require.NoError(t, json.Unmarshal(decoded, &ex), "an attachment is the exchange as JSON:\n%s", decoded)
		require.Positive(t, ex.Elapsed, "elapsedMs is labelled and in milliseconds")
		require.Less(t, ex.Elapsed, 60_000.0, "elapsedMs is milliseconds, not nanoseconds")
		require.Positive(t, ex.Response.Status)
		if len(ex.Request.Body) > 0 {
			var body map[string]any
			require.NoError(t, json.Unmarshal(ex.Request.Body, &body), "a JSON body is JSON, not a base64 string: %s", ex.Request.Body)
			sawJSONBody = true
		}
	}
	require.True(t, sawJSONBody, "an updateSoftware request has a JSON body")
}

// TestACucumberReportToolRendersTheExchanges renders cucumber.json with cucumber-html-reporter and
// reads the page it makes: the exchanges are there, in plain words.
func TestACucumberReportToolRendersTheExchanges(t *testing.T) {
	node := requireCucumberReporter(t)
	dir := t.TempDir()
	result := runWithReports(t, dir, "@updateSoftware && @lro")
	output := filepath.Join(dir, "cucumber-report.html")
	cmd := exec.Command(node, filepath.Join(cucumberReportDir, "render.js"), filepath.Join(dir, harness.CucumberFile), output)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "cucumber-html-reporter refused cucumber.json:\n%s", out)
	page, err := os.ReadFile(output)
	require.NoError(t, err)
	html := string(page)
	for _, sc := range result.Run.Scenarios {
		assert.Contains(t, html, sc.Name, "the page lists every scenario")
	}
	first := result.Run.Scenarios[0].Exchanges[0]
	assert.Contains(t, html, `"softwareType": "teamsClient"`, "the request body reads as JSON")
	assert.Contains(t, html, `"elapsedMs": `, "times are labelled")
	assert.Contains(t, html, first.Exchange.Request.Method+" "+first.Exchange.Request.URL+" → ", "each exchange is labelled")
	assert.NotContains(t, html, base64.StdEncoding.EncodeToString(first.Exchange.Request.Body), "no body is base64")
}
