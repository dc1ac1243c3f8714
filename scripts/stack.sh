# shellcheck shell=bash
# Library (source it) that runs the local stack on 127.0.0.1: Jaeger, our Collector, Prometheus and the
# sample service with the OTel Java agent + our extension. Each process is started in its own
# session (setsid), its pid written to $PERFAPI_RUN_DIR/<name>.pid and its output to <name>.log;
# stack_stop_all stops exactly those process groups, nothing found by name.

PERFAPI_ROOT=${PERFAPI_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
PERFAPI_RUN_DIR=${PERFAPI_RUN_DIR:-$PERFAPI_ROOT/.run/demo}

# Ports (the Collector config reads the same variables, hence the exports).
export PERFAPI_PROM_PORT=${PERFAPI_PROM_PORT:-9090}
export PERFAPI_OTLP_GRPC_PORT=${PERFAPI_OTLP_GRPC_PORT:-4317}
export PERFAPI_OTLP_HTTP_PORT=${PERFAPI_OTLP_HTTP_PORT:-4318}
export PERFAPI_COLLECTOR_PROM_PORT=${PERFAPI_COLLECTOR_PROM_PORT:-8889}
export PERFAPI_COLLECTOR_HEALTH_PORT=${PERFAPI_COLLECTOR_HEALTH_PORT:-13133}
export PERFAPI_COLLECTOR_TELEMETRY_PORT=${PERFAPI_COLLECTOR_TELEMETRY_PORT:-8888}
export PERFAPI_JAEGER_OTLP_GRPC_PORT=${PERFAPI_JAEGER_OTLP_GRPC_PORT:-14317}
# Jaeger's other ports (its config, jaeger/jaeger.yaml, reads them): OTLP/HTTP in, query API, health.
export PERFAPI_JAEGER_OTLP_HTTP_PORT=${PERFAPI_JAEGER_OTLP_HTTP_PORT:-14318}
export PERFAPI_JAEGER_QUERY_PORT=${PERFAPI_JAEGER_QUERY_PORT:-16686}
export PERFAPI_JAEGER_QUERY_GRPC_PORT=${PERFAPI_JAEGER_QUERY_GRPC_PORT:-16685}
export PERFAPI_JAEGER_HEALTH_PORT=${PERFAPI_JAEGER_HEALTH_PORT:-13134}
export PERFAPI_SERVICE_PORT=${PERFAPI_SERVICE_PORT:-8080}
export PERFAPI_REST_PORT=${PERFAPI_REST_PORT:-9465}

COLLECTOR_BIN=${PERFAPI_COLLECTOR_BIN:-$PERFAPI_ROOT/otel-collector/bin/otelcol-perfapi}
COLLECTOR_CONFIG=${PERFAPI_COLLECTOR_CONFIG:-$PERFAPI_ROOT/collector-config/collector.yaml}
JAEGER_BIN=${PERFAPI_JAEGER_BIN:-$PERFAPI_ROOT/jaeger/bin/jaeger}
JAEGER_CONFIG=${PERFAPI_JAEGER_CONFIG:-$PERFAPI_ROOT/jaeger/jaeger.yaml}
PROMETHEUS_BIN=${PERFAPI_PROMETHEUS_BIN:-$(command -v prometheus || echo /usr/bin/prometheus)}
AGENT_JAR=$PERFAPI_ROOT/sample-service/target/agent/opentelemetry-javaagent.jar
EXTENSION_JAR=$PERFAPI_ROOT/extension/target/perfapi-extension.jar
SERVICE_JAR=$PERFAPI_ROOT/sample-service/target/sample-service.jar
SERVICE_NAME=sample-service

PROM_URL=http://127.0.0.1:$PERFAPI_PROM_PORT
SERVICE_URL=http://127.0.0.1:$PERFAPI_SERVICE_PORT
REST_URL=http://127.0.0.1:$PERFAPI_REST_PORT
JAEGER_URL=http://127.0.0.1:$PERFAPI_JAEGER_QUERY_PORT

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { log "ERROR: $*" >&2; exit 1; }

# Fails early, naming the variable to change, when something already listens on a port.
stack_check_ports() {
  local var port who
  for var in "$@"; do
    port=${!var}
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      who=$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'users:.*' | head -1)
      die "port $port ($var) is already in use ${who:+by $who}; stop that process or set $var to a free port"
    fi
  done
}

# stack_start NAME CMD... : starts CMD in its own session (pid = process group id) in the background.
stack_start() {
  local name=$1; shift
  mkdir -p "$PERFAPI_RUN_DIR"
  setsid "$@" >"$PERFAPI_RUN_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$PERFAPI_RUN_DIR/$name.pid"
  log "started $name (pid $!), log: $PERFAPI_RUN_DIR/$name.log"
}

