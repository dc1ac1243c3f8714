#!/usr/bin/env bash
# Installs/checks what the demo and the tests need. Idempotent and quick when all is present.
# Debian packages: prometheus (+ promtool), wrk, hey, curl, python3, chromium + chromium-driver (the
# flame-graph browser test). Toolchains (java 17+, mvn, go 1.26+)
# are only checked: they come with the machine.
set -euo pipefail
# The Go tarball install is not always on PATH (e.g. in CI); use it when present.
command -v go >/dev/null || [[ ! -x /usr/local/go/bin/go ]] || PATH=$PATH:/usr/local/go/bin

sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

missing=()
for tool in prometheus:prometheus promtool:prometheus wrk:wrk hey:hey curl:curl python3:python3 \
    chromium:chromium chromedriver:chromium-driver; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
if ((${#missing[@]})); then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  echo "setup: installing ${missing[*]} with apt-get"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Debian's prometheus package may start a system service on :9090 (unless policy-rc.d forbids it).
# We run our own Prometheus per stack, so stop that one: through its init system / its pidfile only.
if [[ -d /run/systemd/system ]] && systemctl is-active --quiet prometheus 2>/dev/null; then
  echo "setup: stopping and disabling the system prometheus service (it would hold :9090)"
  sudo_if_needed systemctl disable --now prometheus
elif [[ -f /run/prometheus/prometheus.pid ]] && kill -0 "$(cat /run/prometheus/prometheus.pid)" 2>/dev/null; then
  echo "setup: stopping the system prometheus service (it would hold :9090)"
  sudo_if_needed /etc/init.d/prometheus stop || sudo_if_needed kill "$(cat /run/prometheus/prometheus.pid)"
fi

fail=0
java_major=$(java -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}') || true
if [[ -z "$java_major" ]]; then echo "setup: java not found: install a JDK 17 or newer"; fail=1
elif ((java_major < 17)); then echo "setup: java $java_major found, but 17+ is needed"; fail=1; fi
command -v mvn >/dev/null || { echo "setup: mvn (Maven 3.8+) not found"; fail=1; }
if ! command -v go >/dev/null; then echo "setup: go not found (need Go 1.26+ for the Collector build)"; fail=1
else
  go_minor=$(GOTOOLCHAIN=local go env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')
  ((go_minor >= 26)) || { echo "setup: $(go env GOVERSION) found, the Collector needs Go 1.26+"; fail=1; }
fi
((fail == 0)) || exit 1
echo "setup: ok (java $java_major, $(GOTOOLCHAIN=local go env GOVERSION), prometheus $(prometheus --version 2>&1 | awk 'NR==1 {print $3}'), wrk, hey)"
