package client_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/client"
)

func TestRedactTargetHidesTheValuesOfCredentialParameters(t *testing.T) {
	cases := map[string]string{
		"/beta/x":                                   "/beta/x",
		"/beta/x?$top=2":                            "/beta/x?$top=2",
		"/beta/x?access_token=abc&$top=2":           "/beta/x?access_token=REDACTED&$top=2",
		"/beta/x?$skiptoken=page2":                  "/beta/x?$skiptoken=page2",
		"/beta/x?client%5Fsecret=s":                 "/beta/x?client%5Fsecret=REDACTED",
		"/beta/x?API-KEY=k&sig=s&code=c&password=p": "/beta/x?API-KEY=REDACTED&sig=REDACTED&code=REDACTED&password=REDACTED",
		"/beta/x?token":                             "/beta/x?token",
		"/beta/x?bad%zzname=v":                      "/beta/x?bad%zzname=v",
	}
	for target, want := range cases {
		assert.Equal(t, want, client.RedactTarget(target), target)
	}
}
