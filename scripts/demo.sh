#!/usr/bin/env bash
# `make demo`: Jaeger + Collector + Prometheus + sample service (agent + extension) on 127.0.0.1, real load at
# every /work/* endpoint, and a live summary read back from Prometheus every ~15 s.
#   DEMO_DURATION=N  run N seconds, then stop everything and exit 0 (default: until Ctrl-C)
#   ports: PERFAPI_PROM_PORT PERFAPI_OTLP_GRPC_PORT PERFAPI_OTLP_HTTP_PORT PERFAPI_COLLECTOR_PROM_PORT
#          PERFAPI_COLLECTOR_HEALTH_PORT PERFAPI_COLLECTOR_TELEMETRY_PORT PERFAPI_SERVICE_PORT
#          PERFAPI_REST_PORT (the extension's REST API)
#          PERFAPI_JAEGER_QUERY_PORT PERFAPI_JAEGER_QUERY_GRPC_PORT PERFAPI_JAEGER_OTLP_GRPC_PORT
#          PERFAPI_JAEGER_OTLP_HTTP_PORT PERFAPI_JAEGER_HEALTH_PORT (the trace store)
#   OTEL_PERFAPI_REST_TOKEN: the REST token for on-demand profiling (default: random, in $PERFAPI_RUN_DIR/rest-token)
#   PERFAPI_RUN_DIR (default .run/demo): pids, logs, rendered prometheus.yml, TSDB
#   PERFAPI_SKIP_BUILD=1 skips the jar freshness check; PERFAPI_SERVICE_JAVA_OPTS adds JVM flags
#   PERFAPI_GRAFANA_PORT (default 3000), PERFAPI_GRAFANA_HOME (default /usr/share/grafana): only used when
#   grafana-server is installed (it is not installable from Debian); its Jaeger data source follows PERFAPI_JAEGER_QUERY_PORT
set -euo pipefail
# shellcheck source=scripts/stack.sh
source "$(dirname "$0")/stack.sh"

# Grafana with our provisioning (grafana/provisioning) when a grafana-server is installed; its data
# and logs stay in the run directory, anonymous viewers may look, and it binds loopback only.
start_grafana_if_installed() {
  command -v grafana-server >/dev/null || { GRAFANA_LINE="Grafana            (grafana-server not installed: see README, Grafana)"; return 0; }
  export PERFAPI_GRAFANA_PORT=${PERFAPI_GRAFANA_PORT:-3000}
  stack_check_ports PERFAPI_GRAFANA_PORT
  stack_start grafana env \
    GF_PATHS_PROVISIONING="$PERFAPI_ROOT/grafana/provisioning" \
    GF_PATHS_DATA="$PERFAPI_RUN_DIR/grafana-data" GF_PATHS_LOGS="$PERFAPI_RUN_DIR/grafana-logs" \
    GF_SERVER_HTTP_ADDR=127.0.0.1 GF_SERVER_HTTP_PORT="$PERFAPI_GRAFANA_PORT" \
    GF_AUTH_ANONYMOUS_ENABLED=true GF_AUTH_ANONYMOUS_ORG_ROLE=Viewer \
    PERFAPI_PROMETHEUS_URL="$PROM_URL" PERFAPI_REST_URL="$REST_URL" \
    PERFAPI_JAEGER_URL="${PERFAPI_JAEGER_URL:-$JAEGER_URL}" \
    PERFAPI_GRAFANA_DASHBOARDS="$PERFAPI_ROOT/grafana/dashboards" \
    grafana-server --homepath "${PERFAPI_GRAFANA_HOME:-/usr/share/grafana}"
  stack_wait_http grafana "http://127.0.0.1:$PERFAPI_GRAFANA_PORT/api/health" 60
  GRAFANA_LINE="Grafana            http://127.0.0.1:$PERFAPI_GRAFANA_PORT/dashboards/f/perfapi/"
}

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
start_grafana_if_installed

cat <<EOF

  Prometheus UI      $PROM_URL   (try: rate(http_server_request_duration_seconds_count[1m]))
  Prometheus alerts  $PROM_URL/alerts   (rules: $PROM_URL/rules)
  Jaeger API         $JAEGER_URL/api/services   (a trace: $JAEGER_URL/api/traces/TRACE_ID; no UI)
  Collector metrics  http://127.0.0.1:$PERFAPI_COLLECTOR_PROM_PORT/metrics
  Collector health   http://127.0.0.1:$PERFAPI_COLLECTOR_HEALTH_PORT/
  Sample service     $SERVICE_URL/work/cpu?ms=10
  REST API           $REST_URL/api/v1/openapi.json   (host, process, methods, profiles; README "REST API")
    curl -s $REST_URL/api/v1/host
    curl -s '$REST_URL/api/v1/methods?span=GET%20/work/cpu&limit=5'
    curl -s -H "Authorization: Bearer \$(cat $REST_TOKEN_FILE)" --json '{"event":"cpu","duration":"10s"}' $REST_URL/api/v1/profiles
  $GRAFANA_LINE
  Logs and pids      $PERFAPI_RUN_DIR/
  $( [[ -n "${DEMO_DURATION:-}" ]] && echo "Running for $DEMO_DURATION s." || echo "Press Ctrl-C to stop." )

EOF

# The on-demand example above, run once: a 10 s CPU recording while the load runs.
rest_example() {
  local auth="Authorization: Bearer $(cat "$REST_TOKEN_FILE")" started id status
  started=$(curl -sS --max-time 5 -H "$auth" --json '{"event":"cpu","duration":"10s"}' "$REST_URL/api/v1/profiles") \
    || { log "REST example: POST /api/v1/profiles failed"; return 0; }
  id=$(python3 -c 'import json,sys; print(json.load(sys.stdin).get("id", ""))' <<<"$started" 2>/dev/null || true)
  [[ -n "$id" ]] || { log "REST example: no recording started: $started"; return 0; }
  sleep 12
  status=$(curl -sS --max-time 5 -H "$auth" "$REST_URL/api/v1/profiles/$id")
  log "REST example: recording $id: $status"
  log "REST example: flame graph: curl -H \"Authorization: Bearer \$(cat $REST_TOKEN_FILE)\" -o cpu.html '$REST_URL/api/v1/profiles/$id/result?format=html'"
}
rest_example

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
