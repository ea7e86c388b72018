# Bulkhead — the two set-up commands: `make demo` and `make test`.
SWIFT ?= swift
REPORT_DIR ?= bulkhead-report

.PHONY: demo test build release deps docs clean bench fuzz

# System headers the build needs, and the tools the tests use (cmark-gfm and Python's
# jsonschema validate reports, openssl makes test certificates, kubectl checks the test API
# server); installed when missing (the build machines run as root).
deps:
	@missing=""; \
	[ -f /usr/include/libxml2/libxml/xmlwriter.h ] || missing="$$missing libxml2-dev"; \
	command -v cmark-gfm >/dev/null || missing="$$missing cmark-gfm"; \
	command -v openssl >/dev/null || missing="$$missing openssl"; \
	command -v kubectl >/dev/null || missing="$$missing kubernetes-client"; \
	[ -f /usr/include/x86_64-linux-gnu/curl/curl.h ] || [ -f /usr/include/curl/curl.h ] || [ -f /usr/include/aarch64-linux-gnu/curl/curl.h ] || missing="$$missing libcurl4-openssl-dev"; \
	[ -f /usr/include/openssl/evp.h ] || missing="$$missing libssl-dev"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "error: need root to install$$missing (or install them yourself)"; exit 2; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install -q jsonschema
	@python3 -c 'import kubernetes_validate' 2>/dev/null || python3 -m pip install -q kubernetes-validate

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product bulkhead

# Scans the demo cluster built into the binary. Exit code 1 (findings) is the expected outcome.
demo: release
	@./.build/release/bulkhead scan --demo --baseline examples/demo-baseline.json --format junit,json,sarif,markdown --output-dir $(REPORT_DIR); rc=$$?; \
	if [ $$rc -gt 1 ]; then exit $$rc; fi; \
	echo "Reports are in $(REPORT_DIR)/ (open $(REPORT_DIR)/bulkhead.md first)."

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Benchmarks against the budgets in docs/performance.md (release builds): engine scenarios,
# then whole scans of generated S, M and L clusters next to jq (BENCH_SIZES=S,M for fewer).
bench: deps
	@command -v jq >/dev/null || apt-get install -y -qq jq
	$(SWIFT) build -c release --product bulkhead-bench
	$(SWIFT) build -c release --product bulkhead
	./.build/release/bulkhead-bench || true
	python3 Benchmarks/bench.py

# Coverage-guided fuzzing of every parser with libFuzzer, time-boxed (FUZZ_SECONDS, default 60),
# seeded with the demo manifests, the configuration, the profiles and kubectl-style JSON Lists.
FUZZ_SECONDS ?= 60
fuzz: deps
	$(SWIFT) build --scratch-path .build-fuzz --product bulkhead-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING
	@mkdir -p .build-fuzz/corpus && cp examples/demo/*.yaml examples/bulkhead-demo.yaml benchmarks-profiles/*.yaml Fuzz/seeds/*.json .build-fuzz/corpus/
	./.build-fuzz/debug/bulkhead-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 .build-fuzz/corpus

# Regenerates files derived from sources (tests fail when they are stale).
docs: build
	python3 scripts/embed.py
	./.build/debug/bulkhead checks --write-docs docs/checks

clean:
	rm -rf .build $(REPORT_DIR)
