# Switchboard: `make run` starts the whole product locally, `make test` runs every test.
SHELL := /bin/bash
GO ?= go
NPM ?= npm
GOFLAGS_BUILD := -trimpath

.PHONY: run test test-go test-web e2e build spa web-deps bench lint clean

## run: build everything and start Postgres (under .data/), two bbbsim nodes, switchboard and nginx
run: build spa
	$(GO) run ./backend/cmd/devstack

## test: Go unit + integration tests (real Postgres, bbbsim, nginx, bigbluebutton-js), SPA checks, browser end-to-end
test: test-go test-web e2e

test-go:
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 20m ./...

test-web: web-deps
	$(NPM) --prefix frontend run typecheck
	$(NPM) --prefix frontend run lint
	$(NPM) --prefix frontend test

## e2e: Playwright in the system Chromium through nginx against the real binary, Postgres and bbbsim
e2e: build spa
	$(GO) run ./backend/cmd/devstack -ephemeral -http-port 0 -run -- $(NPM) --prefix frontend run e2e

build:
	$(GO) build $(GOFLAGS_BUILD) -o bin/switchboard ./backend/cmd/switchboard
	$(GO) build $(GOFLAGS_BUILD) -o bin/bbbsim ./backend/cmd/bbbsim

web-deps: frontend/node_modules/.package-lock.json

# The registry sometimes stalls a download; retry the whole install before giving up.
frontend/node_modules/.package-lock.json: frontend/package-lock.json
	for try in 1 2 3; do $(NPM) --prefix frontend ci --no-audit --no-fund --fetch-retries=5 && exit 0; echo "npm ci failed (try $$try), retrying"; sleep 5; done; exit 1

spa: web-deps
	$(NPM) --prefix frontend run build

## bench: speed and memory measurements (written down in docs/benchmarks.md)
bench: spa
	$(GO) test -run '^$$' -bench . -benchmem -count 1 ./backend/...
	$(NPM) --prefix frontend run size

lint:
	$(GO) vet ./...
	$(NPM) --prefix frontend run lint

clean:
	rm -rf bin frontend/dist
