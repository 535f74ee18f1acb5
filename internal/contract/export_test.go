package contract

import "github.com/graphconform/graphconform/internal/client"

// WithoutPlans returns a copy of v that checks every exchange with kin-openapi alone (and the
// one-value check of a JSON body, which follows kin-openapi's), as the validator did before it had
// plans.
func WithoutPlans(v *Validator) *Validator {
	w := *v
	w.plans = &plans{}
	w.plans.remembered.Store(maxRememberedMedia)
	return &w
}

// RequestPlanned says whether the plans vouch for a request, so that kin-openapi is not asked.
func RequestPlanned(v *Validator, route *Route, ex *client.Exchange) bool {
	return v.plans.requestConforms(route, ex.Request.Method, ex.Request.Path, ex.Request.Header, ex.Request.Body)
}

// ResponsePlanned says whether the plans vouch for the declared headers and the body of a response
// whose status the operation declares, so that kin-openapi is not asked.
func ResponsePlanned(v *Validator, route *Route, ex *client.Exchange) bool {
	responses := route.route.Operation.Responses
	ref := responses.Status(ex.Response.Status)
	if ref == nil {
		ref = responses.Default()
	}
	response := ref.Value
	if declaresHeaders(response) && !v.plans.headersConform(response, ex.Response.Header) {
		return false
	}
	if len(response.Content) == 0 {
		return true
	}
	contentType := ex.Response.Header.Get("Content-Type")
	media := response.Content.Get(contentType)
	return media != nil && (media.Schema == nil || v.plans.bodyConforms(media, contentType, ex.Response.Body))
}
