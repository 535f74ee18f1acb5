package report

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"sort"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/graphconform/graphconform/internal/record"
	"github.com/graphconform/graphconform/internal/version"
)

// Record writes run.json, the whole record of a run (every scenario, exchange and finding, the
// features, the target, the description's sha256 and the version), from which `graphconform report
// merge` joins the reports of a run split into shards.
type Record struct{}

// Name returns "record".
func (Record) Name() string { return "record" }

// FileName returns "run.json".
func (Record) FileName() string { return RecordFile }

// RecordFile is the name of the file Record writes.
const RecordFile = "run.json"

// RecordSchemaVersion is the version of run.json's layout.
const RecordSchemaVersion = 1

type recordFile struct {
	SchemaVersion int          `json:"schemaVersion"`
	Tool          version.Info `json:"tool"`
	Hostname      string       `json:"hostname,omitempty"`
	Target        string       `json:"target"`
	Profile       *Profile     `json:"profile,omitempty"`
	SpecSHA256    string       `json:"specSha256"`
	Features      []Feature    `json:"features"`
	Run           record.Run   `json:"run"`
}

// Format writes the run.json of r.
func (Record) Format(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(recordFile{SchemaVersion: RecordSchemaVersion, Tool: r.Tool, Hostname: r.Hostname,
		Target: r.Target, Profile: r.Profile, SpecSHA256: r.SpecSHA256, Features: r.Features, Run: r.Run}); err != nil {
		return fmt.Errorf("encode run.json: %w", err)
	}
	return nil
}

// ReadRecord decodes a run.json into the report it was written from, without its coverage, verdict
// and rules (Merge computes them).
func ReadRecord(data []byte) (Report, error) {
	var f recordFile
	if err := json.Unmarshal(data, &f); err != nil {
		return Report{}, fmt.Errorf("decode run.json: %w", err)
	}
	if f.SchemaVersion != RecordSchemaVersion {
		return Report{}, fmt.Errorf("run.json has schemaVersion %d, this graphconform reads %d: merge with the graphconform that ran", f.SchemaVersion, RecordSchemaVersion)
	}
	return Report{Run: f.Run, Tool: f.Tool, Hostname: f.Hostname, Target: f.Target, Profile: f.Profile, SpecSHA256: f.SpecSHA256, Features: f.Features}, nil
}

// Merge joins the reports of the shards of one run into the report of the whole: every scenario once,
// the run from the first shard's start to the last one's end, and its coverage of doc, verdict and
// rules computed as New does. Shards that checked different descriptions, ran against different
// targets or profiles or with different builds of graphconform, or that ran the same scenario, are an
// error.
func Merge(parts []Report, doc *openapi3.T) (Report, error) {
	if len(parts) == 0 {
		return Report{}, fmt.Errorf("nothing to merge: give the report directories of the shards")
	}
	first := parts[0]
	run := record.Run{Target: first.Run.Target}
	var end time.Time
	// seen lists the shards that ran each scenario (file and name), which may run as often as it is
	// written: the examples of an outline without a placeholder in its name share the name.
	seen := map[string][]int{}
	written := timesWritten(parts)
	features := map[string]*Feature{}
	var uris []string
	for i, p := range parts {
		if p.SpecSHA256 != first.SpecSHA256 {
			return Report{}, fmt.Errorf("shard %d checked the description with sha256 %s, shard 1 %s: merge the shards of one run", i+1, p.SpecSHA256, first.SpecSHA256)
		}
		if p.Target != first.Target {
			return Report{}, fmt.Errorf("shard %d ran against %s, shard 1 against %s: merge the shards of one run", i+1, p.Target, first.Target)
		}
		if p.Tool != first.Tool {
			return Report{}, fmt.Errorf("shard %d ran graphconform %s, shard 1 %s: merge the shards of one run, made by one build", i+1, p.Tool, first.Tool)
		}
		if !reflect.DeepEqual(p.Profile, first.Profile) {
			return Report{}, fmt.Errorf("shard %d used the profile %s, shard 1 %s: merge the shards of one run", i+1, profileName(p.Profile), profileName(first.Profile))
		}
		if !p.Run.Started.IsZero() && (run.Started.IsZero() || p.Run.Started.Before(run.Started)) {
			run.Started = p.Run.Started
		}
		if e := p.Run.Started.Add(p.Run.Elapsed); e.After(end) {
			end = e
		}
		for _, sc := range p.Run.Scenarios {
			key := sc.URI + "\n" + sc.Name
			if shards := seen[key]; len(shards) >= written[key] {
				return Report{}, fmt.Errorf("scenario %q of %s ran in shard %d and shard %d: merge the shards of one --shard I/N split", sc.Name, sc.URI, shards[0]+1, i+1)
			}
			seen[key] = append(seen[key], i)
			run.Scenarios = append(run.Scenarios, sc)
		}
		for _, f := range p.Features {
			m := features[f.URI]
			if m == nil {
				m = &Feature{URI: f.URI, Name: f.Name, Path: f.Path}
				features[f.URI] = m
				uris = append(uris, f.URI)
			}
			for j, name := range f.Scenarios {
				if count(m.Scenarios, name) > count(f.Scenarios[:j], name) {
					continue
				}
				m.Scenarios = append(m.Scenarios, name)
				line := 0
				if j < len(f.Lines) {
					line = f.Lines[j]
				}
				m.Lines = append(m.Lines, line)
			}
		}
	}
	if !run.Started.IsZero() {
		run.Elapsed = end.Sub(run.Started)
	}
	merged := New(run, doc, first.SpecSHA256)
	merged.Tool, merged.Hostname, merged.Profile = first.Tool, first.Hostname, first.Profile
	sort.Strings(uris)
	for _, uri := range uris {
		f := features[uri]
		order := make([]int, len(f.Scenarios))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return f.Lines[order[a]] < f.Lines[order[b]] })
		sorted := Feature{URI: f.URI, Name: f.Name, Path: f.Path}
		for _, i := range order {
			sorted.Scenarios = append(sorted.Scenarios, f.Scenarios[i])
			sorted.Lines = append(sorted.Lines, f.Lines[i])
		}
		merged.Features = append(merged.Features, sorted)
	}
	return merged, nil
}

// profileName is a profile on one line for a message, or "none".
func profileName(p *Profile) string {
	if p == nil {
		return "none"
	}
	return p.String()
}

// timesWritten counts how often each scenario (file and name) is written in the shards' features, at
// least once each: a scenario of a file the features do not know is written once.
func timesWritten(parts []Report) map[string]int {
	written := map[string]int{}
	for _, p := range parts {
		for _, f := range p.Features {
			n := map[string]int{}
			for _, name := range f.Scenarios {
				n[f.URI+"\n"+name]++
			}
			for key, c := range n {
				written[key] = max(written[key], c)
			}
		}
		for _, sc := range p.Run.Scenarios {
			key := sc.URI + "\n" + sc.Name
			written[key] = max(written[key], 1)
		}
	}
	return written
}

// count is how often name is in names.
func count(names []string, name string) int {
	n := 0
	for _, s := range names {
		if s == name {
			n++
		}
	}
	return n
}
