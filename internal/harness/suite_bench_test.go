package harness_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/graphconform/graphconform/internal/contract"
	"github.com/graphconform/graphconform/internal/harness"
	"github.com/graphconform/graphconform/internal/mockgraph"
	"github.com/graphconform/graphconform/internal/target"
)

// BenchmarkSuite compares the whole suite against the embedded mock (impl=suite) with the same HTTP
// exchanges sent without it (impl=exchanges): the requests of one suite run, recorded scenario by
// scenario, replayed in order to a fresh mock per scenario, with no steps, no checks of the exchanges
// and no reports. Ids the mock made up in the recorded run (an operation's, from its Location or body)
// are replaced by those the replayed mock made up. Both run one scenario at a time. The suite is to
// cost less than twice the exchanges:
//
//	go test -run '^$' -bench BenchmarkSuite -count 6 ./internal/harness/ | benchstat -col /impl -
func BenchmarkSuite(b *testing.B) {
	validator, err := contract.Load(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	seed := mockgraph.DefaultSeed()
	suite := func(rec *exchangeRecorder) {
		embedded := &target.Embedded{Seed: seed, Validator: validator}
		if rec != nil {
			embedded.Wrap = rec.wrap
		}
		result, err := harness.Run(context.Background(), harness.Options{
			Target:      embedded,
			Validator:   validator,
			Concurrency: 1,
			Output:      io.Discard,
			NoColors:    true,
		})
		if err != nil {
			b.Fatal(err)
		}
		if result.Status != harness.ExitConformant {
			b.Fatalf("the suite against the embedded mock is not conformant (status %d)", result.Status)
		}
	}
	rec := &exchangeRecorder{}
	suite(rec)
	b.Run("impl=suite", func(b *testing.B) {
		for b.Loop() {
			suite(nil)
		}
	})
	b.Run("impl=exchanges", func(b *testing.B) {
		same, all := 0, 0
		for b.Loop() {
			same, all = 0, 0
			for _, sc := range rec.scenarios {
				s, n := replay(b, validator, seed, sc)
				same, all = same+s, all+n
			}
		}
		b.ReportMetric(float64(all), "exchanges/op")
		b.ReportMetric(float64(same)/float64(max(all, 1)), "same-status/exchange")
	})
}

// recordedExchange is one request a scenario sent and the status and ids the mock answered.
type recordedExchange struct {
	method, target string
	header         http.Header
	body           []byte
	status         int
	ids            []string // the GUIDs of the answer's Location and body, in order
}

// recordedScenario is the exchanges of one scenario, one fresh mock, in order.
type recordedScenario []recordedExchange

// exchangeRecorder wraps each scenario's mock to record what it was sent and what it answered.
type exchangeRecorder struct {
	mu        sync.Mutex
	scenarios []recordedScenario
}

func (r *exchangeRecorder) wrap(h http.Handler) http.Handler {
	r.mu.Lock()
	index := len(r.scenarios)
	r.scenarios = append(r.scenarios, nil)
	r.mu.Unlock()
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(body))
		tee := &answerRecorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(tee, req)
		ex := recordedExchange{
			method: req.Method, target: req.URL.RequestURI(), header: req.Header.Clone(), body: body,
			status: tee.status, ids: idsOf(tee.Header().Get("Location"), tee.body.Bytes()),
		}
		r.mu.Lock()
		r.scenarios[index] = append(r.scenarios[index], ex)
		r.mu.Unlock()
	})
}

// answerRecorder passes an answer on and keeps its status and body.
type answerRecorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (a *answerRecorder) WriteHeader(status int) {
	a.status = status
	a.ResponseWriter.WriteHeader(status)
}

func (a *answerRecorder) Write(p []byte) (int, error) {
	a.body.Write(p)
	return a.ResponseWriter.Write(p)
}

// guidPattern matches a GUID as Graph writes one.
var guidPattern = regexp.MustCompile(`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`)

func idsOf(location string, body []byte) []string {
	return append(guidPattern.FindAllString(location, -1), guidPattern.FindAllString(string(body), -1)...)
}

// replay sends a scenario's requests in order to a fresh mock and returns how many were answered
// with the recorded status, of how many.
func replay(b *testing.B, validator *contract.Validator, seed mockgraph.Seed, sc recordedScenario) (same, all int) {
	mock, err := mockgraph.New(mockgraph.Options{
		Seed: seed, Clock: mockgraph.NewFakeClock(time.Now().UTC().Truncate(time.Second)), Validator: validator,
	})
	if err != nil {
		b.Fatal(err)
	}
	base, stop, err := target.ServeLoopback(mock)
	if err != nil {
		b.Fatal(err)
	}
	defer stop()
	transport := &http.Transport{}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport}
	renamed := map[string]string{}
	rename := func(s string) string {
		return guidPattern.ReplaceAllStringFunc(s, func(id string) string {
			if to, ok := renamed[id]; ok {
				return to
			}
			return id
		})
	}
	for _, ex := range sc {
		req, err := http.NewRequest(ex.method, base+rename(ex.target), strings.NewReader(rename(string(ex.body))))
		if err != nil {
			b.Fatal(err)
		}
		req.Header = ex.header.Clone()
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		if ids := idsOf(resp.Header.Get("Location"), body); len(ids) == len(ex.ids) {
			for i, id := range ex.ids {
				renamed[id] = ids[i]
			}
		}
		all++
		if resp.StatusCode == ex.status {
			same++
		}
	}
	return same, all
}
