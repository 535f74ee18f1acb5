package mockgraph

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"time"
)

// CertificateValidity is how long a certificate of SelfSignedCertificate is valid.
const CertificateValidity = 30 * 24 * time.Hour

// SelfSignedCertificate makes a self-signed ECDSA P-256 certificate for serving the mock over HTTPS:
// its subject alternative names are localhost, 127.0.0.1 and ::1, and extraHosts (host names or IP
// addresses). It is its own CA, valid from an hour before now for CertificateValidity, so a client
// trusts it by adding certPEM to its roots (NODE_EXTRA_CA_CERTS, curl --cacert, x509.CertPool). The
// key stays in memory, inside the returned tls.Certificate.
func SelfSignedCertificate(now time.Time, extraHosts ...string) (cert tls.Certificate, certPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("generate the certificate's ECDSA key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("draw the certificate's serial number: %w", err)
	}
	template := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "graphconform mock", Organization: []string{"graphconform"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(CertificateValidity),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")},
	}
	for _, h := range extraHosts {
		if h == "" {
			continue
		}
		if ip := net.ParseIP(h); ip != nil {
			if !containsIP(template.IPAddresses, ip) {
				template.IPAddresses = append(template.IPAddresses, ip)
			}
		} else if h != "localhost" {
			template.DNSNames = append(template.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("create the self-signed certificate: %w", err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("read back the self-signed certificate: %w", err)
	}
	certPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, certPEM, nil
}

// containsIP reports whether ips holds ip.
func containsIP(ips []net.IP, ip net.IP) bool {
	for _, have := range ips {
		if have.Equal(ip) {
			return true
		}
	}
	return false
}
