package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/graphconform/graphconform/internal/rules"
)

func registerCommon(sc Registrar) {
	sc.Step(`^the response status is (\d{3})$`, theResponseStatusIs)
	sc.Step(`^the response has a "([^"]+)" header$`, theResponseHasHeader)
	sc.Step(`^the response has no body$`, Step(theResponseHasNoBody))
	sc.Step(`^the response is a Graph error$`, Step(theResponseIsAGraphError))
}

func theResponseStatusIs(ctx context.Context, want int) error {
	w := worldFrom(ctx)
	if w == nil {
		return errNoWorld
	}
	if want < 100 || want > 599 {
		return fmt.Errorf("%d is not an HTTP status: write one from 100 to 599", want)
	}
	resp, err := w.LastResponse()
	if err != nil {
		return err
	}
	if resp.Status != want {
		return w.Fail(rules.DocumentedStatus, "the docs promise %d %s here; the target answered %d %s%s",
			want, http.StatusText(want), resp.Status, http.StatusText(resp.Status), graphErrorSummary(resp.Body))
	}
	return nil
}

// graphErrorSummary quotes the code and message of a Graph error body, so a failure says what the
// target said (e.g. "Resource not found for the segment 'deviceUpdateStates'."); empty for other bodies.
func graphErrorSummary(body []byte) string {
	code, message, ok := graphError(body)
	if !ok {
		return ""
	}
	return fmt.Sprintf(" (%s: %s)", code, message)
}

// graphError reads the code and message of a Graph error body; ok is false for any other body,
// including one whose code is empty.
func graphError(body []byte) (code, message string, ok bool) {
	var e struct {
		Error *struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &e) != nil || e.Error == nil || e.Error.Code == "" {
		return "", "", false
	}
	return e.Error.Code, e.Error.Message, true
}

func theResponseHasHeader(ctx context.Context, name string) error {
	w := worldFrom(ctx)
	if w == nil {
		return errNoWorld
	}
	resp, err := w.LastResponse()
	if err != nil {
		return err
	}
	if resp.Header.Get(name) == "" {
		return w.Fail(rules.ResponseHeader, "the response has no %s header", name)
	}
	return nil
}

func theResponseHasNoBody(_ context.Context, w *Scenario) error {
	resp, err := w.LastResponse()
	if err != nil {
		return err
	}
	if n := len(resp.Body); n > 0 {
		return w.Fail(rules.NoContentHasNoBody, "the response has a %d-byte body; the docs say it doesn't return anything", n)
	}
	return nil
}

// theResponseIsAGraphError asserts the body is {"error": {"code": …, "message": …}}.
func theResponseIsAGraphError(_ context.Context, w *Scenario) error {
	resp, err := w.LastResponse()
	if err != nil {
		return err
	}
	if _, _, ok := graphError(resp.Body); !ok {
		return w.Fail(rules.GraphErrorBody, "the %d response is not a Graph error {\"error\": {\"code\", \"message\"}}: %s",
			resp.Status, abbreviate(resp.Body))
	}
	return nil
}

// abbreviate shows at most 200 bytes of a body in a message.
func abbreviate(body []byte) string {
	const limit = 200
	if len(body) == 0 {
		return "(empty body)"
	}
	if len(body) > limit {
		return fmt.Sprintf("%q…", body[:limit])
	}
	return fmt.Sprintf("%q", body)
}
