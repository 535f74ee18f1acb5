# graphconform — `make help` lists the targets.
.DEFAULT_GOAL := conformance

GO       ?= go
REPORTS  ?= reports
ARGS     ?=

.PHONY: help conformance test lint build spec

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

conformance: ## Run the suite against the embedded mock, print a summary, write reports/ (ARGS='--tags @upgrade')
	$(GO) run ./cmd/graphconform run --reports $(REPORTS) $(ARGS)

test: lint ## Run every test with the race detector
	$(GO) test -race -count=1 ./...

lint: ## Check formatting (gofmt) and run go vet
	@unformatted="$$(gofmt -l .)"; \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

build: ## Build the graphconform binary
	$(GO) build -o graphconform ./cmd/graphconform
