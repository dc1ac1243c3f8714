#!/usr/bin/env bash
# Builds our Collector distribution (otel-collector/) into otel-collector/bin/otelcol-perfapi.
# Skips the build when the binary exists and was built from the same sources and Go version
# (a content hash, not mtimes: a fresh git checkout gives every file a new mtime).
set -euo pipefail
# The Go tarball install is not always on PATH (e.g. in CI); use it when present.
command -v go >/dev/null || [[ ! -x /usr/local/go/bin/go ]] || PATH=$PATH:/usr/local/go/bin
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/otel-collector"
bin="$src/bin/otelcol-perfapi"
stamp="$src/bin/.source-hash"
export GOTOOLCHAIN=local   # go.mod needs go1.26; never fetch another toolchain
command -v go >/dev/null || { echo "build-collector: 'go' not found (need Go 1.26+)" >&2; exit 1; }

hash=$( { go version; cd "$src" && cat go.mod go.sum ./*.go; } | sha256sum | cut -d' ' -f1)
if [[ -x "$bin" && -f "$stamp" && "$(cat "$stamp")" == "$hash" && "${FORCE:-}" != 1 ]]; then
  echo "collector up to date: $bin"
  exit 0
fi

echo "building collector -> $bin (cold builds take 2-4 min on 2 cores)"
start=$SECONDS
mkdir -p "$src/bin"
(cd "$src" && CGO_ENABLED=0 go build -buildvcs=false -trimpath -ldflags='-s -w' -o "$bin.tmp" .)
mv "$bin.tmp" "$bin"
echo "$hash" > "$stamp"
echo "collector built in $((SECONDS - start)) s: $("$bin" --version)"
