package conformance

import "fmt"

// CreatedByCaller checks the createdBy of an operation the caller started: "Identity of the user who
// created the device operation." Started with a delegated token, it names the signed-in user;
// started with an app-only token, it names no user; and an application it names is the token's. A
// null or missing createdBy holds (the property is nullable), and one that is not an identitySet is
// the schema's to report.
func CreatedByCaller(op Operation, caller Caller) []Violation {
	set, ok := op.Object["createdBy"].(map[string]any)
	if !ok {
		return nil
	}
	pointer := op.Pointer + "/createdBy"
	var out []Violation
	userID, hasUser := identityID(set, "user")
	switch {
	case caller.UserID != "" && !hasUser:
		out = append(out, Violation{JSONPointer: pointer + "/user", Message: fmt.Sprintf("the operation names no user as createdBy; user %q started it", caller.UserID)})
	case caller.UserID != "" && userID != caller.UserID:
		out = append(out, Violation{JSONPointer: pointer + "/user/id", Message: fmt.Sprintf("the operation names user %q as createdBy; user %q started it", userID, caller.UserID)})
	case caller.UserID == "" && hasUser:
		out = append(out, Violation{JSONPointer: pointer + "/user", Message: fmt.Sprintf("the operation names user %q as createdBy; application %q started it with an app-only token", userID, caller.AppID)})
	}
	if appID, hasApp := identityID(set, "application"); hasApp && caller.AppID != "" && appID != caller.AppID {
		out = append(out, Violation{JSONPointer: pointer + "/application/id", Message: fmt.Sprintf("the operation names application %q as createdBy; application %q started it", appID, caller.AppID)})
	}
	return out
}

// identityID is the id of the identity an identitySet holds under key; ok is false when it holds
// none there (absent or null).
func identityID(set map[string]any, key string) (id string, ok bool) {
	identity, ok := set[key].(map[string]any)
	if !ok {
		return "", false
	}
	id, _ = identity["id"].(string)
	return id, true
}
