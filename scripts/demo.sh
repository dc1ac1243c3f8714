#!/usr/bin/env bash
# `make demo`: Jaeger + Collector + Prometheus + sample service (agent + extension) on 127.0.0.1, real load at
# every /work/* endpoint, and a live summary read back from Prometheus every ~15 s.
#   DEMO_DURATION=N  run N seconds, then stop everything and exit 0 (default: until Ctrl-C)
#   ports: PERFAPI_PROM_PORT PERFAPI_OTLP_GRPC_PORT PERFAPI_OTLP_HTTP_PORT PERFAPI_COLLECTOR_PROM_PORT
#          PERFAPI_COLLECTOR_HEALTH_PORT PERFAPI_COLLECTOR_TELEMETRY_PORT PERFAPI_SERVICE_PORT
#          PERFAPI_REST_PORT (the extension's REST API: span profiles)
#          PERFAPI_JAEGER_QUERY_PORT PERFAPI_JAEGER_QUERY_GRPC_PORT PERFAPI_JAEGER_OTLP_GRPC_PORT
#          PERFAPI_JAEGER_OTLP_HTTP_PORT PERFAPI_JAEGER_HEALTH_PORT (the trace store)
#   PERFAPI_RUN_DIR (default .run/demo): pids, logs, rendered prometheus.yml, TSDB
#   PERFAPI_SKIP_BUILD=1 skips the jar freshness check; PERFAPI_SERVICE_JAVA_OPTS adds JVM flags
set -euo pipefail
# shellcheck source=scripts/stack.sh
source "$(dirname "$0")/stack.sh"

summary() {
  log "summary (from $PROM_URL):"
  python3 "$PERFAPI_ROOT/scripts/prom-summary.py" "$PROM_URL" "$SERVICE_NAME" "$REST_URL" "$JAEGER_URL" || true
}

# Leftovers of a run that was killed hard would hold the ports: stop them (by their recorded pids).
stack_stop_all >/dev/null
stack_check_ports PERFAPI_PROM_PORT PERFAPI_OTLP_GRPC_PORT PERFAPI_OTLP_HTTP_PORT \
  PERFAPI_COLLECTOR_PROM_PORT PERFAPI_COLLECTOR_HEALTH_PORT PERFAPI_COLLECTOR_TELEMETRY_PORT PERFAPI_SERVICE_PORT \
  PERFAPI_REST_PORT PERFAPI_JAEGER_QUERY_PORT PERFAPI_JAEGER_QUERY_GRPC_PORT PERFAPI_JAEGER_OTLP_GRPC_PORT \
  PERFAPI_JAEGER_OTLP_HTTP_PORT PERFAPI_JAEGER_HEALTH_PORT

"$PERFAPI_ROOT/scripts/build-collector.sh"
"$PERFAPI_ROOT/scripts/build-jaeger.sh"
stack_ensure_jars

trap 'stack_stop_all' EXIT
trap 'exit 130' INT; trap 'exit 143' TERM   # the EXIT trap does the cleanup

stack_start_jaeger
stack_start_collector
stack_start_prometheus
stack_wait_collector_scraped 30
stack_start_service
stack_start load "$PERFAPI_ROOT/scripts/load.sh" "$SERVICE_URL"

cat <<EOF

  Prometheus UI      $PROM_URL   (try: rate(http_server_request_duration_seconds_count[1m]))
  Prometheus alerts  $PROM_URL/alerts   (rules: $PROM_URL/rules)
  Jaeger API         $JAEGER_URL/api/services   (a trace: $JAEGER_URL/api/traces/TRACE_ID; no UI)
  Collector metrics  http://127.0.0.1:$PERFAPI_COLLECTOR_PROM_PORT/metrics
  Collector health   http://127.0.0.1:$PERFAPI_COLLECTOR_HEALTH_PORT/
  Sample service     $SERVICE_URL/work/cpu?ms=10
  Extension REST     $REST_URL/healthz   (span profiles: $REST_URL/api/v1/spans/SPAN_ID/profile)
  Logs and pids      $PERFAPI_RUN_DIR/
  $( [[ -n "${DEMO_DURATION:-}" ]] && echo "Running for $DEMO_DURATION s." || echo "Press Ctrl-C to stop." )

EOF

start=$SECONDS
while [[ -z "${DEMO_DURATION:-}" ]] || ((SECONDS - start < DEMO_DURATION)); do
  left=15   # seconds until the next summary (or the end of a timed run)
  if [[ -n "${DEMO_DURATION:-}" ]]; then left=$((DEMO_DURATION - (SECONDS - start))); ((left <= 15)) || left=15; fi
  sleep "$left" & wait $!   # `wait` lets INT/TERM through at once
  for name in jaeger collector prometheus service; do
    kill -0 "$(stack_pid "$name")" 2>/dev/null || die "$name died; see $PERFAPI_RUN_DIR/$name.log"
  done
  summary
done
log "demo ran ${DEMO_DURATION} s; last load round:"
tail -n 8 "$PERFAPI_RUN_DIR/load.log" || true
