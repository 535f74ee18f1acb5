package contract

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/graphconform/graphconform/spec"
)

// mediaPlan is a compiled plan with the schema it was compiled from.
type mediaPlan struct {
	name   string
	schema *openapi3.SchemaRef
	plan   *plan
}

// mediaPlans are every plan of v's bodies, in a fixed order.
func mediaPlans(t testing.TB, v *Validator) []mediaPlan {
	t.Helper()
	var out []mediaPlan
	for _, path := range v.doc.Paths.InMatchingOrder() {
		for method, operation := range v.doc.Paths.Value(path).Operations() {
			add := func(where string, content openapi3.Content) {
				for mediaType, media := range content {
					if p := v.plans.media[media]; p != nil {
						out = append(out, mediaPlan{name: method + " " + path + " " + where + " " + mediaType, schema: media.Schema, plan: p})
					}
				}
			}
			if operation.RequestBody != nil {
				add("request", operation.RequestBody.Value.Content)
			}
			for code, ref := range operation.Responses.Map() {
				add(code, ref.Value.Content)
			}
		}
	}
	slices.SortFunc(out, func(a, b mediaPlan) int { return strings.Compare(a.name, b.name) })
	if len(out) < 8 {
		t.Fatalf("only %d bodies of the description have a plan", len(out))
	}
	return out
}

func loadValidator(t testing.TB) *Validator {
	t.Helper()
	doc, err := spec.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	v, err := New(doc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// FuzzPlanAgreesWithKin wants every document a plan accepts to decode with kin-openapi's JSON body
// decoder to a value kin-openapi's VisitJSON accepts, in a request and in a response.
func FuzzPlanAgreesWithKin(f *testing.F) {
	v := loadValidator(f)
	plans := mediaPlans(f, v)
	for _, seed := range []string{
		`{"softwareType":"teamsClient","softwareVersion":"1.0.96.22"}`,
		`{"status":"pendingReboot","lastScanDateTime":"2026-11-22T08:15:00.5+01:00"}`,
		`{"consentedPermissionSet":{"resourceSpecificPermissions":[{"permissionValue":"x","permissionType":null}]}}`,
		`{"id":"o1","status":"inProgress","operationType":"softwareUpdate","createdDateTime":"2026-11-22T08:15:00Z","error":null,"createdBy":{"user":{"id":"u1","displayName":"Adele"}},"lastActionBy":null,"attemptsCount":1}`,
		`{"value":[{"id":"o1","status":"succeeded","operationType":"softwareUpdate"}],"@odata.nextLink":null}`,
		`{"error":{"code":"Conflict","message":"queued","innerError":{"date":"x"},"details":[{"code":"c","message":"m","target":null}]}}`,
		`{"id":"s1","id":"s1"}`, `{"id":"s1","\u0069d":1}`, `{"id":"s1"} x`, `{"id":"s\ud800"}`, "{\"id\":\"\xff\"}",
		`{"id":"s1","x":[[[[[[[[]]]]]]]],"y":-0,"z":1e400}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		for _, mp := range plans {
			if !mp.plan.acceptsJSON(doc) {
				continue
			}
			value, err := openapi3filter.JSONBodyDecoder(bytes.NewReader(doc), http.Header{}, mp.schema, nil)
			if err != nil {
				t.Fatalf("%s: the plan accepts %q, which kin-openapi does not decode: %v", mp.name, doc, err)
			}
			for _, direction := range []openapi3.SchemaValidationOption{openapi3.VisitAsRequest(), openapi3.VisitAsResponse()} {
				if err := mp.schema.Value.VisitJSON(value, openapi3.MultiErrors(), direction); err != nil {
					t.Fatalf("%s: the plan accepts %q, which kin-openapi refuses: %v", mp.name, doc, err)
				}
			}
		}
	})
}

// FuzzRequestPlanAgreesWithKin wants every request the plans vouch for, with any query and body,
// to be one kin-openapi's ValidateRequest finds nothing in.
func FuzzRequestPlanAgreesWithKin(f *testing.F) {
	v := loadValidator(f)
	targets := []struct{ method, path string }{
		{"POST", "/beta/teamwork/devices/d1/updateSoftware"},
		{"GET", "/beta/teamwork/devices/d1/operations"},
		{"GET", "/beta/teamwork/devices/d%20/operations/o1"},
		{"POST", "/v1.0/users/adele@contoso.example/teamwork/installedApps/a1/upgrade"},
		{"PATCH", "/beta/deviceManagement/deviceConfigurations/c1/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/s1"},
	}
	f.Add(uint8(0), "", "application/json", []byte(`{"softwareType":"teamsClient"}`))
	f.Add(uint8(1), "$top=2&$skiptoken=abc", "", []byte(nil))
	f.Add(uint8(1), "$top=&$top=51", "", []byte(nil))
	f.Add(uint8(1), "$top=1;x", "", []byte(nil))
	f.Add(uint8(3), "", "", []byte(nil))
	f.Add(uint8(3), "", "application/merge-patch+json", []byte(`{"consentedPermissionSet":null}`))
	f.Add(uint8(4), "x=1", "application/json; charset=utf-8", []byte(`{"status":"failed"}`))
	f.Fuzz(func(t *testing.T, which uint8, query, contentType string, body []byte) {
		target := targets[int(which)%len(targets)]
		path := target.path
		if query != "" {
			path += "?" + query
		}
		route, err := v.FindRoute(target.method, path)
		if err != nil {
			return
		}
		header := http.Header{}
		if contentType != "" {
			header.Set("Content-Type", contentType)
		}
		if !v.plans.requestConforms(route, target.method, path, header, body) {
			return
		}
		if findings := v.checkRequestWithKin(context.Background(), route, target.method, path, header, body); len(findings) > 0 {
			t.Fatalf("%s %q (%q, %q): the plans vouch for a request kin-openapi finds %v in", target.method, path, contentType, body, findings)
		}
	})
}

// FuzzIsDateTimeMatchesKin wants isDateTime to accept exactly what kin-openapi's date-time
// expression matches.
func FuzzIsDateTimeMatchesKin(f *testing.F) {
	re := regexp.MustCompile(openapi3.FormatOfStringDateTime)
	for _, tc := range dateTimeBoundaries {
		f.Add(tc.value)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isDateTime(s), re.MatchString(s); got != want {
			t.Fatalf("isDateTime(%q) = %v, kin-openapi's expression says %v", s, got, want)
		}
		if isDateTime([]byte(s)) != isDateTime(s) {
			t.Fatalf("isDateTime of %q differs between string and bytes", s)
		}
	})
}

// FuzzSplitTargetAgreesWithURLParse wants every target splitTarget vouches for to parse with
// net/url into the same escaped path and raw query.
func FuzzSplitTargetAgreesWithURLParse(f *testing.F) {
	for _, seed := range []string{"/beta/teamwork/devices/d1/operations?$top=2", "/a%2Fb", "/a%zz", "//x/y", "/a b", "/a?b#c", "/é", "/a;b=c/@:~'!*", "/%41?%zz", "/?", "*"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, target string) {
		path, rawQuery, ok := splitTarget(target)
		if !ok {
			return
		}
		u, err := url.Parse(target)
		if err != nil {
			t.Fatalf("splitTarget vouches for %q, which url.Parse refuses: %v", target, err)
		}
		if u.EscapedPath() != path || u.RawQuery != rawQuery {
			t.Fatalf("splitTarget(%q) = %q, %q; url.Parse gives %q, %q", target, path, rawQuery, u.EscapedPath(), u.RawQuery)
		}
	})
}
