package conformance

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/graphconform/graphconform/internal/client"
)

// throttledCode is the error code of a throttled request, in the docs' PascalCase.
const throttledCode = "TooManyRequests"

// ThrottledErrorCode checks the Graph error of a 429 Too Many Requests of any operation: its code is
// TooManyRequests ("Microsoft Graph returns 429 Too Many Requests with the code TooManyRequests"), in
// PascalCase or camelCase, as Graph's codes come in both. A body that is no Graph error is the
// contract's to report.
func ThrottledErrorCode(ex *client.Exchange) []Violation {
	if ex.Response.Status != http.StatusTooManyRequests {
		return nil
	}
	var body struct {
		Error *struct {
			Code *string `json:"code"`
		} `json:"error"`
	}
	if json.Unmarshal(ex.Response.Body, &body) != nil || body.Error == nil || body.Error.Code == nil {
		return nil
	}
	if code := *body.Error.Code; !strings.EqualFold(code, throttledCode) {
		return []Violation{{JSONPointer: "/error/code", Message: fmt.Sprintf("the 429's error code is %q; a throttled request's is %q", code, throttledCode)}}
	}
	return nil
}
