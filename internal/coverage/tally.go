package coverage

// An item is one thing the description documents and a run may exercise: an explicit status of an
// operation, or a header documented for one.

// Exercised reports whether a response with the status was seen.
func (s Status) Exercised() bool { return s.Seen > 0 }

// Exercised reports whether a response of the header's status carried it.
func (h Header) Exercised() bool { return h.Seen > 0 }

// StatusesExercised counts the operation's documented statuses the run saw; out of len(o.Statuses).
func (o Operation) StatusesExercised() int {
	n := 0
	for _, s := range o.Statuses {
		if s.Exercised() {
			n++
		}
	}
	return n
}

// HeadersDocumented counts the headers documented for the operation's explicit statuses.
func (o Operation) HeadersDocumented() int {
	n := 0
	for _, s := range o.Statuses {
		n += len(s.Headers)
	}
	return n
}

// HeadersExercised counts the documented headers a response of their status carried.
func (o Operation) HeadersExercised() int {
	n := 0
	for _, s := range o.Statuses {
		for _, h := range s.Headers {
			if h.Exercised() {
				n++
			}
		}
	}
	return n
}

// Documented counts the operation's items: its explicit statuses and their headers.
func (o Operation) Documented() int { return len(o.Statuses) + o.HeadersDocumented() }

// Exercised counts the operation's items the run exercised.
func (o Operation) Exercised() int { return o.StatusesExercised() + o.HeadersExercised() }

// Documented counts every item of every operation.
func (c Coverage) Documented() int {
	n := 0
	for _, o := range c.Operations {
		n += o.Documented()
	}
	return n
}

// Exercised counts the items the run exercised.
func (c Coverage) Exercised() int {
	n := 0
	for _, o := range c.Operations {
		n += o.Exercised()
	}
	return n
}

// Percent is the share of documented items exercised, from 0 to 100; 100 when nothing is documented.
func (c Coverage) Percent() float64 {
	documented := c.Documented()
	if documented == 0 {
		return 100
	}
	return 100 * float64(c.Exercised()) / float64(documented)
}

// Complete reports whether the run exercised every documented item.
func (c Coverage) Complete() bool { return c.Exercised() == c.Documented() }
