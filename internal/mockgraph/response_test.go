package mockgraph

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAppendJSONWritesWhatEncodingJSONWrites(t *testing.T) {
	for _, v := range []any{
		nil, true, false, 0, -42, 1.5, 1e21, "", "plain", `a "quoted" \\ one`, "<b>&</b>", "tab\there", "\u2028 line", "é ü 日本", "\xff bad",
		[]any{"a", 1.0, nil}, map[string]any{"k": "v"},
		identitySet{}, identitySet{User: &identity{ID: "u", DisplayName: "Adele <Vance>"}},
		identitySet{User: &identity{ID: "u"}, Application: &identity{ID: "a", DisplayName: "app"}},
	} {
		want, err := marshalNoEscape(v)
		require.NoError(t, err)
		got, err := appendJSON(nil, v)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "%#v", v)
	}
	got, err := appendJSON([]byte("x"), object{{"@odata.type", "#t"}, {"n", object{{"a", nil}, {"b", identitySet{}}}}, {"<", "é"}})
	require.NoError(t, err)
	assert.Equal(t, `x{"@odata.type":"#t","n":{"a":null,"b":{}},"<":"é"}`, string(got))
}

func TestTheCanonicalHeaderNamesAreTheHeadersCanonicalForms(t *testing.T) {
	assert.Equal(t, http.CanonicalHeaderKey(HeaderRequestID), canonicalRequestID)
	assert.Equal(t, http.CanonicalHeaderKey(HeaderClientRequestID), canonicalClientRequestID)
}
