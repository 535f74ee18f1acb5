package conformance

import "github.com/graphconform/graphconform/internal/client"

// RequestIDHeader checks that the response carries a request-id header: Graph answers every request
// with one, and support asks for it.
func RequestIDHeader(ex *client.Exchange) []Violation {
	if ex.Response.Header.Get("request-id") == "" {
		return []Violation{{Message: "the response has no request-id header"}}
	}
	return nil
}
