package loadbench

import "fmt"

// CPUPair names the CPUs of a pinned run: the server under load alone on Server, the load generator
// (and any upstream of a proxy under load) on Load.
type CPUPair struct {
	Server, Load int
}

// String says where each side runs.
func (p CPUPair) String() string {
	return fmt.Sprintf("the server under load on CPU %d (GOMAXPROCS=1 for graphconform's), the load generator and the proxies' upstream on CPU %d", p.Server, p.Load)
}
