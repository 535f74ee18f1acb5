package cli_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/graphconform/graphconform/internal/cli"
	"github.com/graphconform/graphconform/internal/gate"
)

// helperHTTPEnv, set in its environment, makes the test binary a tiny HTTP client instead of running
// the tests: 'METHOD PATH [BODY]' sent to $GRAPHCONFORM_BASE_URL (trusting $GRAPHCONFORM_CA_CERT) with
// an opaque bearer token; it prints the status and the value of $NODE_EXTRA_CA_CERTS and exits 0 when
// it got an answer. It stands in for curl in the tests of 'serve -- COMMAND' on machines without it.
const helperHTTPEnv = "GRAPHCONFORM_TEST_HTTP_CLIENT"

// asCLIEnv, set in its environment, makes the test binary graphconform itself: its arguments are a
// command line. A pinned bench started so starts its servers as the same binary, which inherits it.
const asCLIEnv = "GRAPHCONFORM_TEST_AS_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(helperHTTPEnv) != "" {
		os.Exit(helperHTTPClient(os.Args[1:]))
	}
	if os.Getenv(asCLIEnv) != "" {
		os.Exit(cli.Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
	code := m.Run()
	if goClientBin != "" {
		_ = os.RemoveAll(filepath.Dir(goClientBin))
	}
	os.Exit(code)
}

func helperHTTPClient(args []string) int {
	if len(args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: METHOD PATH [BODY]")
		return 2
	}
	transport := &http.Transport{}
	if path := os.Getenv(gate.EnvCACert); path != "" {
		pemBytes, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		roots := x509.NewCertPool()
		roots.AppendCertsFromPEM(pemBytes)
		transport.TLSClientConfig = &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
	}
	var body io.Reader
	if len(args) > 2 {
		body = strings.NewReader(args[2])
	}
	req, err := http.NewRequest(args[0], os.Getenv(gate.EnvBaseURL)+args[1], body)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	req.Header.Set("Authorization", "Bearer helper-token")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := (&http.Client{Transport: transport, Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	fmt.Printf("status=%d node-extra-ca-certs=%s\n", resp.StatusCode, os.Getenv(gate.EnvNodeExtraCACerts))
	return 0
}
