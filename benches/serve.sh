#!/usr/bin/env bash
# Concurrent clients against `gongkai serve`'s /api/search on a generated corpus:
#   benches/serve.sh [N=10000] [CLIENTS=1,8,32] [SECONDS=10]
# Generates N reports (benches/tools/gen.rs, seed 1), indexes them with the release build,
# starts the server on a free loopback port, runs benches/tools/serve_load.rs, stops the server.
# GK_BENCH_DIR (default /tmp/gk-bench-serve) holds the corpus and index; GK_BENCH_KEEP=1 keeps
# them for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
CLIENTS=${2:-1,8,32}
SECONDS_EACH=${3:-10}
DIR=${GK_BENCH_DIR:-/tmp/gk-bench-serve}
TARGET=${CARGO_TARGET_DIR:-target}
cargo build --release --bin gongkai --example gen --example serve_load
BIN=$TARGET/release/gongkai
mkdir -p "$DIR"
if [ ! -d "$DIR/corpus-$N" ]; then
    "$TARGET/release/examples/gen" --seed 1 --n "$N" --out "$DIR/corpus-$N"
fi
if [ ! -d "$DIR/index-$N" ]; then
    /usr/bin/time -f "index: %e s, %M KB peak RSS" "$BIN" index "$DIR/corpus-$N" --index "$DIR/index-$N" -q
fi
"$BIN" serve --index "$DIR/index-$N" --bind 127.0.0.1:0 -q > "$DIR/url" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$DIR/url" ] && break; sleep 0.1; done
URL=$(head -1 "$DIR/url")
echo "$N reports, $(nproc) cores, server at $URL"
"$TARGET/release/examples/serve_load" "$URL" --clients "$CLIENTS" --seconds "$SECONDS_EACH"
if [ "${GK_BENCH_KEEP:-0}" != 1 ]; then rm -rf "$DIR/corpus-$N" "$DIR/index-$N"; fi
