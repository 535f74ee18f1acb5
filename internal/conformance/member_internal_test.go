package conformance

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/graphconform/graphconform/internal/client"
)

// memberBodies are bodies whose id or @odata.nextLink a shared decoding might read otherwise than a
// decode into a struct does.
var memberBodies = []string{
	`{"id":"o"}`, `{"id":null}`, `{}`, `{"id":7}`, `{"id":true}`, `{"id":{"x":1}}`, `{"id":["o"]}`,
	`null`, ` null `, `[]`, `"o"`, `7`, ``, `{"id":"o"} x`, `{"id":"o"}{}`, `{"id":"o"`,
	`{"ID":"o"}`, `{"Id":"x","id":"o"}`, `{"id":"o","ID":"x"}`, `{"iD":7}`,
	`{"id":1,"id":"o"}`, `{"id":"o","id":1}`, `{"id":"x","id":"o"}`, `{"id":1,"id":null}`,
	`{"\u0069d":"o"}`, `{"i\u0064":1,"id":"o"}`, `{"id":"o","n":1e400}`, `{"id":"o\u0000\ud800"}`,
	`{"a":{"id":"x"},"b":[{"id":1}],"id":"o"}`, `{"a":"}\"id\":{","id":"o"}`, `{"a":"\\","id":"o"}`,
	`{"@odata.nextLink":"https://graph.example/beta/teamwork/devices/d/operations?$skiptoken=1"}`,
	`{"@odata.nextLink":null}`, `{"@odata.nextLink":5}`, `{"@odata.NEXTLINK":"x"}`, `{"@odata.nextLin\u212a":"x"}`,
	`{"@odata.nextLink":1,"@odata.nextLink":"x"}`, "{\"\xff\":1,\"\xfe\":2,\"id\":\"o\"}",
}

// assertAgrees checks that stringMember reads the member as decode, alone, does.
func assertAgrees(t *testing.T, body, name string, decode func([]byte) (*string, bool)) {
	t.Helper()
	ex := &client.Exchange{Response: client.RecordedResponse{Status: http.StatusOK, Body: []byte(body)}}
	_, _ = ex.ResponseObject() // decoded before, as another rule of the exchange would
	got, gotOK := stringMember(ex, name, decode)
	want, wantOK := decode([]byte(body))
	assert.Equal(t, wantOK, gotOK, "%s of %q", name, body)
	assert.Equal(t, want, got, "%s of %q", name, body)
}

func TestStringMemberReadsAsTheTypedDecode(t *testing.T) {
	for _, body := range memberBodies {
		assertAgrees(t, body, "id", decodeID)
		assertAgrees(t, body, "@odata.nextLink", decodeNextLink)
	}
}

func FuzzStringMemberReadsAsTheTypedDecode(f *testing.F) {
	for _, body := range memberBodies {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body string) {
		assertAgrees(t, body, "id", decodeID)
		assertAgrees(t, body, "@odata.nextLink", decodeNextLink)
	})
}

func TestTopLevelMembersCountsTheNamesWritten(t *testing.T) {
	for body, want := range map[string]int{
		`{}`: 0, `{"a":1}`: 1, `{"a":1,"a":2}`: 2, `{"a":{"b":1,"c":2},"d":[{"e":1}]}`: 2,
		`{"a:b":"c:d","e":"\":"}`: 2, `{"a":"\\","b":1}`: 2, ` { "a" : 1 , "b" : [ ] } `: 2,
	} {
		var obj map[string]any
		if assert.NoError(t, json.Unmarshal([]byte(body), &obj), body) {
			assert.Equal(t, want, topLevelMembers([]byte(body)), body)
		}
	}
}
