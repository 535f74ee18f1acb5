package harness

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"testing/fstest"

	gherkin "github.com/cucumber/gherkin/go/v26"
	messages "github.com/cucumber/messages/go/v21"
)

// Shard is one of Count parts of the suite, --shard Index/Count: the scenarios (each example of an
// outline counts as one), in file and line order, are dealt to the shards in turn, so the shards of
// one Count together run every scenario exactly once.
type Shard struct {
	// Index is the shard's number, from 1 to Count.
	Index int
	// Count is how many shards the suite is split into.
	Count int
}

// ParseShard reads "I/N", 1 ≤ I ≤ N.
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	index, errI := strconv.Atoi(strings.TrimSpace(i))
	count, errN := strconv.Atoi(strings.TrimSpace(n))
	if !ok || errI != nil || errN != nil || count < 1 || index < 1 || index > count {
		return Shard{}, fmt.Errorf("--shard %q: give I/N with 1 ≤ I ≤ N, e.g. --shard 1/2 and --shard 2/2 for two CI jobs", s)
	}
	return Shard{Index: index, Count: count}, nil
}

// String is "I/N".
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// Filter returns the feature files of fsys with the scenarios of other shards commented out. Every
// line stays where it was, so the reports' file:line still point at the real files.
func (s Shard) Filter(fsys fs.FS) (fs.FS, error) {
	out := fstest.MapFS{}
	k := 0
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".feature" {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		filtered, err := s.filterFile(data, &k)
		if err != nil {
			return fmt.Errorf("shard %s: %s: %w", s, p, err)
		}
		out[p] = &fstest.MapFile{Data: filtered, Mode: 0o444}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("split the features: %w", err)
	}
	return out, nil
}

// filterFile comments out the scenarios and example rows of one file that are not this shard's; k
// counts the scenarios dealt so far.
func (s Shard) filterFile(data []byte, k *int) ([]byte, error) {
	doc, err := gherkin.ParseGherkinDocument(bytes.NewReader(data), (&messages.Incrementing{}).NewId)
	if err != nil {
		return nil, fmt.Errorf("parse: %w; fix its Gherkin", err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	if doc.Feature == nil {
		return data, nil
	}
	// starts are the first lines (tags included) of every block a scenario can end at.
	var starts []int
	var scenarios []*messages.Scenario
	startOf := func(line int64, tags []*messages.Tag) int {
		start := int(line)
		for _, t := range tags {
			start = min(start, int(t.Location.Line))
		}
		return start
	}
	for _, c := range doc.Feature.Children {
		switch {
		case c.Background != nil:
			starts = append(starts, int(c.Background.Location.Line))
		case c.Scenario != nil:
			starts = append(starts, startOf(c.Scenario.Location.Line, c.Scenario.Tags))
			scenarios = append(scenarios, c.Scenario)
		case c.Rule != nil:
			starts = append(starts, startOf(c.Rule.Location.Line, c.Rule.Tags))
			for _, rc := range c.Rule.Children {
				switch {
				case rc.Background != nil:
					starts = append(starts, int(rc.Background.Location.Line))
				case rc.Scenario != nil:
					starts = append(starts, startOf(rc.Scenario.Location.Line, rc.Scenario.Tags))
					scenarios = append(scenarios, rc.Scenario)
				}
			}
		}
	}
	sort.Ints(starts)
	comment := func(from, to int) { // 1-based, inclusive
		for l := from; l <= to && l <= len(lines); l++ {
			lines[l-1] = "# " + lines[l-1]
		}
	}
	mine := func() bool {
		keep := *k%s.Count == s.Index-1
		*k++
		return keep
	}
	for _, sc := range scenarios {
		var rows []*messages.TableRow
		for _, ex := range sc.Examples {
			rows = append(rows, ex.TableBody...)
		}
		if len(rows) > 0 {
			for _, row := range rows {
				if !mine() {
					comment(int(row.Location.Line), int(row.Location.Line))
				}
			}
			continue
		}
		if mine() {
			continue
		}
		from := startOf(sc.Location.Line, sc.Tags)
		to := len(lines)
		for _, st := range starts {
			if st > from {
				to = st - 1
				break
			}
		}
		comment(from, to)
	}
	return []byte(strings.Join(lines, "")), nil
}
