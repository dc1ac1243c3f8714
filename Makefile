# Performance API — top-level entry points. See scripts/ for what each step does.
SHELL := /bin/bash
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
COLLECTOR_BIN := $(ROOT)/otel-collector/bin/otelcol-perfapi
COLLECTOR_CONFIG := $(ROOT)/collector-config
JAEGER_BIN := $(ROOT)/jaeger/bin/jaeger

.PHONY: setup collector jaeger check-prometheus build dashboards test demo clean bench bench-smoke

setup:            ## install/check prometheus, promtool, wrk, hey; check java, mvn, go
	scripts/setup.sh

collector:        ## build our Collector distribution (skipped when up to date)
	scripts/build-collector.sh

jaeger:           ## build the Jaeger trace store from its Go module (skipped when up to date)
	scripts/build-jaeger.sh

check-prometheus: ## promtool: config template, rule files, rule unit tests
	scripts/check-prometheus.sh

build:            ## all jars: extension, sample service, agent copy
	mvn -B package -DskipTests

dashboards:       ## offline checks of grafana/: strict dashboard schema, provisioned data source uids, units, variables
	cd grafana && PATH=$$PATH:/usr/local/go/bin GOTOOLCHAIN=local go test ./...

test: setup collector jaeger check-prometheus dashboards
	mvn -B verify \
	  -Dperfapi.collector.bin=$(COLLECTOR_BIN) \
	  -Dperfapi.jaeger.bin=$(JAEGER_BIN) \
	  -Dperfapi.collector.config=$(COLLECTOR_CONFIG) \
	  -Dperfapi.prometheus.bin=$$(command -v prometheus)
	$(MAKE) bench-smoke

demo: setup collector jaeger  ## whole stack + load + live summary; DEMO_DURATION=N to stop after N s
	scripts/demo.sh

bench: setup collector build  ## all benchmarks (< 30 min), results to bench/results/; BENCH_ARGS=... passes options
	python3 bench/run.py $(BENCH_ARGS)

bench-smoke:      ## a short run of every benchmark part; checks the result is well formed, never a timing
	python3 -m unittest discover -s bench/tests
	python3 bench/run.py --smoke

clean:
	-mvn -B -q clean
	rm -rf otel-collector/bin jaeger/bin .run
