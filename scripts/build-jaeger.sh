#!/usr/bin/env bash
# Builds the Jaeger trace store (v2 binary, cmd/jaeger) from its Go module, pinned as a `tool` in
# jaeger/go.mod, into jaeger/bin/jaeger. `go install ...@v1.75.0` is refused because Jaeger's go.mod
# has replace directives; a tool dependency of our own module builds it all the same.
# Skips the build when the binary exists and was built from the same go.mod/go.sum and Go version.
set -euo pipefail
command -v go >/dev/null || [[ ! -x /usr/local/go/bin/go ]] || PATH=$PATH:/usr/local/go/bin
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/jaeger"
bin="$src/bin/jaeger"
stamp="$src/bin/.source-hash"
export GOTOOLCHAIN=local   # go.mod needs go1.26; never fetch another toolchain
command -v go >/dev/null || { echo "build-jaeger: 'go' not found (need Go 1.26+)" >&2; exit 1; }

hash=$( { go version; cd "$src" && cat go.mod go.sum; } | sha256sum | cut -d' ' -f1)
if [[ -x "$bin" && -f "$stamp" && "$(cat "$stamp")" == "$hash" && "${FORCE:-}" != 1 ]]; then
  echo "jaeger up to date: $bin"
  exit 0
fi

echo "building jaeger -> $bin (cold builds take several minutes on 2 cores)"
start=$SECONDS
mkdir -p "$src/bin"
(cd "$src" && CGO_ENABLED=0 go build -buildvcs=false -trimpath -ldflags='-s -w' -o "$bin.tmp" \
  github.com/jaegertracing/jaeger/cmd/jaeger)
mv "$bin.tmp" "$bin"
echo "$hash" > "$stamp"
echo "jaeger built in $((SECONDS - start)) s: $(go version -m "$bin" | awk '$1 == "mod" {print $2, $3}')"
