package steps

import (
	"crypto/rand"
	"encoding/hex"
)

// unknownID returns an id no target has: a scenario that needs a resource that does not exist uses it.
func unknownID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
