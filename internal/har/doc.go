// Package har writes HTTP exchanges as HAR 1.2, the HTTP Archive format that browsers' developer tools
// and HAR viewers open. It holds the entry an exchange becomes, shared by the run report's
// exchanges.har and the proxy's streaming log.
package har
