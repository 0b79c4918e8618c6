#!/usr/bin/env bash
# Whole-process benchmark of gongkai against what users would use instead, at national scale.
#
#   benches/compare.sh [N...]          # default: 1000 10000   (e.g. benches/compare.sh 1000 10000 100000)
#
# For each N: generate N synthetic reports (benches/tools/gen.rs, seed 1), then measure
#   - `gongkai index` wall time, MB/s, peak RSS (/usr/bin/time -v) and index size (du);
#   - bare jieba-rs segmentation of the same files on 2 threads (benches/tools/segment.rs);
#   - `gongkai search` as a whole cold process (hyperfine, or a loop) for 4 query kinds, and
#     in-process p50/p99 (benches/tools/latency.rs, 200 runs per query);
#   - the same searches with ripgrep over the raw files (`rg -l -F WORD DIR`) and with SQLite FTS5
#     (trigram tokenizer, Python's sqlite3, benches/fts5.py) over the same section text.
# Prints one markdown table (also written to $WORK/results.md) and keeps raw numbers in
# $WORK/results.tsv. Peers that cannot be installed are skipped with a note.
#
# Environment: GK_BENCH_WORK (default /tmp/gk-bench) holds corpora, indexes and databases;
# GK_BENCH_RUNS (default 10) cold runs per query; GK_BENCH_SEED (default 1);
# GK_BENCH_KEEP=1 keeps existing indexes instead of rebuilding them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000)
WORK=${GK_BENCH_WORK:-/tmp/gk-bench}
RUNS=${GK_BENCH_RUNS:-10}
SEED=${GK_BENCH_SEED:-1}
THREADS=2
PHRASE=政务公开工作重要性认识不强
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
export RAYON_NUM_THREADS=$THREADS
BIN=$CARGO_TARGET_DIR/release
mkdir -p "$WORK"
NOTES=()
note() { NOTES+=("$*"); echo "note: $*" >&2; }
log() { echo "== $*" >&2; }

# ---- tools ------------------------------------------------------------------------------------
apt_install() {
  command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] || return 1
  [ -n "${APT_UPDATED:-}" ] || { apt-get update -qq >/dev/null 2>&1 || true; APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}
if ! command -v rg >/dev/null; then
  log "installing ripgrep"
  apt_install ripgrep || cargo install --locked ripgrep >/dev/null 2>&1 || true
fi
HAVE_RG=1; command -v rg >/dev/null || { HAVE_RG=0; note "ripgrep not installed and not installable: its columns are empty"; }
if ! command -v hyperfine >/dev/null; then
  log "installing hyperfine"
  apt_install hyperfine || true
