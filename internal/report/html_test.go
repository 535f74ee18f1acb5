package report_test

import (
	"bytes"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/client"
	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/report"
)

func formatHTML(t *testing.T, r report.Report) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.HTML{}.Format(&buf, r))
	return buf.String()
}

// element returns the element with the id, from its start tag to the first closing tag named tag.
func element(t *testing.T, page, tag, id string) string {
	t.Helper()
	start := strings.Index(page, `id="`+id+`"`)
	require.GreaterOrEqual(t, start, 0, "no element with id %q", id)
	end := strings.Index(page[start:], "</"+tag+">")
	require.GreaterOrEqual(t, end, 0, "element %q is not closed", id)
	return page[start : start+end]
}

func TestHTMLPutsTheVerdictFirst(t *testing.T) {
	page := formatHTML(t, fixedReport(t))
	verdict := element(t, page, "section", "verdict")
	for _, want := range []string{`class="fail"`, "NOT CONFORMANT", "5 scenarios: 2 passed, 2 failed, 1 skipped", "6/8 documented statuses and headers exercised (75.0%)"} {
		if !strings.Contains(verdict, want) {
			t.Errorf("verdict %q lacks %q", verdict, want)
		}
	}
	if strings.Index(page, `id="verdict"`) > strings.Index(page, `id="matrix"`) {
		t.Error("the verdict comes after the matrix")
	}
}

// TestHTMLMatrixHasARowPerOperationAndAColumnPerDocumentedStatus pins the cells: ✓ and the count when
// exercised, ✗ when not, — when the operation does not document the status.
func TestHTMLMatrixHasARowPerOperationAndAColumnPerDocumentedStatus(t *testing.T) {
	matrix := element(t, formatHTML(t, fixedReport(t)), "table", "matrix")
	header := regexp.MustCompile(`<th>([^<]*)</th>`).FindAllStringSubmatch(matrix, -1)
	var columns []string
	for _, h := range header {
		columns = append(columns, h[1])
	}
	wantColumns := []string{"Operation", "Verdict", "Exchanges", "200", "202", "204", "409", "Other statuses seen", "Errors", "Warnings"}
	if diff := cmp.Diff(wantColumns, columns); diff != "" {
		t.Errorf("matrix columns mismatch (-want +got):\n%s", diff)
	}
	cell := regexp.MustCompile(`<td class="(yes|no|na)">(?:<span class="cell-mark">(.)</span> (\d+))?`)
	var rows []string
	for _, tr := range strings.Split(matrix, "<tr>")[2:] {
		op := regexp.MustCompile(`<code>([^<]*)</code>`).FindStringSubmatch(tr)[1]
		var cells []string
		for _, m := range cell.FindAllStringSubmatch(tr, -1) {
			cells = append(cells, strings.TrimSpace(m[1]+" "+m[2]+m[3]))
		}
		rows = append(rows, op+": "+strings.Join(cells, ", "))
	}
	want := []string{
		"teamworkDevice.getOperation: yes ✓2, na, na, na",
		"teamworkDevice.updateSoftware: na, yes ✓2, na, yes ✓1",
		"userScopeTeamsAppInstallation.upgrade: na, na, no ✗0, na",
		"windowsUpdateState.get: no ✗0, na, na, na",
		"windowsUpdateState.update: yes ✓1, na, na, na",
		"GET /beta/nowhere: na, na, na, na",
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("matrix rows mismatch (-want +got):\n%s", diff)
	}
	for _, s := range []string{"Retry-After: 1", "Location: 2", "<td>404×1</td>", "not in the description"} {
		if !strings.Contains(matrix, s) {
			t.Errorf("matrix lacks %q", s)
		}
	}
}

func TestHTMLIsSelfContained(t *testing.T) {
	page := formatHTML(t, fixedReport(t))
	for _, banned := range []string{"<script", "<link", "src=", "url(", "@import"} {
		if strings.Contains(strings.ToLower(page), banned) {
			t.Errorf("report.html contains %q: it must need nothing but itself", banned)
		}
	}
	// Links only within the page.
	if links, local := strings.Count(page, `href="`), strings.Count(page, `href="#`); links != local {
		t.Errorf("report.html links %d times outside itself: it must need nothing but itself", links-local)
	}
	require.Contains(t, page, "<style>")
}

