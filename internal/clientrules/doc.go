// Package clientrules checks how a client behaves across the requests it sends to one target: it
// waits the Retry-After it was given, polls the Location of a 202 instead of sending the update again,
// follows the Location and @odata.nextLink it was given instead of building URLs, sends a body only
// where the spec allows one, asks $top within the documented range and uses a token whose permissions
// fit the operation. The mock and the proxy each feed an Observer every request and its response.
package clientrules
