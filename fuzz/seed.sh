#!/usr/bin/env bash
# Seed corpus for the `parse` target from ../corpus: each report prefixed with the selector
# byte the target reads first (0 = x.txt, 1 = x.md, 2 = x.html), so the seeds run as the
# format they are.
set -euo pipefail
cd "$(dirname "$0")"
out=corpus/parse
mkdir -p "$out"
for f in ../corpus/*; do
    case "$f" in
        *.txt) sel='\x00' ;;
        *.md) sel='\x01' ;;
        *.html) sel='\x02' ;;
        *) continue ;;
    esac
    { printf "$sel"; cat "$f"; } > "$out/seed-$(basename "$f")"
done
ls "$out" | wc -l
