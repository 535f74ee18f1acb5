package steps

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/cucumber/godog"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/conformance"
	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/report"
	"github.com/graphconform/graphconform/internal/rules"
	"github.com/graphconform/graphconform/internal/target"
)

// Scenario is one scenario's state as its steps see it: its session, the resources it holds, what it
// has seen, and the state each API's steps keep (see State). Steps get it with ScenarioFrom.
type Scenario struct {
	suite    *Suite
	session  *target.Session
	releases []func()
	record   record.Scenario

	// last is the latest exchange; its response is what Then steps look at.
	last *record.CheckedExchange
	// retried are the indexes in record.Exchanges of the answers Send sent its request again after,
	// a Retry-After of 0 included.
	retried []int

	// token, when set, is sent instead of the session's (a minted token with chosen permissions).
	token string
	// states are the APIs' own state, by State.
	states map[any]any
	// acquired names the APIs whose resources "I send the … request" took.
	acquired map[string]bool
	// deadline ends the scenario's time budget (see Suite.ScenarioBudget).
	deadline time.Time
}

type scenarioKey struct{}

func withScenario(ctx context.Context, w *Scenario) context.Context {
	return context.WithValue(ctx, scenarioKey{}, w)
}

func worldFrom(ctx context.Context) *Scenario {
	w, _ := ctx.Value(scenarioKey{}).(*Scenario)
	return w
}

// ScenarioFrom returns the scenario a step runs in; the error says how to register the steps when
// the step runs outside a scenario Suite.InitializeScenario started.
func ScenarioFrom(ctx context.Context) (*Scenario, error) {
	w := worldFrom(ctx)
	if w == nil {
		return nil, errNoWorld
	}
	return w, nil
}

// errNoWorld means a step ran outside a scenario started by InitializeScenario.
var errNoWorld = errors.New("the step runs outside a graphconform scenario: register the steps with Suite.InitializeScenario")

// Step adapts a step taking the scenario to godog's signature.
func Step(f func(ctx context.Context, w *Scenario) error) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		w := worldFrom(ctx)
		if w == nil {
			return errNoWorld
		}
		return f(ctx, w)
	}
}

// Session returns the scenario's session on the target.
func (w *Scenario) Session() *target.Session { return w.session }

// maxRetries is how many times a throttled or unavailable request is sent again.
const maxRetries = 3

// Send sends a request, has each exchange checked and recorded, attaches it to the scenario's report,
// and fails when a response breaks the contract. A 429, 503 or 504 is retried as Graph asks: after its
// Retry-After, or with exponential backoff without one; the wait is recorded with the exchange. A
// Retry-After longer than what is left of the scenario's budget is a finding, not a long sleep. A
// request the client refused to send because the profile allows no mutations skips the scenario.
func (w *Scenario) Send(ctx context.Context, req client.Request) (context.Context, error) {
	if w.token != "" {
		req.Token = w.token
	}
	for attempt := 0; ; attempt++ {
		ex, err := w.session.Client.Do(ctx, req)
		if err != nil {
			return ctx, w.requestFailed(ctx, err)
		}
		operation, findings := w.suite.Checker.Check(ctx, ex)
		checked := record.CheckedExchange{Operation: operation, Exchange: ex, Findings: findings}
		w.last = &checked
		w.record.Exchanges = append(w.record.Exchanges, w.forReport(checked))
		if x, ok := w.suite.Recorder.(ExchangeRecorder); ok {
			x.Exchange(w.record.Name, checked)
		}
		if errs := finding.Errors(findings); len(errs) > 0 {
			return w.attach(ctx, checked), &finding.NonConformance{Findings: errs}
		}
		wait, retry := retryAfter(ex, attempt)
		if !retry {
			return w.attach(ctx, checked), nil
		}
		checked.RetriedAfter = wait
		w.record.Exchanges[len(w.record.Exchanges)-1].RetriedAfter = wait
		w.retried = append(w.retried, len(w.record.Exchanges)-1)
		ctx = w.attach(ctx, checked)
		if left := w.budgetLeft(); wait > left {
			return ctx, w.Fail(rules.RetryAfterWithinBudget, "the %d asks to retry after %s; only %s is left of the scenario's budget of %s",
				ex.Response.Status, wait, left.Round(time.Second), w.suite.scenarioBudget())
		}
		if err := w.session.Wait(ctx, wait); err != nil {
			return ctx, fmt.Errorf("wait %s before retrying a %d: %w", wait, ex.Response.Status, err)
		}
	}
}

// requestFailed turns the client's refusal or failure to get a response into the scenario's outcome: a
// skip, a finding, or a target that did not answer.
func (w *Scenario) requestFailed(ctx context.Context, err error) error {
	var (
		unreachable *client.UnreachableError
		broken      *client.BrokenResponseError
		offOrigin   *client.OffOriginError
		refused     *client.MutationRefusedError
		noToken     *client.TokenSourceError
	)
	switch {
	case ctx.Err() != nil:
		return err
	case errors.As(err, &refused):
		return w.Skip(fmt.Sprintf("it sends %s and the profile does not allow mutations (set allowMutations: true, or pass --allow-mutations)", refused.Method))
	case errors.As(err, &unreachable), errors.As(err, &noToken):
		w.record.Unreachable = true
		return err
	case errors.As(err, &broken):
		return w.Fail(rules.ResponseArrivesWhole, "%s", broken.Error())
	case errors.As(err, &offOrigin):
		return w.Fail(rules.LinkOnTargetOrigin, "%s", offOrigin.Error())
	}
	return err
}