stack_pid() { cat "$PERFAPI_RUN_DIR/$1.pid" 2>/dev/null; }

# stack_wait_http NAME URL TIMEOUT_S : waits for a 2xx answer; fails fast if the process died.
stack_wait_http() {
  local name=$1 url=$2 timeout=$3 pid deadline=$((SECONDS + $3))
  pid=$(stack_pid "$name")
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 25 "$PERFAPI_RUN_DIR/$name.log" >&2
      die "$name (pid $pid) exited before it was ready; full log: $PERFAPI_RUN_DIR/$name.log"
    fi
    ((SECONDS < deadline)) || die "$name not ready at $url after ${timeout}s; see $PERFAPI_RUN_DIR/$name.log"
    sleep 0.5
  done
  log "$name ready: $url"
}

# Stops one process group we started, only if the recorded pid still is that session leader
# (guards against a pid reused by an unrelated process after a crash).
stack_stop() {
  local name=$1 pid sid
  pid=$(stack_pid "$name") || return 0
  rm -f "$PERFAPI_RUN_DIR/$name.pid"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  sid=$(ps -o sid= -p "$pid" | tr -d ' ')
  [[ "$sid" == "$pid" ]] || { log "not stopping pid $pid ($name): no longer ours"; return 0; }
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) ignored SIGTERM for 10 s, sending SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  log "stopped $name (pid $pid)"
}

# Reverse start order; also cleans up what a previous, killed run left behind.
stack_stop_all() {
  local name
  for name in load grafana service prometheus collector jaeger; do stack_stop "$name"; done
}

# Rebuilds the jars when one is missing or older than any source/pom (mvn is slow: skip when fresh).
# PERFAPI_SKIP_BUILD=1 uses the jars as they are (e.g. right after a build, or while others edit).
stack_ensure_jars() {
  local jar stale=""
  [[ "${PERFAPI_SKIP_BUILD:-}" == 1 ]] && { log "PERFAPI_SKIP_BUILD=1: using the jars as they are"; return 0; }
  [[ -f "$AGENT_JAR" ]] || stale=$AGENT_JAR   # a copied artifact: its mtime says nothing about our sources
  for jar in "$EXTENSION_JAR" "$SERVICE_JAR"; do
    if [[ ! -f "$jar" ]] || [[ -n "$(find "$PERFAPI_ROOT/pom.xml" "$PERFAPI_ROOT"/extension/{pom.xml,src} \
        "$PERFAPI_ROOT"/sample-service/{pom.xml,src} -newer "$jar" -print -quit 2>/dev/null)" ]]; then
      stale="$jar"; break
    fi
  done
  [[ -z "$stale" ]] && { log "jars up to date"; return 0; }
  log "building jars (mvn -B -q package -DskipTests), because of ${stale#"$PERFAPI_ROOT"/}"
  if ! (cd "$PERFAPI_ROOT" && mvn -B -q package -DskipTests); then
    # The extension may be mid-change; the demo still works with the previous jars.
    [[ -f "$AGENT_JAR" && -f "$SERVICE_JAR" ]] || die "maven build failed and the service/agent jars are missing"
    log "WARNING: maven build failed; continuing with the existing jars"
  fi
}

# The trace store, started before the Collector so that the Collector exports traces to it.
stack_start_jaeger() {
  [[ -x "$JAEGER_BIN" ]] || die "jaeger binary missing: $JAEGER_BIN (run scripts/build-jaeger.sh)"
  stack_start jaeger "$JAEGER_BIN" --config "$JAEGER_CONFIG"
  stack_wait_http jaeger "http://127.0.0.1:$PERFAPI_JAEGER_HEALTH_PORT/" 30
}

stack_start_collector() {
  [[ -x "$COLLECTOR_BIN" ]] || die "collector binary missing: $COLLECTOR_BIN (run scripts/build-collector.sh)"
  # Without a trace store (start it first), traces go to the log-sampled debug exporter rather than
  # an OTLP exporter that fails and logs every batch. PERFAPI_TRACES_EXPORTER set by the caller wins.
  if [[ -z "${PERFAPI_TRACES_EXPORTER:-}" ]] && ! (exec 3<>"/dev/tcp/127.0.0.1/$PERFAPI_JAEGER_OTLP_GRPC_PORT") 2>/dev/null; then
    export PERFAPI_TRACES_EXPORTER=debug
    log "no trace store on 127.0.0.1:$PERFAPI_JAEGER_OTLP_GRPC_PORT: the Collector sends traces to its debug exporter"
  fi
  stack_start collector "$COLLECTOR_BIN" --config "$COLLECTOR_CONFIG"
  stack_wait_http collector "http://127.0.0.1:$PERFAPI_COLLECTOR_HEALTH_PORT/" 30
}