func TestHTMLShowsEachExchangeAndFindingWithItsPointer(t *testing.T) {
	page := formatHTML(t, fixedReport(t))
	for _, want := range []string{
		"PATCH https://graph.example/beta/deviceManagement/deviceConfigurations/c1/deviceUpdateStates/s1",
		"Content-Type", "Request-Id", "Location", "/teamwork/devices/d1/operations/o1",
		"&#34;softwareType&#34;: &#34;firmware&#34;", // the request body, indented
		"&#34;code&#34;: 42",                         // the response body, indented
		"at <code>/error/code</code>: value must be a string",
		"[documented-status]",
		"connection refused\nis the target up?",
		"in 15ms",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
}

func TestHTMLNeverShowsAnAuthorizationValue(t *testing.T) {
	header := http.Header{
		"Authorization":       {"Bearer s3cret-canonical"},
		"authorization":       {"Bearer s3cret-lower"},
		"Proxy-Authorization": {"Basic s3cret-proxy"},
		"Cookie":              {"session=s3cret-cookie"},
		"Accept":              {"application/json"},
	}
	run := record.Run{Scenarios: []record.Scenario{{Name: "leaky", URI: "x.feature", Passed: true, Exchanges: []record.CheckedExchange{{
		Operation: "op", Exchange: &client.Exchange{
			Request:  client.RecordedRequest{Method: "GET", URL: "https://graph.example/beta/x", Header: header},
			Response: client.RecordedResponse{Status: 200, Header: http.Header{"Authorization": {"Bearer s3cret-echoed"}}},
		},
	}}}}}
	page := formatHTML(t, report.Report{Run: run})
	if strings.Contains(page, "s3cret") {
		t.Errorf("report.html shows a credential:\n%s", page)
	}
	if got := strings.Count(page, client.Redacted); got != 5 {
		t.Errorf("report.html shows %s %d times, want 5 (four request headers, one response header)", client.Redacted, got)
	}
	require.Contains(t, page, "application/json")
}

func TestHTMLEscapesWhatTheRunRecorded(t *testing.T) {
	run := record.Run{Scenarios: []record.Scenario{{Name: `<script>alert("x")</script>`, URI: "x.feature", Error: "<b>bold</b>"}}}
	page := formatHTML(t, report.Report{Run: run})
	if strings.Contains(page, "<script>") || strings.Contains(page, "<b>bold") {
		t.Errorf("report.html renders recorded text as markup:\n%s", page)
	}
}

func TestHTMLListsTheFailuresAtTheTop(t *testing.T) {
	page := formatHTML(t, fixedReport(t))
	failures := element(t, page, "section", "failures")
	require.Less(t, strings.Index(page, `id="failures"`), strings.Index(page, `id="matrix"`), "the failures come before the matrix")
	for _, want := range []string{
		`<code>features/update_software.feature:21</code>`,
		"A second update while the first is queued is refused with 409 Conflict",
		"[response-body-schema] teamworkDevice.updateSoftware → 409 at /error/code: value must be a string (and 1 more)",
		`<code>features/app_upgrade.feature:16</code>`,
		"open a session on https://graph.example: dial tcp: connection refused",
	} {
		require.Contains(t, failures, want)
	}
	require.NotContains(t, failures, "A PATCH answers 200", "a passed scenario is no failure")
	require.NotContains(t, failures, "A token without the permission", "a skipped scenario is no failure")
	for _, id := range regexp.MustCompile(`href="#(scenario-\d+)"`).FindAllStringSubmatch(failures, -1) {
		require.Contains(t, page, `id="`+id[1]+`"`, "each failure links to its scenario")
	}
}

func TestHTMLHasNoFailureListWhenNothingFailed(t *testing.T) {
	r := fixedReport(t)
	var passed []record.Scenario
	for _, sc := range r.Run.Scenarios {
		if sc.Passed {
			passed = append(passed, sc)
		}
	}
	r.Run.Scenarios = passed
	require.NotContains(t, formatHTML(t, r), `id="failures"`)
}

// TestHTMLCarriesNoControlCharacterOrInvalidUTF8 feeds the page what a target may send in a header, a
// body, a status line's worth of text: HTML forbids C0 and C1 controls (but whitespace) and
// noncharacters, and a page declared UTF-8 must be UTF-8.
func TestHTMLCarriesNoControlCharacterOrInvalidUTF8(t *testing.T) {
	nasty := "a\x00b\x01c\x0bd\x1be\x7ff\u0085g\xffh\ufdd0i\ufffej"
	ex := &client.Exchange{
		Request:  client.RecordedRequest{Method: "GET", URL: "https://graph.example/beta/x?q=" + nasty, Header: http.Header{"X-Sent": {nasty}}},
		Response: client.RecordedResponse{Status: 200, Header: http.Header{"X-Echo": {nasty}}, Body: []byte("text " + nasty)},
	}
	run := record.Run{Target: nasty, Scenarios: []record.Scenario{{Name: "s " + nasty, URI: "x.feature", Error: "e " + nasty,
		Exchanges: []record.CheckedExchange{{Operation: "op " + nasty, Exchange: ex}}}}}
	page := formatHTML(t, report.Report{Run: run, Target: nasty})
	require.True(t, utf8.ValidString(page), "report.html is not UTF-8")
	for i, r := range page {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\f':
		case r < 0x20, r >= 0x7f && r <= 0x9f, r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe:
			t.Fatalf("report.html holds %U at byte %d: %q", r, i, page[max(0, i-40):min(len(page), i+40)])
		}
	}
	require.Contains(t, page, "a\uFFFDb", "what could not be shown is marked")
}

func TestHTMLVerdictSaysHowManyScenariosWereCutShort(t *testing.T) {
	run := record.Run{Scenarios: []record.Scenario{{Name: "a", URI: "x.feature", Passed: true}, {Name: "b", URI: "x.feature", Skipped: true, CutShort: true, Error: "cut short: interrupted"}}}
	verdict := element(t, formatHTML(t, report.Report{Run: run, Verdict: report.VerdictOf(run)}), "section", "verdict")
	require.Contains(t, verdict, "INCONCLUSIVE")
	require.Contains(t, verdict, "2 scenarios: 1 passed, 0 failed, 1 skipped (1 cut short: the run was stopped before they ended)")
}

// TestHTMLWrapsTextWithoutSpaces pins the style that keeps a long header value, URL or name a target
// sends without a space (a token, an id) inside the page's width instead of widening it: checked in
// headless Chromium with 3000 such characters in a header, the URL, the name and the error.
func TestHTMLWrapsTextWithoutSpaces(t *testing.T) {
	page := formatHTML(t, fixedReport(t))
	require.Regexp(t, `(?m)^body \{[^}]*overflow-wrap: anywhere;`, page)
}