fi
HAVE_HF=1; command -v hyperfine >/dev/null || { HAVE_HF=0; note "hyperfine not available: cold runs timed with a shell loop (date +%s%N)"; }
[ -x /usr/bin/time ] || apt_install time || true
HAVE_TIME=1; [ -x /usr/bin/time ] || { HAVE_TIME=0; note "/usr/bin/time missing: no peak RSS"; }
HAVE_FTS=0
# The interpreter itself, not a version-manager shim (pyenv's adds ~0.3 s to every start).
PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || echo python3)
if "$PY" -c "
import sqlite3; d=sqlite3.connect(':memory:'); d.execute(\"create virtual table t using fts5(x, tokenize='trigram')\")" 2>/dev/null; then
  HAVE_FTS=1
else
  note "python3 with an SQLite that has FTS5 and the trigram tokenizer (3.34+) not found: FTS5 columns are empty"
fi

log "building (release)"
cargo build --release --locked --bin gongkai --example gen --example segment --example latency >&2

# ---- helpers ----------------------------------------------------------------------------------
RES=$WORK/results.tsv
: > "$RES"
put() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$RES"; }   # N key tool value

# Mean wall seconds of a command run $RUNS times as whole processes (after 2 warm-up runs).
cold() {
  if [ $HAVE_HF = 1 ]; then
    local j; j=$(mktemp)
    hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$j" --output=null -- "$1" >/dev/null 2>&1 \
      || hyperfine --warmup 2 --runs "$RUNS" --export-json "$j" --output=null -- "$1" >/dev/null 2>&1
    python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print('%.4f %.4f' % (r['mean'], r['stddev'] or 0))" "$j"
    rm -f "$j"
  else
    local i t0 t1 tot=0
    for i in 1 2; do bash -c "$1" >/dev/null 2>&1 || true; done
    for i in $(seq "$RUNS"); do
      t0=$(date +%s%N); bash -c "$1" >/dev/null 2>&1 || true; t1=$(date +%s%N)
      tot=$((tot + t1 - t0))
    done
    python3 -c "print('%.4f 0' % ($tot / $RUNS / 1e9))"
  fi
}

# ---- per size ---------------------------------------------------------------------------------
for N in "${SIZES[@]}"; do
  CORPUS=$WORK/corpus-$N
  IDX=$WORK/index-$N
  DB=$WORK/fts5-$N.db
  if [ ! -f "$CORPUS/.done-seed$SEED" ]; then
    log "N=$N: generating"
    rm -rf "$CORPUS"
    "$BIN/examples/gen" --seed "$SEED" --n "$N" --out "$CORPUS" >&2
    touch "$CORPUS/.done-seed$SEED"
  fi
  put "$N" load_start - "$(cut -d' ' -f1 /proc/loadavg)"
  BYTES=$(find "$CORPUS" -type f ! -name '.*' -printf '%s\n' | awk '{s+=$1} END {print s}')
  put "$N" corpus_bytes - "$BYTES"
  sync

  # Index.
  if [ "${GK_BENCH_KEEP:-0}" != 1 ] || [ ! -f "$IDX/meta.json" ]; then
    log "N=$N: gongkai index"
    rm -rf "$IDX"
    TV=$WORK/time-index-$N.txt
    t0=$(date +%s%N)
    if [ $HAVE_TIME = 1 ]; then
      /usr/bin/time -v -o "$TV" "$BIN/gongkai" index "$CORPUS" --index "$IDX" 2> "$WORK/index-$N.log"
    else
      "$BIN/gongkai" index "$CORPUS" --index "$IDX" 2> "$WORK/index-$N.log"
    fi
    t1=$(date +%s%N)
    tail -1 "$WORK/index-$N.log" >&2
    put "$N" index_s gongkai "$(python3 -c "print(($t1 - $t0) / 1e9)")"
    if [ $HAVE_TIME = 1 ]; then
      put "$N" rss_kb gongkai "$(awk -F': ' '/Maximum resident/ {print $2}' "$TV")"
      put "$N" cpu_s gongkai "$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$TV")"
    fi
    put "$N" index_bytes gongkai "$(du -sb "$IDX" | cut -f1)"
  fi

  # Bare jieba segmentation of the same files, 2 threads.
  log "N=$N: bare jieba segmentation"
  TV=$WORK/time-segment-$N.txt
  t0=$(date +%s%N)
  if [ $HAVE_TIME = 1 ]; then
    /usr/bin/time -v -o "$TV" "$BIN/examples/segment" "$CORPUS" --threads $THREADS >&2
    put "$N" rss_kb jieba "$(awk -F': ' '/Maximum resident/ {print $2}' "$TV")"
    put "$N" cpu_s jieba "$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$TV")"
  else
    "$BIN/examples/segment" "$CORPUS" --threads $THREADS >&2
  fi
  t1=$(date +%s%N)
  put "$N" index_s jieba "$(python3 -c "print(($t1 - $t0) / 1e9)")"

  # FTS5 over the same section text.
  if [ $HAVE_FTS = 1 ]; then
    if [ "${GK_BENCH_KEEP:-0}" != 1 ] || [ ! -f "$DB" ]; then
      log "N=$N: FTS5 build"
      "$BIN/examples/latency" "$IDX" --dump-sections "$WORK/sections-$N.tsv" >&2
      TV=$WORK/time-fts5-$N.txt
      if [ $HAVE_TIME = 1 ]; then
        out=$(/usr/bin/time -v -o "$TV" "$PY" benches/fts5.py build "$DB" "$WORK/sections-$N.tsv")
        put "$N" rss_kb fts5 "$(awk -F': ' '/Maximum resident/ {print $2}' "$TV")"
      else
        out=$("$PY" benches/fts5.py build "$DB" "$WORK/sections-$N.tsv")
      fi
      echo "fts5: $out" >&2
      put "$N" index_s fts5 "$(sed -E 's/.*build_s=([0-9.]+).*/\1/' <<<"$out")"
      put "$N" index_bytes fts5 "$(sed -E 's/.*db_bytes=([0-9]+).*/\1/' <<<"$out")"
      put "$N" section_text_bytes - "$(wc -c < "$WORK/sections-$N.tsv")"
      rm -f "$WORK/sections-$N.tsv"
    fi
  fi

  # Cold searches: whole processes.
  declare -A GK=(
    [word]="$BIN/gongkai search 政策解读 --index $IDX"
    [phrase]="$BIN/gongkai search '\"$PHRASE\"' --index $IDX"
    [filtered]="$BIN/gongkai search 政策解读 --section 问题 --year 2022 --index $IDX"
    [where]="$BIN/gongkai search 政策解读 --where 'requests.new_received.total>10' --index $IDX"
  )
  declare -A RG=(
    [word]="rg -l -F 政策解读 $CORPUS"
    [phrase]="rg -l -F $PHRASE $CORPUS"
    [filtered]="rg -l -F 政策解读 $CORPUS"
    [where]="rg -l -F 政策解读 $CORPUS"
  )
  for k in word phrase filtered where; do
    log "N=$N: cold search $k"
    read -r m s < <(cold "${GK[$k]}"); put "$N" "cold_$k" gongkai "$m"
    if [ $HAVE_RG = 1 ]; then read -r m s < <(cold "${RG[$k]}"); put "$N" "cold_$k" rg "$m"; fi
    if [ $HAVE_FTS = 1 ]; then
      read -r m s < <(cold "$PY $ROOT/benches/fts5.py query $DB $k $PHRASE"); put "$N" "cold_$k" fts5 "$m"
    fi
  done
  # What each cold process starts with: python3 alone, and the hit counts (recall check).
  if [ $HAVE_FTS = 1 ]; then read -r m s < <(cold "$PY -c pass"); put "$N" cold_python_startup - "$m"; fi
  for k in word phrase filtered where; do
    put "$N" "hits_$k" gongkai "$(eval "${GK[$k]}" | tail -1 | grep -oE '[0-9]+ matching' | grep -oE '[0-9]+' || echo 0)"
    [ $HAVE_RG = 1 ] && put "$N" "hits_$k" rg "$(eval "${RG[$k]}" | wc -l)"
    [ $HAVE_FTS = 1 ] && put "$N" "hits_$k" fts5 "$("$PY" benches/fts5.py query "$DB" $k "$PHRASE" | tail -1 | grep -oE '^[0-9]+')"
  done

  # In-process latency.
  log "N=$N: in-process latency"
  "$BIN/examples/latency" "$IDX" --iters 200 --phrase "$PHRASE" | tee "$WORK/latency-$N.txt" >&2
  while IFS=$'\t' read -r k p50 p99 _; do
    [ "$k" = open: ] && continue
    put "$N" "p50_$k" gongkai "$(awk '{print $2}' <<<"$p50")"; put "$N" "p99_$k" gongkai "$(awk '{print $2}' <<<"$p99")"
  done < <(grep -v '^open' "$WORK/latency-$N.txt")
  if [ $HAVE_FTS = 1 ]; then
    FI=$(( N >= 50000 ? 50 : 200 ))
    "$PY" benches/fts5.py bench "$DB" "$PHRASE" --iters $FI | tee "$WORK/latency-fts5-$N.txt" >&2
    while IFS=$'\t' read -r k p50 p99 _; do
      put "$N" "p50_$k" fts5 "$(awk '{print $2}' <<<"$p50")"; put "$N" "p99_$k" fts5 "$(awk '{print $2}' <<<"$p99")"
    done < "$WORK/latency-fts5-$N.txt"
  fi
