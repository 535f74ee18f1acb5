# graphconform — `make help` lists the targets.
.DEFAULT_GOAL := conformance

GO       ?= go
REPORTS  ?= reports
ARGS     ?=
BENCHTIME ?= 1s
COUNT    ?= 1
LOADTIME ?= 5s
# Debian packages the tests use, as command:package; make deps installs the missing ones with one apt-get.
APT_TOOLS ?= xmllint:libxml2-utils chromium:chromium wrk:wrk

.PHONY: help conformance test lint deps spec bench bench-load build killmatrix fuzz soak

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

conformance: ## Run the suite against the embedded mock, print a summary, write reports/ (ARGS='--tags @upgrade')
	$(GO) run ./cmd/graphconform run --reports $(REPORTS) $(ARGS)

test: lint deps ## Run every test with the race detector, and the own-steps example module's, with loopback as the only network where Linux allows
	sh tools/offline.sh $(GO) test -race -count=1 ./...
	cd examples/own-steps && $(GO) vet ./... && sh ../../tools/offline.sh $(GO) test -race -count=1 ./...

lint: ## Check formatting (gofmt) and run go vet
	@unformatted="$$(gofmt -l .)"; \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

deps: ## Install what the browser, report-schema, load and client tests need: Chromium, xmllint, wrk, clients/js, tools/cucumber-report and tools/prism node_modules, clients/go modules, built once
	@missing=""; \
	for tool in $(APT_TOOLS); do command -v $${tool%%:*} >/dev/null 2>&1 || missing="$$missing $${tool#*:}"; done; \
	if [ -f clients/js/package-lock.json ] && ! command -v npm >/dev/null 2>&1; then missing="$$missing nodejs npm"; fi; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing$$missing (apt-get)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "missing, and not installable here without root and apt-get:$$missing"; \
			echo "  the tests that need them are skipped; without xmllint junit.xml is not checked against the JUnit schemas, without wrk bench loads with its Go generator"; \
		fi; \
	fi
	@if [ -f clients/js/package-lock.json ]; then \
		if command -v npm >/dev/null 2>&1; then \
			[ -d clients/js/node_modules ] || npm ci --prefix clients/js --no-audit --no-fund; \
		else \
			echo "npm is missing: the JavaScript-client test will be skipped"; \
		fi; \
	fi
	@if command -v npm >/dev/null 2>&1; then \
		[ -d tools/cucumber-report/node_modules ] || npm ci --prefix tools/cucumber-report --no-audit --no-fund; \
		[ -d tools/prism/node_modules ] || npm ci --prefix tools/prism --no-audit --no-fund; \
	else \
		echo "npm is missing: cucumber.json will not be rendered with cucumber-html-reporter, and bench's test will not compare Prism"; \
	fi
	@# Compiling Microsoft's Go SDK takes minutes on two cores: do it here, once, so that the client
	@# tests find it in the build cache instead of spending their own deadline on it.
	cd clients/go && $(GO) mod download && $(GO) build -o /dev/null .

spec: ## Rebuild spec/openapi.yaml from the API-reference pages in spec/docs
	$(GO) run ./cmd/graphconform spec build --docs spec/docs --out spec/openapi.yaml

gencases: ## Regenerate features/generated.feature (@generated requests) from spec/openapi.yaml
	$(GO) run ./cmd/graphconform spec cases --spec spec/openapi.yaml --out features/generated.feature

bench: ## Run the benchmarks (validating an exchange beside naive kin-openapi, the mock's handler, the suite beside its bare exchanges); benchstat-friendly, BENCHTIME=1s COUNT=1
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) -count $(COUNT) ./internal/contract/ ./internal/mockgraph/ ./internal/harness/

killmatrix: ## Run the suite against every broken and faithful server; rewrite README.md's kill matrix
	$(GO) test -count=1 -run '^TestKillMatrix$$' ./internal/variants/ -update

bench-load: ## Load a bare net/http server, serve --strict, proxy and (with npm) Prism on loopback, print ratios and p50/p99, write BENCHMARKS.md (LOADTIME=5s per case)
	$(GO) run ./cmd/graphconform bench --duration $(LOADTIME) --out BENCHMARKS.md

build: ## Build the graphconform binary
	$(GO) build -o graphconform ./cmd/graphconform

FUZZTIME         ?= 10m
FUZZMINIMIZETIME ?= 10s
FUZZFLAGS        ?=
# Every fuzz target, as package:Name. go test runs each one's seed corpus as an ordinary test.
FUZZ_TARGETS := \
	./internal/mockgraph:FuzzMockNeverAnswers5xxOrPanics \
	./internal/mockgraph:FuzzDecodeJSON \
	./internal/mockgraph:FuzzDecodeFast \
	./internal/mockgraph:FuzzCheckQuery \
	./internal/mockgraph:FuzzReadToken \
	./internal/mockgraph:FuzzParseSeed \
	./internal/mockgraph:FuzzParseFault \
	./internal/mockgraph:FuzzParseFaults \
	./internal/mockgraph:FuzzParseRate \
	./internal/docspec:FuzzReadPage \
	./internal/target:FuzzParseProfile \
	./internal/conformance:FuzzParseRetryAfter \
	./internal/conformance:FuzzSegmentsAgreeWithTheParsedPath \
	./internal/conformance:FuzzStringMemberReadsAsTheTypedDecode \
	./internal/jsonlex:FuzzNumberAgreesWithEncodingJSON \
	./internal/jsonlex:FuzzDecodePlainAgreesWithEncodingJSON \
	./internal/client:FuzzResponseObjectReadsAsJSONUnmarshal \
	./steps:FuzzResolveLocation \
	./internal/harness:FuzzCheckTags \
	./internal/contract:FuzzPlanAgreesWithKin \
	./internal/contract:FuzzRequestPlanAgreesWithKin \
	./internal/contract:FuzzIsDateTimeMatchesKin \
	./internal/contract:FuzzSplitTargetAgreesWithURLParse

fuzz: ## Fuzz every target for FUZZTIME each (default 10m; FUZZMINIMIZETIME caps minimizing, FUZZFLAGS='-parallel 1')
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzzing $$name ($$pkg) for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME) $(FUZZFLAGS) $$pkg; \
	done

SOAKTIME ?= 60s

soak: ## Soak the mock over loopback for SOAKTIME (default 60s): racing updates, polls, patches, upgrades
	GRAPHCONFORM_SOAK=$(SOAKTIME) $(GO) test -run '^TestSoak$$' -count=1 -v -timeout 30m ./internal/mockgraph/
