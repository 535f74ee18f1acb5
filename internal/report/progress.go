package report

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/graphconform/graphconform/internal/finding"
	"github.com/graphconform/graphconform/internal/record"
)

// Progress prints one line per scenario as it ends, with its findings under a failure. It is safe for
// scenarios ending concurrently.
type Progress struct {
	mu    sync.Mutex
	w     io.Writer
	color bool
}

// NewProgress prints to w, in colour when color is true.
func NewProgress(w io.Writer, color bool) *Progress {
	return &Progress{w: w, color: color}
}

// IsTerminal tells whether w is a terminal that should get colours: not when NO_COLOR is set.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// Scenario prints the line of one ended scenario.
func (p *Progress) Scenario(sc record.Scenario) {
	var b strings.Builder
	mark, colour := "PASS", "\x1b[32m"
	switch {
	case sc.Skipped:
		mark, colour = "SKIP", "\x1b[33m"
	case !sc.Passed:
		mark, colour = "FAIL", "\x1b[31m"
	}
	if p.color {
		mark = colour + mark + "\x1b[0m"
	}
	fmt.Fprintf(&b, "%s  %s  (%s, %d exchanges)\n", mark, sc.Name, sc.URI, len(sc.Exchanges))
	if sc.Skipped {
		fmt.Fprintf(&b, "      %s\n", sc.Error)
	}
	if !sc.Passed && !sc.Skipped {
		findings := finding.Errors(sc.AllFindings())
		for _, f := range findings {
			fmt.Fprintf(&b, "      %s\n", f)
		}
		if len(findings) == 0 && sc.Error != "" {
			fmt.Fprintf(&b, "      %s\n", strings.ReplaceAll(sc.Error, "\n", "\n      "))
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	_, _ = io.WriteString(p.w, b.String())
}
