package clientrules

// The IDs of the client rules.
const (
	// RuleHonoursRetryAfter: after a 429, 503 or 504 with Retry-After, the client does not send the same
	// operation again before Retry-After has passed.
	RuleHonoursRetryAfter = "client-honours-retry-after"
	// RulePollsLocation: after a 202 with a Location, the client polls the Location before it sends
	// updateSoftware for the same device again.
	RulePollsLocation = "client-polls-location"
	// RuleFollowsLinks: the client requests the Location and the @odata.nextLink it was given as they
	// are, instead of building URLs of its own.
	RuleFollowsLinks = "client-follows-links"
	// RuleBodyWhereAllowed: a request has a body only where the spec declares one.
	RuleBodyWhereAllowed = "client-body-where-allowed"
	// RuleTopInRange: $top is a whole number within the range the operation's docs give.
	RuleTopInRange = "client-top-in-range"
	// RuleLeastPrivilege: the token grants the operation's least-privileged permission rather than only
	// a higher-privileged one (a warning).
	RuleLeastPrivilege = "client-least-privileged-permission"
	// RulePermitted: the token grants a permission the operation's x-ms-permissions allows.
	RulePermitted = "request-permitted"
)