// forReport returns what the scenario's record keeps of an exchange: its response body cut to
// record.MaxReportBodyBytes.
func (w *Scenario) forReport(checked record.CheckedExchange) record.CheckedExchange {
	checked.Exchange = checked.Exchange.ForReport(record.MaxReportBodyBytes)
	return checked
}

// budgetLeft is what is left of the scenario's time budget.
func (w *Scenario) budgetLeft() time.Duration {
	return time.Until(w.deadline)
}

// retryAfter says whether to send a request again after ex, and after how long.
func retryAfter(ex *client.Exchange, attempt int) (time.Duration, bool) {
	switch ex.Response.Status {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
	default:
		return 0, false
	}
	if attempt >= maxRetries {
		return 0, false
	}
	if d, ok := conformance.ParseRetryAfter(ex.Response.Header.Get("Retry-After"), time.Now()); ok {
		return d, true
	}
	return time.Second << attempt, true
}

// attach adds an exchange to the scenario's cucumber report, readable (see report.Exchange) and
// labelled with its request line and status.
func (w *Scenario) attach(ctx context.Context, checked record.CheckedExchange) context.Context {
	readable := report.ExchangeOf(w.forReport(checked))
	body, err := json.MarshalIndent(readable, "", "  ")
	if err != nil {
		return ctx
	}
	return godog.Attach(ctx, godog.Attachment{
		Body:      body,
		FileName:  fmt.Sprintf("exchange %d: %s", len(w.record.Exchanges), readable.Label),
		MediaType: "application/json",
	})
}

// Fail records a scenario-level finding about the latest exchange and returns it as the step's error.
func (w *Scenario) Fail(rule rules.ID, format string, args ...any) error {
	f := finding.New(rule, "", 0, "", fmt.Sprintf(format, args...))
	if w.last != nil {
		f.Operation = w.last.Operation
		f.Status = w.last.Exchange.Response.Status
	}
	w.record.Findings = append(w.record.Findings, f)
	return &finding.NonConformance{Findings: []finding.Finding{f}}
}

// LastResponse returns the latest response, or an error when no request was sent yet.
func (w *Scenario) LastResponse() (*client.RecordedResponse, error) {
	if w.last == nil {
		return nil, errors.New("no request was sent yet in this scenario")
	}
	return &w.last.Exchange.Response, nil
}

// Skip records that the scenario cannot run on this target, and why, and returns godog's skip error.
func (w *Scenario) Skip(reason string) error {
	w.record.Skipped = true
	w.record.Error = reason
	return fmt.Errorf("%w: %s", godog.ErrSkip, reason)
}

// cutShort records that the run was stopped before the scenario could end, and why, and returns
// godog's skip error so the scenario does not count as failed.
func (w *Scenario) cutShort(ctx context.Context) error {
	w.record.CutShort = true
	w.record.Skipped = true
	w.record.Passed = false
	w.record.Error = fmt.Sprintf("cut short: %v", context.Cause(ctx))
	return fmt.Errorf("%w: %s", godog.ErrSkip, w.record.Error)
}

// acquireFailed turns a failure to take a resource into the scenario's outcome: a pool too small for
// the scenario skips it, with the reason; anything else (the run ended while waiting) is returned.
func (w *Scenario) acquireFailed(err error) error {
	var tooSmall *target.PoolTooSmallError
	if errors.As(err, &tooSmall) {
		return w.Skip(tooSmall.Error())
	}
	return err
}

// hasTag tells whether the scenario has the tag, e.g. "@mock-only".
func (w *Scenario) hasTag(tag string) bool {
	for _, t := range w.record.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// Hold keeps release to be called when the scenario ends.
func (w *Scenario) Hold(release func()) { w.releases = append(w.releases, release) }

func (w *Scenario) release() {
	for i := len(w.releases) - 1; i >= 0; i-- {
		w.releases[i]()
	}
	w.releases = nil
}

// settle lets what the scenario started end, API by API, so its resources are idle for the next
// scenario that takes them, within the poll budget. There is nothing to settle on a server of the
// scenario's own, nor once the run is stopping; settling never fails the scenario.
func (w *Scenario) settle(ctx context.Context) {
	if w.session.Own || ctx.Err() != nil {
		return
	}
	ctx, cancel := context.WithTimeoutCause(ctx, w.suite.pollBudget(), errors.New("what the scenario started did not end within the poll budget"))
	defer cancel()
	for _, api := range w.suite.apis() {
		if api.Settle != nil {
			api.Settle(ctx, w)
		}
	}
}

// versionRoot returns the version prefix of a request path: /beta or /v1.0.
func versionRoot(path string) string {
	for _, v := range []string{"/beta", "/v1.0"} {
		if path == v || strings.HasPrefix(path, v+"/") {
			return v
		}
	}
	return ""
}

// jsonHeader is the header of a request with a JSON body.
func jsonHeader() http.Header {
	return http.Header{"Content-Type": []string{"application/json"}}
}
