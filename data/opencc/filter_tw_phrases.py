#!/usr/bin/env python3
"""Writes TWPhrasesRev.txt: the entries of OpenCC's TWPhrasesRev.txt (Taiwan vocabulary → mainland
vocabulary, e.g. 資訊 → 信息) that are safe to apply to any traditional text.

A Taiwan word can also be the plain traditional spelling of a mainland word (執行 is 执行 as well
as Taiwan's word for 运行; 檔案 is 档案 as well as Taiwan's 文件). Most traditional reports are
mainland reports put through a character-level converter, so an entry is kept only where the
mainland word it stands for is at least RATIO times as common as the literal reading, both
counted in jieba's dictionary (jieba-rs 0.11, src/data/dict.txt).

usage: filter_tw_phrases.py OPENCC/TWPhrasesRev.txt TSCharacters.txt JIEBA/dict.txt > TWPhrasesRev.txt
"""
import sys

RATIO = 20

# Literal readings that are common mainland words although jieba's dictionary lacks them.
MAINLAND_WORDS = {
    "线上",  # 线上线下, in every other government report
}

def load(path):
    m = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        k, v = line.rstrip("\n").split("\t")
        m.setdefault(k, v)
    return m

rev = load(sys.argv[1])
ts = {k: v.split(" ")[0] for k, v in load(sys.argv[2]).items()}
freq = {}
for line in open(sys.argv[3], encoding="utf-8"):
    p = line.split()
    freq[p[0]] = int(p[1])

def t2s(w):
    return "".join(ts.get(c, c) for c in w)

print("# Open Chinese Convert (OpenCC) Dictionary, filtered by filter_tw_phrases.py (see README.md)")
print("# File: TWPhrasesRev.txt")
print("# Format: key\tvalue(s) (values separated by spaces)")
print("# License: Apache-2.0 (see LICENSE)")
print("# Source: https://github.com/ByVoid/OpenCC")
print(f"# Kept: entries whose mainland word is >= {RATIO}x as common as the literal reading.")
dropped = []
for k, v in rev.items():
    target, literal = t2s(v.split(" ")[0]), t2s(k)
    if target == literal:
        continue
    ft, fl = freq.get(target, 0), freq.get(literal, 0)
    if literal in MAINLAND_WORDS:
        dropped.append(f"{k}(listed)")
    elif ft > 0 and ft >= RATIO * max(fl, 1):
        print(f"{k}\t{v}")
    else:
        dropped.append(f"{k}({fl}/{ft})")
print("# Dropped (literal/target counts): " + " ".join(dropped), file=sys.stderr)
