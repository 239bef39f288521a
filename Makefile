# Boltzmann Lab. `make run` and `make test` install what they need on a
# Debian or Ubuntu machine (apt packages, the npm package of the browser
# test) and then do their job; a machine that already has everything
# installs nothing.

SHELL := /bin/bash
GO    ?= go
SUDO  := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
XVFB  := xvfb-run -a -s "-screen 0 1280x800x24"

# What the desktop build needs: a C compiler and the X11/OpenGL headers
# that Ebitengine's GLFW backend compiles against.
DESKTOP_PKGS := gcc libc6-dev libx11-dev libxrandr-dev libxinerama-dev \
	libxi-dev libxcursor-dev libxxf86vm-dev libgl-dev
# What the tests add: a virtual X server for pixel tests and Chromium for
# the browser test.
TEST_PKGS := $(DESKTOP_PKGS) xvfb xauth chromium

.PHONY: run test deps-desktop deps-test vet unit wasm smoke soak soak-smoke bench e2e web clean

run: deps-desktop
	$(GO) run ./cmd/boltzlab

# apt-get runs only when some package is missing.
define apt_install
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps-desktop:
	$(call apt_install,$(DESKTOP_PKGS))

deps-test:
	$(call apt_install,$(TEST_PKGS))

test: deps-test vet unit wasm smoke soak-smoke e2e

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { gofmt -l .; echo "gofmt: files above need formatting"; exit 1; }
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./...

# The packages that do not import Ebitengine run with the race detector
# and no display; everything that imports Ebitengine needs an X server even
# to start. The no-display test proves the first list needs none.
PURE = ./sim/... ./cli/... ./fileio/... ./share/... ./internal/... ./assets/digits/... ./cmd/boltzexp/... ./cmd/boltzweb/...
unit:
	env -u DISPLAY $(GO) test -race -count=1 $(PURE)
	$(XVFB) $(GO) test -count=1 $$($(GO) list ./... | grep -v -e '/sim' -e '/cli' -e '/fileio' -e '/share' -e '/internal/' -e '/assets/digits' -e '/cmd/boltzexp' -e '/cmd/boltzweb')

# The browser download must stay under 4 MB (4,000,000 bytes), measured
# gzipped exactly as cmd/boltzweb builds and sends it.
WASM_BUDGET := 4000000
wasm:
	$(GO) run ./cmd/boltzweb -budget $(WASM_BUDGET)

# Every registered scene renders a screenshot that is not blank.
smoke:
	$(XVFB) $(GO) test -count=1 -run TestScreenshotEveryScene -v ./cmd/boltzlab

# Soaks: every scene driven by random input (strokes, slider drags past
# both ends, keys, tab switches, resizes) with no vsync wait, failing on a
# panic, a NaN or infinity drawn, or a heap that keeps growing. A small
# window keeps software rendering quick; make soak is the long run.
SOAK_FRAMES ?= 100000
SCENES = recall sigmoid distribution annealing learning rbm digits capacity
soak-smoke:
	$(MAKE) --no-print-directory soak SOAK_FRAMES=2000

soak: deps-desktop
	$(GO) build -o /tmp/boltzlab-soak ./cmd/boltzlab
	@for s in $(SCENES); do \
		$(XVFB) /tmp/boltzlab-soak -scene $$s -size 320x240 -soak $(SOAK_FRAMES) || exit 1; \
	done

# The browser test: cmd/boltzweb serves the wasm build and headless
# Chromium (Debian's) drives it through playwright-core, whose version is
# pinned in e2e/package-lock.json. npm ci runs only when the package is
# missing. Screenshots and figures land in e2e/shots/.
e2e: deps-test
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "e2e: needs node (20 or later) and npm"; exit 1; }
	@test -d e2e/node_modules/playwright-core || (cd e2e && npm ci --no-audit --no-fund)
	cd e2e && node run.mjs

# Build the browser version and serve it on http://127.0.0.1:8080/.
web:
	$(GO) run ./cmd/boltzweb

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./sim/ ./cmd/boltzexp/
	$(XVFB) $(GO) test -run '^$$' -bench . -benchmem ./scenes/...

# Every fuzz target, PACKAGE:NAME, runs for FUZZTIME (go test fuzzes one
# target at a time). make test already runs their seed corpora
# (testdata/fuzz) as ordinary tests; failures found here are added there.
.PHONY: fuzz
FUZZTIME ?= 20s
FUZZ_TARGETS := ./cmd/boltzexp:FuzzParseSamples ./cmd/boltzexp:FuzzNumberFlags \
	./fileio:FuzzDecodeJSON ./fileio:FuzzLoadRBM ./cmd/boltzweb:FuzzServe \
	./share:FuzzDecode ./cli:FuzzParseHash
# Targets in packages that import Ebitengine, which need an X server even
# to start, as in unit.
FUZZ_DISPLAY_TARGETS := ./scenes:FuzzSetState
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t##*:} in $${t%%:*} for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$${t##*:}\$$" -fuzztime $(FUZZTIME) $${t%%:*}; \
	done; \
	for t in $(FUZZ_DISPLAY_TARGETS); do \
		echo "fuzz $${t##*:} in $${t%%:*} for $(FUZZTIME)"; \
		$(XVFB) $(GO) test -run '^$$' -fuzz "^$${t##*:}\$$" -fuzztime $(FUZZTIME) $${t%%:*}; \
	done

clean:
	rm -f boltzlab boltzexp boltzweb
