#!/usr/bin/env bash
# Wall time and peak RSS of every command that reads reports back, at growing corpus sizes, and
# the growth exponent of each between the smallest and the largest size.
#
#   benches/analyses.sh [N...]        # default: 3000 10000 30000
#
# For each N: generate N synthetic reports (benches/tools/gen.rs, seed 1; reused when present),
# build the index, then run a cold `search` (page cache dropped when allowed), `search` with no
# words (a report list), `rank`, `compare AGENCY` (one agency over its seven years), `profile
# AGENCY`, `themes`, `export --format csv|jsonl`, `anomalies` and `themes --reuse` once each: wall time and peak RSS by
# /usr/bin/time -v, and the peak of the process's anonymous memory (RssAnon, sampled every 50 ms
# from /proc): RSS also counts the pages of the
# memory-mapped index a command has read, which the kernel can drop at any time, so the heap is
# what shows whether memory grows with the corpus. Prints a markdown table (also written to
# $WORK/analyses.md); raw numbers in $WORK/analyses.tsv.
#
# Environment: GK_BENCH_WORK (default /tmp/gk-bench) holds corpora and indexes;
# GK_BENCH_KEEP=1 keeps an existing index instead of rebuilding it (no index row then).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(3000 10000 30000)
WORK=${GK_BENCH_WORK:-/tmp/gk-bench}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
export RAYON_NUM_THREADS=2
BIN=$CARGO_TARGET_DIR/release
mkdir -p "$WORK"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
cargo build --release --locked --quiet --bin gongkai --example gen

TSV=$WORK/analyses.tsv
: > "$TSV"
# measure NAME N CMD...: one run; appends "N<TAB>NAME<TAB>seconds<TAB>peak MiB<TAB>peak anon MiB".
measure() {
  local name=$1 n=$2
  shift 2
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" > /dev/null 2> "$log" &
  local tpid=$! peak=0 a pid
  while kill -0 "$tpid" 2>/dev/null; do
    pid=$(pgrep -P "$tpid" | head -1 || true)
    if [ -n "$pid" ]; then
      a=$(awk '/^RssAnon/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [ -n "$a" ] && [ "$a" -gt "$peak" ] && peak=$a
    fi
    sleep 0.05
  done
  wait "$tpid" || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$name" "$wall" "$rss" "$((peak / 1024))" >> "$TSV"
  echo "  $name: ${wall}s, ${rss} MiB RSS, $((peak / 1024)) MiB heap" >&2
  rm -f "$log"
}

for N in "${SIZES[@]}"; do
  CORPUS=$WORK/corpus-$N
  INDEX=$WORK/index-analyses-$N
  if [ ! -d "$CORPUS" ] || [ "$(find "$CORPUS" -type f | wc -l)" -lt "$N" ]; then
    echo "== generating $N reports" >&2
    rm -rf "$CORPUS"
    "$BIN/examples/gen" --seed 1 --n "$N" --out "$CORPUS" > /dev/null
  fi
  echo "== $N reports" >&2
  G=("$BIN/gongkai" -q)
  if [ "${GK_BENCH_KEEP:-}" != 1 ] || [ ! -e "$INDEX/meta.json" ]; then
    rm -rf "$INDEX"
    measure index "$N" "${G[@]}" index "$CORPUS" --index "$INDEX"
  fi
  echo "  index: $(du -sb "$INDEX" | cut -f1) bytes for $(du -sb --apparent-size "$CORPUS" | cut -f1) bytes of reports" >&2
  # Cold: the first search after the page cache is dropped (when this user may drop it).
  sync
  echo 3 2>/dev/null > /proc/sys/vm/drop_caches || true
  measure "search 政策解读" "$N" "${G[@]}" search 政策解读 --index "$INDEX"
  measure "search --where (list)" "$N" "${G[@]}" search --where 'requests.new_received.total>10' --sort=-requests.new_received.total -n 20 --index "$INDEX"
  measure "rank rate.disclosed" "$N" "${G[@]}" rank rate.disclosed --by province --top 3 --index "$INDEX"
  AGENCY=$("${G[@]}" search --json -n 1 --year 2019 --index "$INDEX" | sed -n 's/.*"agency":"\([^"]*\)".*/\1/p')
  measure "compare AGENCY (7 years)" "$N" "${G[@]}" compare "$AGENCY" --index "$INDEX"
  measure "profile AGENCY" "$N" "${G[@]}" profile "$AGENCY" --index "$INDEX"
  # The longer ones last, the longest at the end: a run cut short still has the others.
  measure themes "$N" "${G[@]}" themes --index "$INDEX"
  measure "themes --json" "$N" "${G[@]}" themes --json --index "$INDEX"
  measure "export csv" "$N" "${G[@]}" export --format csv --index "$INDEX"
  measure "export jsonl" "$N" "${G[@]}" export --format jsonl --index "$INDEX"
  measure "anomalies" "$N" "${G[@]}" anomalies --json --index "$INDEX"
  measure "themes --reuse" "$N" "${G[@]}" themes --reuse --json --index "$INDEX"
done

# The table: time and peak RSS per command and size, and the growth exponent of the time
# between the smallest and the largest size (1 = linear).
python3 - "$TSV" "${SIZES[@]}" <<'EOF' | tee "$WORK/analyses.md"
import math, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
sizes = [int(s) for s in sys.argv[2:]]
names = []
for r in rows:
    if r[1] not in names:
        names.append(r[1])
cell = {(int(r[0]), r[1]): (float(r[2] or 0), int(r[3] or 0), int(r[4] or 0)) for r in rows}
print("| command | " + " | ".join(f"{n:,} reports: time, RSS, heap" for n in sizes) + " | time exponent | RSS ratio | heap ratio |")
print("|---|" + "---:|" * (len(sizes) + 3))
for name in names:
    cells = []
    for n in sizes:
        w, r, a = cell.get((n, name), (0, 0, 0))
        cells.append(f"{w:.2f} s, {r} MiB, {a} MiB")
    (w0, r0, a0), (w1, r1, a1) = cell.get((sizes[0], name), (0, 0, 0)), cell.get((sizes[-1], name), (0, 0, 0))
    exp = math.log(max(w1, 0.01) / max(w0, 0.01)) / math.log(sizes[-1] / sizes[0]) if len(sizes) > 1 else float("nan")
    ratio = f"{a1 / a0:.2f}x" if a0 else "-"
    rss_ratio = f"{r1 / r0:.2f}x" if r0 else "-"
    print(f"| {name} | " + " | ".join(cells) + f" | {exp:.2f} | {rss_ratio} | {ratio} |")
EOF
