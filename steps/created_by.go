package steps

import (
	"context"
	"errors"
	"fmt"

	"github.com/graphconform/graphconform/internal/conformance"
	"github.com/graphconform/graphconform/internal/rules"
)

// An operation names who created it; the update that started it named its caller with its bearer
// token. These steps remember the caller of each update and compare every operation the scenario
// started, wherever an answer holds it, with it.

// caller tells who the scenario's requests come from, as their bearer token says; ok is false for a
// token that names no one, such as the embedded mock's opaque token.
func (w *Scenario) caller(ctx context.Context) (conformance.Caller, bool) {
	token := w.token
	if token == "" {
		token = w.session.Client.Token
		if tokens := w.session.Client.Tokens; tokens != nil {
			t, err := tokens.Token(ctx)
			if err != nil {
				return conformance.Caller{}, false
			}
			token = t
		}
	}
	return conformance.CallerOfToken(token)
}

// rememberCaller notes who started operation id, when the token tells.
func (w *Scenario) rememberCaller(ctx context.Context, id string) {
	caller, ok := w.caller(ctx)
	if !ok {
		return
	}
	d := devices.Of(w)
	if d.startedBy == nil {
		d.startedBy = map[string]conformance.Caller{}
	}
	d.startedBy[id] = caller
}

// checkCreatedBy fails when an operation of the latest answer that an update of this scenario started
// names someone else than that update's caller as createdBy. It returns how many such operations the
// answer holds.
func (w *Scenario) checkCreatedBy() (int, error) {
	if w.last == nil {
		return 0, nil
	}
	checked := 0
	for _, op := range conformance.OperationsIn(w.last.Exchange) {
		id, _ := op.Object["id"].(string)
		caller, started := devices.Of(w).startedBy[id]
		if !started {
			continue
		}
		checked++
		if v := conformance.CreatedByCaller(op, caller); len(v) > 0 {
			return checked, w.Fail(rules.OperationCreatedByCaller, "at %s: %s", v[0].JSONPointer, v[0].Message)
		}
	}
	return checked, nil
}

// errNoCaller means no update of the scenario was sent with a token that names its caller.
var errNoCaller = errors.New("no update of the scenario was sent with a token that names its caller (a JWT): give the scenario a token first, e.g. \"And a delegated token with only the permission …\"")

// theOperationNamesItsCaller checks the latest answer holds an operation the scenario started, whose
// createdBy names the caller of the update that started it.
func theOperationNamesItsCaller(_ context.Context, w *Scenario) error {
	if len(devices.Of(w).startedBy) == 0 {
		return errNoCaller
	}
	checked, err := w.checkCreatedBy()
	if err != nil {
		return err
	}
	if checked == 0 {
		return fmt.Errorf("the latest answer holds no operation the scenario started: get the operation at the Location first")
	}
	return nil
}
