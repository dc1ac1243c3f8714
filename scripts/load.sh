#!/usr/bin/env bash
# Drives modest, rate-limited load at every /work/* endpoint of the sample service with hey, in
# rounds of ROUND_SECONDS where all endpoints run side by side. Loopback only, and it stops by
# itself after LOAD_MAX_SECONDS. About 10 req/s per endpoint (~0.5 core of work): 2 cores stay usable.
#   usage: scripts/load.sh [base-url]      (default http://127.0.0.1:${PERFAPI_SERVICE_PORT:-8080})
set -euo pipefail
base=${1:-http://127.0.0.1:${PERFAPI_SERVICE_PORT:-8080}}
case "$base" in http://127.0.0.1:*|http://localhost:*) ;; *) echo "load.sh: loopback targets only" >&2; exit 2;; esac
max=${LOAD_MAX_SECONDS:-3600}
round=${ROUND_SECONDS:-10}
rate=${LOAD_RATE:-10}   # requests/s per endpoint

# path  concurrency  (lock uses 2 workers so calls really contend for the monitor)
endpoints=(
  "/work/cpu?ms=10 1"  "/work/spin?ms=5 1"  "/work/pool?ms=10 1" "/work/async?ms=10 1"
  "/work/alloc?mb=4 1" "/work/io?ms=20 1"   "/work/lock?ms=5 2"
)

start=$SECONDS
while ((SECONDS - start < max)); do
  for e in "${endpoints[@]}"; do
    read -r path conc <<<"$e"
    # hey's -q is per worker; print one line per endpoint: rate and status codes.
    { hey -z "${round}s" -c "$conc" -q $((rate / conc)) -t 10 "$base$path" \
        | awk -v p="$path" '/Requests\/sec/ {r = $2} /Error distribution/ {e = 1}
            /^[ \t]+\[[0-9]+\]/ && !e {gsub(/[][]/, "", $1); c = c " " $1 ":" $2}
            /^[ \t]+\[[0-9]+\]/ && e {n += substr($1, 2) + 0}
            END {printf "%-18s %6.1f req/s  status%s%s\n", p, r, c, (n ? "  errors:" n : "")}'; } &
  done
  wait
  echo "--- round done at $((SECONDS - start)) s"
done
