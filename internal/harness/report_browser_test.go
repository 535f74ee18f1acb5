//go:build unix

package harness_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/graphconform/graphconform/internal/report"
)

// RequireBrowserEnv, when set (CI sets it), makes a missing Chromium a failure rather than a skip.
const RequireBrowserEnv = "GRAPHCONFORM_REQUIRE_BROWSER"

// chromiumTimeout bounds each Chromium invocation.
const chromiumTimeout = 60 * time.Second

// findChromium returns the Chromium binary, or skips the test saying how to install it.
func findChromium(t *testing.T) string {
	t.Helper()
	if path, err := exec.LookPath("chromium"); err == nil {
		return path
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	const missing = "no chromium on PATH nor at /usr/bin/chromium: the report.html browser test needs it; on Debian or Ubuntu: apt-get update && apt-get install -y chromium (make deps does it)"
	if os.Getenv(RequireBrowserEnv) != "" {
		t.Fatal(missing + "; $" + RequireBrowserEnv + " is set, so this fails instead of skipping")
	}
	t.Skip(missing)
	return ""
}

// chromium runs headless Chromium with args on the page and returns its standard output. Its standard
// error, noisy even when all goes well, is shown only when it fails.
func chromium(t *testing.T, binary string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), chromiumTimeout)
	defer cancel()
	base := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(),
	}
	cmd := exec.CommandContext(ctx, binary, append(base, args...)...)
	// Chromium starts helper processes: give them their own group and end the whole group on timeout,
	// and do not wait forever for a helper that keeps the output open.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("chromium %s did not finish within %s; its stderr:\n%s", strings.Join(args, " "), chromiumTimeout, tail(stderr.String()))
	}
	if err != nil {
		t.Fatalf("chromium %s: %v; its stderr:\n%s", strings.Join(args, " "), err, tail(stderr.String()))
	}
	return stdout.Bytes()
}

// tail keeps the end of Chromium's stderr, where the error is.
func tail(s string) string {
	const max = 4000
	if len(s) > max {
		return "…" + s[len(s)-max:]
	}
	return s
}

// TestReportHTMLRendersInHeadlessChromium renders the report.html of a real run against the embedded
// mock in a browser: the DOM has the verdict and the matrix, and the screenshot shows the verdict's
// colour band at the top of the page.
func TestReportHTMLRendersInHeadlessChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the headless-Chromium test of report.html")
	}
	binary := findChromium(t)
	dir := t.TempDir()
	result := runWithReports(t, dir, "")
	page := filepath.Join(dir, "report.html")
	url := "file://" + page

	dom := string(chromium(t, binary, "--dump-dom", url))
	verdict := regexp.MustCompile(`(?s)<section id="verdict" class="(pass|fail)">.*?</section>`).FindStringSubmatch(dom)
	require.NotNil(t, verdict, "the rendered DOM has no verdict section:\n%s", tail(dom))
	require.Contains(t, verdict[0], string(result.Report.Verdict))
	matrix := regexp.MustCompile(`(?s)<table id="matrix">.*?</table>`).FindString(dom)
	require.NotEmpty(t, matrix, "the rendered DOM has no matrix")
	for _, op := range result.Report.Coverage.Operations {
		require.Contains(t, matrix, op.ID, "the matrix has no row for %s", op.ID)
	}
	require.NotContains(t, dom, "Bearer "+"graphconform", "the page shows a token")

	shot := filepath.Join(dir, "report.png")
	chromium(t, binary, "--screenshot="+shot, "--window-size=1280,900", "--hide-scrollbars", url)
	f, err := os.Open(shot)
	require.NoError(t, err, "chromium wrote no screenshot")
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err, "the screenshot is not a PNG")
	require.Equal(t, image.Rect(0, 0, 1280, 900), img.Bounds())

	// The verdict sits in the top third: that band has text, borders and the verdict's background.
	want := color.RGBA{0xda, 0xfb, 0xe1, 0xff} // --pass-bg
	if result.Report.Verdict != report.Conformant {
		want = color.RGBA{0xff, 0xeb, 0xe9, 0xff} // --fail-bg
	}
	colours, verdictPixels := map[color.RGBA]bool{}, 0
	for y := 0; y < 300; y++ {
		for x := 0; x < 1280; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			colours[c] = true
			if near(c, want) {
				verdictPixels++
			}
		}
	}
	if len(colours) < 16 {
		t.Errorf("the top of the screenshot has %d colours: the page looks blank", len(colours))
	}
	if verdictPixels < 10000 {
		t.Errorf("the top of the screenshot has %d pixels of the verdict's background %v, want a band of them", verdictPixels, hex(want))
	}
}

// near tells whether two colours differ by at most 3 in each channel (colour management may round).
func near(a, b color.RGBA) bool {
	d := func(x, y uint8) bool { return x-y <= 3 || y-x <= 3 }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
}

func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }
