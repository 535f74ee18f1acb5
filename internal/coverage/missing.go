package coverage

import "fmt"

// Gap is one documented item a run left unexercised: a status never answered, or a header a response
// of its status never carried.
type Gap struct {
	Operation string `json:"operation"`
	Status    int    `json:"status"`
	// Header is empty when the whole status is missing.
	Header string `json:"header,omitempty"`
}

// String says what is missing, e.g. "windowsUpdateState.get: no 200 response" or
// "teamworkDevice.getOperation: no 200 response with a Retry-After header".
func (g Gap) String() string {
	if g.Header == "" {
		return fmt.Sprintf("%s: no %d response", g.Operation, g.Status)
	}
	return fmt.Sprintf("%s: no %d response with a %s header", g.Operation, g.Status, g.Header)
}

// Missing lists what the run left unexercised, by operation, status and header. A missing status
// stands for its headers too: they are not listed again.
func (c Coverage) Missing() []Gap {
	var gaps []Gap
	for _, o := range c.Operations {
		for _, s := range o.Statuses {
			if !s.Exercised() {
				gaps = append(gaps, Gap{Operation: o.ID, Status: s.Code})
				continue
			}
			for _, h := range s.Headers {
				if !h.Exercised() {
					gaps = append(gaps, Gap{Operation: o.ID, Status: s.Code, Header: h.Name})
				}
			}
		}
	}
	return gaps
}
