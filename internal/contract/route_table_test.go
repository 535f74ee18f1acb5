package contract

import (
	"context"
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/google/go-cmp/cmp"

	"github.com/graphconform/graphconform/spec"
)

// TestRouteTableRoutesAsKinOpenAPIsRouterDoes routes requests, documented and not, with the table and
// with kin-openapi's gorillamux router, and wants the same operation, parameters and error of both.
func TestRouteTableRoutesAsKinOpenAPIsRouterDoes(t *testing.T) {
	doc, err := spec.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	table, ok := newRouteTable(doc)
	if !ok {
		t.Fatal("the embedded description's servers are plain bases; the table must route it")
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	const (
		device = "/beta/teamwork/devices/0f3ce432-e432-0f3c-32e4-3c0f32e43c0f"
		state  = "/deviceManagement/deviceConfigurations/c1/microsoft.graph.windowsUpdateForBusinessConfiguration/deviceUpdateStates/s1"
	)
	targets := []string{
		device + "/updateSoftware", device + "/updateSoftware?x=1", device + "/updateSoftware/", device + "/updatesoftware",
		device + "/operations", device + "/operations?$top=2&$skiptoken=abc", device + "/operations/o1", device + "/operations/o1/x",
		"/beta/teamwork/devices//updateSoftware", "/beta/teamwork/devices/a%2Fb/updateSoftware", "/beta/teamwork/devices/a%20b/operations/%40",
		"/v1.0/teamwork/devices/d1/updateSoftware", "/v2/teamwork/devices/d1/updateSoftware", "/beta", "/", "",
		"/v1.0/users/adele.vance@contoso.example/teamwork/installedApps/NWI2NDk4/upgrade",
		"/beta/users/5b649834-7412-4cce-9e69-176e95a394f5/teamwork/installedApps/a%3D%3D/upgrade",
		"/v1.0/users/u/teamwork/installedApps//upgrade",
		"/beta" + state, "/v1.0" + state, "/beta" + state + "?$select=status",
		"/beta/deviceManagement/deviceConfigurations/c1/deviceUpdateStates/s1",
		// Targets only url.Parse says what to make of: a byte it escapes, a fragment.
		"/beta/teamwork/devices/a b/operations", "/beta/teamwork/devices/é/operations/%C3%A9", device + "/operations#x", device + "/operations?$top=1#x",
	}
	methods := []string{http.MethodGet, http.MethodPost, http.MethodPatch, http.MethodDelete, http.MethodPut}
	type result struct {
		Operation string
		Path      string
		Params    map[string]string
		Err       string
	}
	resultOf := func(route *routers.Route, params map[string]string, err error) result {
		if err != nil {
			return result{Err: err.Error()}
		}
		return result{Operation: route.Operation.OperationID, Path: route.Path, Params: params}
	}
	for _, target := range targets {
		for _, method := range methods {
			req, err := http.NewRequest(method, target, nil)
			if err != nil {
				t.Fatalf("%s %q: %v", method, target, err)
			}
			want := resultOf(router.FindRoute(req))
			got := resultOf(table.find(method, target))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s %q (-gorillamux +table):\n%s", method, target, diff)
			}
		}
	}
}

func TestRouteTableLeavesServersWithAHostToKinOpenAPI(t *testing.T) {
	doc := &openapi3.T{Servers: openapi3.Servers{{URL: "https://graph.microsoft.com/beta"}},
		Paths: openapi3.NewPaths(openapi3.WithPath("/teamwork/devices", &openapi3.PathItem{Get: &openapi3.Operation{}}))}
	if _, ok := newRouteTable(doc); ok {
		t.Error("a server with a host needs kin-openapi's router")
	}
}
