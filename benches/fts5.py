#!/usr/bin/env python3
"""SQLite FTS5 (trigram tokenizer) peer for benches/compare.sh, through Python's sqlite3.

    fts5.py build DB SECTIONS.tsv        # prints: build_s=… db_bytes=… rows=…
    fts5.py query DB KIND [PHRASE]        # one query as a whole process (cold-process timing)
    fts5.py bench DB [PHRASE] [--iters N] # in-process p50/p99 per query kind

SECTIONS.tsv is what `latency INDEX --dump-sections` writes: the sections gongkai indexed
(source, kind, year, requests.new_received.total, text), so both engines search the same text with
the same metadata. Each query returns the match count and the top 20 by bm25 with a snippet, as
`gongkai search` does. Query kinds (the same as gongkai's):
  word      政策解读
  phrase    "PHRASE"
  filtered  政策解读 in kind = problems and year = 2022
  where     政策解读 and requests.new_received.total > 10
"""
import os
import sqlite3
import sys
import time

DEFAULT_PHRASE = "政务公开工作重要性认识不强"


def queries(phrase):
    return {
        "word": ('"政策解读"', "", ()),
        "phrase": ('"%s"' % phrase, "", ()),
        "filtered": ('"政策解读"', " AND kind = ? AND year = ?", ("problems", 2022)),
        "where": ('"政策解读"', " AND new_total > ?", (10,)),
    }


def run(db, kind, phrase):
    match, extra, params = queries(phrase)[kind]
    where = "sec MATCH ?" + extra
    args = (match,) + params
    count = db.execute("SELECT count(*) FROM sec WHERE " + where, args).fetchone()[0]
    top = db.execute(
        "SELECT source, kind, year, snippet(sec, 0, '【', '】', '…', 24) FROM sec WHERE "
        + where
        + " ORDER BY rank LIMIT 20",
        args,
    ).fetchall()
    return count, top


def build(path, tsv):
    if os.path.exists(path):
        os.remove(path)
    t = time.time()
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute(
        "CREATE VIRTUAL TABLE sec USING fts5(body, source UNINDEXED, kind UNINDEXED, "
        "year UNINDEXED, new_total UNINDEXED, tokenize = 'trigram')"
    )
    rows = 0

    def gen():
        nonlocal rows
        with open(tsv, encoding="utf-8") as f:
            for line in f:
                source, kind, year, total, body = line.rstrip("\n").split("\t", 4)
                rows += 1
                yield (body, source, kind, int(year), float(total) if total else None)

    db.executemany(
        "INSERT INTO sec (body, source, kind, year, new_total) VALUES (?, ?, ?, ?, ?)", gen()
    )
    db.commit()
    db.execute("INSERT INTO sec(sec) VALUES ('optimize')")
    db.commit()
    db.close()
    print("build_s=%.2f db_bytes=%d rows=%d" % (time.time() - t, os.path.getsize(path), rows))


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    cmd, path = sys.argv[1], sys.argv[2]
    if cmd == "build":
        build(path, sys.argv[3])
    elif cmd == "query":
        phrase = sys.argv[4] if len(sys.argv) > 4 else DEFAULT_PHRASE
        db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        count, top = run(db, sys.argv[3], phrase)
        for r in top:
            print("\t".join(str(x) for x in r))
        print("%d matching sections" % count)
    elif cmd == "bench":
        args = sys.argv[3:]
        iters = 200
        if "--iters" in args:
            i = args.index("--iters")
            iters = int(args[i + 1])
            del args[i : i + 2]
        phrase = args[0] if args else DEFAULT_PHRASE
        db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        for kind in queries(phrase):
            count, _ = run(db, kind, phrase)
            ms = []
            for _ in range(iters):
                t = time.perf_counter()
                run(db, kind, phrase)
                ms.append((time.perf_counter() - t) * 1e3)
            ms.sort()
            p = lambda q: ms[round((len(ms) - 1) * q)]
            print("%s\tp50 %.3f ms\tp99 %.3f ms\t%d hits" % (kind, p(0.5), p(0.99), count))
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
