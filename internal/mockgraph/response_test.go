package mockgraph

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAppendJSONWritesWhatEncodingJSONWrites(t *testing.T) {
	for _, v := range []any{
		nil, true, false, 0, -42, 1.5, 1e21, "", "plain", `a "quoted" \\ one`, "<b>&</b>", "tab\there", "\u2028 line", "é ü 日本", "\xff bad",
		[]any{"a", 1.0, nil}, map[string]any{"k": "v"},
		identitySet{}, identitySet{User: &identity{ID: "u", DisplayName: "Adele <Vance>"}},
		identitySet{User: &identity{ID: "u"}, Application: &identity{ID: "a", DisplayName: "app"}},
		identitySet{Application: &identity{ID: "a\"b", DisplayName: "tab\there"}},
	} {
		want, err := marshalNoEscape(v)
		require.NoError(t, err)
		got, err := appendJSON(nil, v)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "%#v", v)
	}
	got, err := appendJSON([]byte("x"), object{{"@odata.type", "#t"}, {"n", object{{"a", nil}, {"b", identitySet{}}}}, {"<", "é"}, {`q"uote`, 1}})
	require.NoError(t, err)
	assert.Equal(t, `x{"@odata.type":"#t","n":{"a":null,"b":{}},"<":"é","q\"uote":1}`, string(got))
}

func TestTheCanonicalHeaderNamesAreTheHeadersCanonicalForms(t *testing.T) {
	assert.Equal(t, http.CanonicalHeaderKey(HeaderRequestID), canonicalRequestID)
	assert.Equal(t, http.CanonicalHeaderKey(HeaderClientRequestID), canonicalClientRequestID)
}

func TestADateTimeIsWrittenInUTCWithSevenFractionalDigits(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 600_000_000, time.FixedZone("CET", 3600))
	got, err := appendJSON(nil, object{{"createdDateTime", formatTime(&at)}, {"completedDateTime", formatTime(nil)}})
	require.NoError(t, err)
	assert.Equal(t, `{"createdDateTime":"2026-01-02T02:04:05.6000000Z","completedDateTime":null}`, string(got))
	viaEncodingJSON, err := marshalNoEscape([]any{formatTime(&at)})
	require.NoError(t, err)
	assert.Equal(t, `["2026-01-02T02:04:05.6000000Z"]`, string(viaEncodingJSON), "encoding/json writes it the same")
}