done

# ---- table ------------------------------------------------------------------------------------
MACHINE="$(nproc) cores, $(lscpu | awk -F': +' '/Model name/ {print $2; exit}'), $(free -g | awk '/Mem:/ {print $2}') GB RAM; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$RES" "$MACHINE" "${NOTES[@]+"${NOTES[@]}"}" <<'EOF' | tee "$WORK/results.md"
import sys, collections
res, machine, notes = sys.argv[1], sys.argv[2], sys.argv[3:]
v = collections.defaultdict(dict)
sizes = []
for line in open(res, encoding="utf-8"):
    n, key, tool, val = line.rstrip("\n").split("\t")
    n = int(n)
    if n not in sizes:
        sizes.append(n)
    try:
        v[n][(key, tool)] = float(val)
    except ValueError:
        pass

def g(n, k, t):
    return v[n].get((k, t))

def f(x, unit="", d=2):
    return "–" if x is None else ("%.*f%s" % (d, x, unit))

def ms(x):
    return "–" if x is None else ("%.1f ms" % (x * 1e3) if x < 10 else "%.2f s" % x)

def ratio(a, b, better_low=True):
    if a is None or b is None or a == 0 or b == 0:
        return "–"
    return "%.2f×" % (b / a)

print("| reports | corpus | measure | gongkai | bare jieba (2 threads) | ripgrep | SQLite FTS5 trigram | gongkai vs peers | target |")
print("|---:|---:|---|---:|---:|---:|---:|---|---|")
for n in sizes:
    mb = g(n, "corpus_bytes", "-") / 1e6
    c = "%.0f MB" % mb
    gi, ji, fi = g(n, "index_s", "gongkai"), g(n, "index_s", "jieba"), g(n, "index_s", "fts5")
    speed = lambda s: "–" if s is None else "%.2f s (%.1f MB/s)" % (s, mb / s)
    met = lambda ok: "" if ok is None else ("met" if ok else "**not met**")
    ok = None if gi is None or ji is None else (mb / gi >= 50 and gi <= 1.5 * ji)
    print("| %d | %s | index wall time | %s | %s | – | %s (build from the parsed sections) | %s of bare jieba | ≥ 50 MB/s and ≤ 1.5× jieba: %s |"
          % (n, c, speed(gi), speed(ji), speed(fi), "–" if gi is None or ji is None else "%.1f×" % (gi / ji), met(ok)))
    gc, jc = g(n, "cpu_s", "gongkai"), g(n, "cpu_s", "jieba")
    if gc is not None and jc is not None:
        print("| %d | %s | index CPU time (user+sys) | %.1f s | %.1f s | – | – | %.1f× of bare jieba | (robust to a shared machine) |"
              % (n, c, gc, jc, gc / jc))
    gb, fb = g(n, "index_bytes", "gongkai"), g(n, "index_bytes", "fts5")
    ok = None if gb is None else gb <= 1.5 * mb * 1e6
    print("| %d | %s | index size | %s | – | – | %s | %s of the text | ≤ 1.5× text: %s |"
          % (n, c, f(gb and gb / 1e6, " MB", 1), f(fb and fb / 1e6, " MB", 1), "–" if gb is None else "%.2f×" % (gb / (mb * 1e6)), met(ok)))
    gr, jr, fr = g(n, "rss_kb", "gongkai"), g(n, "rss_kb", "jieba"), g(n, "rss_kb", "fts5")
    ok = None if gr is None else gr * 1024 < 1e9
    print("| %d | %s | peak RSS (index) | %s | %s | – | %s | | < 1 GB at 100k: %s |"
          % (n, c, f(gr and gr / 1024, " MB", 0), f(jr and jr / 1024, " MB", 0), f(fr and fr / 1024, " MB", 0), met(ok) if n >= 100000 else "(at 100k)"))
    for k, label in [("word", "word 政策解读"), ("phrase", "phrase \"政务公开工作重要性认识不强\""),
                     ("filtered", "filtered 政策解读 --section 问题 --year 2022"),
                     ("where", "政策解读 --where requests.new_received.total>10")]:
        a, r, q = g(n, "cold_" + k, "gongkai"), g(n, "cold_" + k, "rg"), g(n, "cold_" + k, "fts5")
        hits = lambda t: "" if g(n, "hits_" + k, t) is None else " (%d)" % g(n, "hits_" + k, t)
        ok = None if a is None or r is None or q is None else (r / a >= 20 and a < q)
        rg_note = "" if k in ("word", "phrase") else " (no filter possible)"
        print("| %d | %s | cold search: %s | %s%s | – | %s%s%s | %s%s | %s faster than rg, %s faster than FTS5 | ≥ 20× rg and < FTS5: %s |"
              % (n, c, label, ms(a), hits("gongkai"), ms(r), hits("rg"), rg_note, ms(q), hits("fts5"),
                 ratio(a, r), ratio(a, q), met(ok)))
    for k in ["word", "phrase", "filtered", "where"]:
        p50, p99 = g(n, "p50_" + k, "gongkai"), g(n, "p99_" + k, "gongkai")
        q50, q99 = g(n, "p50_" + k, "fts5"), g(n, "p99_" + k, "fts5")
        if p50 is None:
            continue
        print("| %d | %s | in-process p50 / p99: %s | %.2f / %.2f ms | – | – | %s | %s faster (p50) | |"
              % (n, c, k, p50, p99, "–" if q50 is None else "%.2f / %.2f ms" % (q50, q99), ratio(p50, q50)))
py = [g(n, "cold_python_startup", "-") for n in sizes if g(n, "cold_python_startup", "-")]
loads = ["%d: %.1f" % (n, g(n, "load_start", "-")) for n in sizes if g(n, "load_start", "-") is not None]
print()
print("Machine: %s; 1-minute load average when each size started (other jobs share the machine): %s."
      % (machine, ", ".join(loads)))
if py:
    print("A cold FTS5 process includes Python's start-up (`python3 -c pass`: %.1f ms)." % (min(py) * 1e3))
print("Hit counts in parentheses: matching sections (gongkai, FTS5) or matching files (ripgrep, which "
      "cannot read the GBK files nor apply section, year or figure filters).")
for n in notes:
    print("Note: " + n)
EOF
