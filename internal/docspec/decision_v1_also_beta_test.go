package docspec

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestV1AlsoBetaServesAV1PageUnderBetaToo(t *testing.T) {
	m := literalModel(t, docsFS())
	op := operationNamed(t, m, "userScopeTeamsAppInstallation.upgrade")
	assert.Equal(t, []string{"/v1.0"}, op.servers, "read literally, the page is served under its version")
	at := findAndApply(t, m, v1AlsoBeta)
	assert.Equal(t, []Location{{Page: "userscopeteamsappinstallation-upgrade.md", Line: 73}}, at)
	assert.Equal(t, []string{"/v1.0", "/beta"}, op.servers)
	assert.Equal(t, []string{"/beta"}, operationNamed(t, m, "teamworkDevice.updateSoftware").servers, "a beta page is left alone")
}
