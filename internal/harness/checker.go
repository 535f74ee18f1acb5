package harness

import (
	"context"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/finding"
)

// Checker checks every exchange once: against the OpenAPI description, then against Graph's rules.
type Checker struct {
	Validator *contract.Validator
}

// Check returns the exchange's operation and the findings of the description and of every rule.
func (c *Checker) Check(ctx context.Context, ex *client.Exchange) (string, []finding.Finding) {
	operation, findings := c.Validator.CheckResponse(ctx, ex)
	findings = append(findings, finding.OfExchange(operation, ex)...)
	return operation, findings
}
