package cli

import (
	"fmt"
	"net"
	"strings"
)

// listenAddr is the address a listener really listens on, as host:port. requested is the address
// it was asked for (--addr): Go listens on "0.0.0.0" as on "::", and the host asked for is shown.
func listenAddr(requested string, addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return addr.String()
	}
	host := tcp.IP.String()
	if h, _, err := net.SplitHostPort(requested); err == nil && tcp.IP.IsUnspecified() {
		if ip := net.ParseIP(h); ip != nil && ip.IsUnspecified() {
			host = h
		}
	}
	return net.JoinHostPort(host, fmt.Sprint(tcp.Port))
}

// reachableAt tells, for a listener on every interface (0.0.0.0, ::), how a client on this machine
// reaches it; "" for any other listener, whose address says it.
func reachableAt(scheme string, addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return ""
	}
	return fmt.Sprintf(" — every interface; from this machine %s://%s", scheme, printableAddr(addr))
}

// beyondLoopbackWarning is the warning a server prints when it listens on an address other machines
// may reach; "" when it listens on loopback only.
func beyondLoopbackWarning(what, requested string, addr net.Addr, controlToken bool) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || tcp.IP.IsLoopback() {
		return ""
	}
	var advice strings.Builder
	advice.WriteString("anyone who reaches it can call it")
	if !controlToken {
		advice.WriteString(" and its control endpoints: give --control-token, or")
	} else {
		advice.WriteString(";")
	}
	advice.WriteString(" listen on --addr 127.0.0.1:PORT to keep it to this machine")
	return fmt.Sprintf("%s: WARNING: listening on %s, beyond this machine's loopback; %s", what, listenAddr(requested, addr), advice.String())
}
