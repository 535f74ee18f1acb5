package variants

import (
	"net/http"
	"strings"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

// The requests the suite sends, told apart by method and path.

func isUpdateSoftware(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/updateSoftware")
}

func isOperationGet(r *http.Request) bool {
	return r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/operations/")
}

func isOperationsList(r *http.Request) bool {
	return r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/operations")
}

func isUpgrade(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/upgrade")
}

func isStatePatch(r *http.Request) bool {
	return r.Method == http.MethodPatch && strings.Contains(r.URL.Path, "/deviceUpdateStates/")
}

func isStateGet(r *http.Request) bool {
	return r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/deviceUpdateStates/")
}

func isControl(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, mockgraph.ControlPrefix)
}

// isJWT tells whether the request's bearer token is a JWT (the suite's minted tokens) rather than the
// embedded mock's opaque token.
func isJWT(r *http.Request) bool {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && strings.Count(token, ".") == 2
}
