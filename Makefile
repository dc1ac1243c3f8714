# Performance API — top-level entry points. See scripts/ for what each step does.
SHELL := /bin/bash
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
COLLECTOR_BIN := $(ROOT)/otel-collector/bin/otelcol-perfapi
COLLECTOR_CONFIG := $(ROOT)/collector-config

.PHONY: setup collector build test demo clean bench bench-smoke

setup:            ## install/check prometheus, promtool, wrk, hey; check java, mvn, go
	scripts/setup.sh

collector:        ## build our Collector distribution (skipped when up to date)
	scripts/build-collector.sh

build:            ## all jars: extension, sample service, agent copy
	mvn -B package -DskipTests

test: setup collector
	mvn -B verify \
	  -Dperfapi.collector.bin=$(COLLECTOR_BIN) \
	  -Dperfapi.collector.config=$(COLLECTOR_CONFIG) \
	  -Dperfapi.prometheus.bin=$$(command -v prometheus)
	$(MAKE) bench-smoke

demo: setup collector  ## whole stack + load + live summary; DEMO_DURATION=N to stop after N s
	scripts/demo.sh

bench: setup collector build  ## all benchmarks (< 30 min), results to bench/results/; BENCH_ARGS=... passes options
	python3 bench/run.py $(BENCH_ARGS)

bench-smoke:      ## a short run of every benchmark part; checks the result is well formed, never a timing
	python3 -m unittest discover -s bench/tests
	python3 bench/run.py --smoke

clean:
	-mvn -B -q clean
	rm -rf otel-collector/bin .run