# Prometheus 2.42 cannot expand env vars in its config: render the template, then check it.
stack_render_prometheus() {
  mkdir -p "$PERFAPI_RUN_DIR"
  sed -e "s/@COLLECTOR_PROM_PORT@/$PERFAPI_COLLECTOR_PROM_PORT/g" \
      -e "s/@COLLECTOR_TELEMETRY_PORT@/$PERFAPI_COLLECTOR_TELEMETRY_PORT/g" \
      -e "s#@RULES_DIR@#$PERFAPI_ROOT/prometheus/rules#g" \
      "$PERFAPI_ROOT/prometheus/prometheus.yml.tmpl" >"$PERFAPI_RUN_DIR/prometheus.yml"
  promtool check config "$PERFAPI_RUN_DIR/prometheus.yml" >/dev/null \
    || die "promtool rejected $PERFAPI_RUN_DIR/prometheus.yml"
}

stack_start_prometheus() {
  [[ -x "$PROMETHEUS_BIN" ]] || die "prometheus not found (run scripts/setup.sh)"
  stack_render_prometheus
  rm -rf "$PERFAPI_RUN_DIR/prom-data"   # every run starts with an empty TSDB
  stack_start prometheus "$PROMETHEUS_BIN" --config.file="$PERFAPI_RUN_DIR/prometheus.yml" \
    --storage.tsdb.path="$PERFAPI_RUN_DIR/prom-data" \
    --web.listen-address="127.0.0.1:$PERFAPI_PROM_PORT" --enable-feature=exemplar-storage
  stack_wait_http prometheus "$PROM_URL/-/ready" 30
}

# Waits until Prometheus has scraped the Collector successfully (up == 1).
stack_wait_collector_scraped() {
  local deadline=$((SECONDS + ${1:-30}))
  until curl -fsS --max-time 2 "$PROM_URL/api/v1/query" --data-urlencode 'query=up{job="otel-collector"}' 2>/dev/null \
        | grep -q '"value":\[[0-9.]*,"1"\]'; do
    ((SECONDS < deadline)) || die "Prometheus does not scrape the Collector (up{job=\"otel-collector\"} != 1); see $PROM_URL/targets"
    sleep 1
  done
  log "Prometheus scrapes the Collector (up == 1)"
}

# The REST API's token for on-demand profiling: random per run unless given, kept in a file only the
# user can read, and handed to the JVM in its environment (a -D flag would show in `ps`).
stack_rest_token() {
  local file="$PERFAPI_RUN_DIR/rest-token"
  if [[ -z "${OTEL_PERFAPI_REST_TOKEN:-}" ]]; then
    OTEL_PERFAPI_REST_TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  fi
  (umask 077; printf '%s\n' "$OTEL_PERFAPI_REST_TOKEN" >"$file")
  export OTEL_PERFAPI_REST_TOKEN
  REST_TOKEN_FILE=$file
}

stack_start_service() {
  local jar ext=()
  stack_rest_token
  for jar in "$AGENT_JAR" "$SERVICE_JAR"; do [[ -f "$jar" ]] || die "missing $jar (run mvn -B package -DskipTests)"; done
  if [[ -f "$EXTENSION_JAR" ]]; then ext=(-Dotel.javaagent.extensions="$EXTENSION_JAR")
  else log "WARNING: $EXTENSION_JAR missing: running the agent without the extension (host metrics show n/a)"; fi
  # shellcheck disable=SC2086  # PERFAPI_SERVICE_JAVA_OPTS is a list of extra JVM flags
  stack_start service java -javaagent:"$AGENT_JAR" "${ext[@]}" \
    -Dotel.service.name="$SERVICE_NAME" \
    -Dotel.exporter.otlp.endpoint="http://127.0.0.1:$PERFAPI_OTLP_HTTP_PORT" \
    -Dotel.exporter.otlp.protocol=http/protobuf \
    -Dotel.metric.export.interval=5000 \
    -Dotel.traces.exporter=otlp -Dotel.logs.exporter=none \
    -Dotel.perfapi.rest.port="$PERFAPI_REST_PORT" \
    -Dotel.instrumentation.runtime-telemetry.emit-experimental-metrics=true \
    ${PERFAPI_SERVICE_JAVA_OPTS:-} \
    -jar "$SERVICE_JAR" --server.port="$PERFAPI_SERVICE_PORT" --server.address=127.0.0.1
  stack_wait_http service "$SERVICE_URL/healthz" 120
}
