#!/usr/bin/env bash
# The 30-minute soak of issue 7: the sample service with the agent and our extension saturated
# on every workload; heap after GC, RSS, threads and open files sampled every 10 s.
# Usage: bench/soak.sh [SECONDS]   (default 1800). Needs `make build` and `make collector`.
# Prints the samples and the slopes per minute; the samples are also in e2e/target/soak.csv.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECONDS_TO_RUN="${1:-1800}"
cd "$ROOT"
mvn -B -q verify -pl e2e -Dit.test=SoakIT -Dsurefire.failIfNoSpecifiedTests=false \
  -Dperfapi.soak.seconds="$SECONDS_TO_RUN" \
  -Dperfapi.collector.bin="$ROOT/otel-collector/bin/otelcol-perfapi" \
  -Dperfapi.prometheus.bin="$(command -v prometheus)" || status=$?
cat "$ROOT/e2e/target/failsafe-reports/dev.perfapi.e2e.SoakIT-output.txt" 2>/dev/null | grep -v '^\[' || true
exit "${status:-0}"
