package docspec

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPollRetryAfterDeclaresRetryAfterOnTheMonitorsOK(t *testing.T) {
	m := literalModel(t, docsFS())
	ok := operationNamed(t, m, "teamworkDevice.getOperation").response("200")
	assert.Empty(t, ok.headers, "read literally, the page names no header")
	at := findAndApply(t, m, pollRetryAfter)
	assert.Equal(t, []Location{{Page: "teamworkdeviceoperation-get.md", Line: 50}}, at)
	if assert.Len(t, ok.headers, 1) {
		assert.Equal(t, "Retry-After", ok.headers[0].name)
		assert.Equal(t, "#/components/headers/Retry-After", ok.headers[0].ref)
	}
	assert.Empty(t, operationNamed(t, m, "windowsUpdateState.get").response("200").headers, "no 202 points at it")
}

func TestPollRetryAfterFindsNothingWithoutALocation(t *testing.T) {
	fsys := withPage(t, "teamworkdevice-updatesoftware.md", "Location:", "X-Location:")
	assert.Empty(t, findAndApply(t, literalModel(t, fsys), pollRetryAfter))
}
