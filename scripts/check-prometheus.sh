#!/usr/bin/env bash
# Checks everything we give Prometheus, with Debian's promtool (part of `make test`):
#   1. the config template, rendered as scripts/stack.sh renders it (this also loads the rule files);
#   2. the rule files (syntax, PromQL, templates);
#   3. the rules' unit tests in prometheus/tests/ (alerts fire for their case, and not for near misses).
# Exits non-zero on the first failure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
command -v promtool >/dev/null || { echo "check-prometheus: promtool not found (run scripts/setup.sh)" >&2; exit 1; }

run_dir=$(mktemp -d)
trap 'rm -rf "$run_dir"' EXIT
# shellcheck source=scripts/stack.sh
PERFAPI_RUN_DIR=$run_dir
source "$root/scripts/stack.sh"
stack_render_prometheus   # renders with the default ports and runs `promtool check config`
echo "check-prometheus: config template ok"
promtool check rules "$root"/prometheus/rules/*.yml
(cd "$root/prometheus" && promtool test rules tests/*.yml)
echo "check-prometheus: ok"
