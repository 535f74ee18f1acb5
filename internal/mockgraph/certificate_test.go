package mockgraph_test

import (
	"crypto/ecdsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

func TestSelfSignedCertificateCoversTheLoopbackNames(t *testing.T) {
	now := time.Now()
	cert, certPEM, err := mockgraph.SelfSignedCertificate(now, "mock.test", "10.0.0.7", "127.0.0.1", "")
	require.NoError(t, err)
	block, rest := pem.Decode(certPEM)
	require.NotNil(t, block)
	assert.Empty(t, rest)
	assert.Equal(t, "CERTIFICATE", block.Type)
	parsed, err := x509.ParseCertificate(block.Bytes)
	require.NoError(t, err)
	assert.Equal(t, parsed, cert.Leaf)
	_, isECDSA := cert.PrivateKey.(*ecdsa.PrivateKey)
	assert.True(t, isECDSA, "an ECDSA key")
	assert.Equal(t, x509.ECDSA, parsed.PublicKeyAlgorithm)
	assert.ElementsMatch(t, []string{"localhost", "mock.test"}, parsed.DNSNames)
	var ips []string
	for _, ip := range parsed.IPAddresses {
		ips = append(ips, ip.String())
	}
	assert.ElementsMatch(t, []string{"127.0.0.1", "::1", "10.0.0.7"}, ips)
	assert.True(t, parsed.NotBefore.Before(now))
	assert.WithinDuration(t, now.Add(mockgraph.CertificateValidity), parsed.NotAfter, time.Second)

	roots := x509.NewCertPool()
	require.True(t, roots.AppendCertsFromPEM(certPEM))
	for _, name := range []string{"localhost", "127.0.0.1", "::1", "mock.test"} {
		_, err := parsed.Verify(x509.VerifyOptions{Roots: roots, DNSName: name, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})
		assert.NoError(t, err, "verifies for %s", name)
	}
	_, err = parsed.Verify(x509.VerifyOptions{Roots: roots, DNSName: "graph.microsoft.com"})
	assert.Error(t, err, "not for other names")
}

func TestSelfSignedCertificateServesTheMockToAClientThatTrustsIt(t *testing.T) {
	cert, certPEM, err := mockgraph.SelfSignedCertificate(time.Now())
	require.NoError(t, err)
	f := newFixture(t, mockgraph.Timeline{})
	srv := httptest.NewUnstartedServer(f.mock)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	srv.StartTLS()
	defer srv.Close()

	roots := x509.NewCertPool()
	require.True(t, roots.AppendCertsFromPEM(certPEM))
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}}}
	_, port, err := net.SplitHostPort(srv.Listener.Addr().String())
	require.NoError(t, err)
	resp, err := client.Get("https://localhost:" + port + "/_graphconform/state")
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.NotNil(t, resp.TLS)
}
