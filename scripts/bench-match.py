#!/usr/bin/env python3
"""Python baseline for the matcher benchmark: one `re` alternation of every roster alias over the
same generated corpus that `glare-bench match` writes.

Two variants: `re` alone (case-insensitive, no normalisation: less work than Glare does), and `re`
after NFKC + casefold with unicodedata (closer to Glare's folding).

Usage: scripts/bench-match.py CORPUS.jsonl [Feeds/roster.yaml]
"""
import json
import re
import sys
import time
import unicodedata

import yaml


def aliases(roster_path):
    data = yaml.safe_load(open(roster_path, encoding="utf-8"))
    out = []
    for p in data["people"]:
        if p.get("match") is False:
            continue
        out.append(p["name"])
        for a in p.get("aliases") or []:
            out.append(a["text"] if isinstance(a, dict) else a)
    return sorted(set(out), key=len, reverse=True)


def main():
    corpus = sys.argv[1]
    roster = sys.argv[2] if len(sys.argv) > 2 else "Feeds/roster.yaml"
    texts = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8")]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1048576
    names = aliases(roster)
    plain = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in names) + r")\b", re.IGNORECASE)
    folded_names = [unicodedata.normalize("NFKC", a).casefold() for a in names]
    folded = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in folded_names) + r")\b")

    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        n = sum(1 for t in texts for _ in plain.finditer(t))
        best = min(best, time.perf_counter() - t0)
    print(f"python re alternation: {len(names)} aliases, {mb:.1f} MB, {n} matches: {best:.3f} s, {mb / best:.1f} MB/s")

    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        n = sum(1 for t in texts for _ in folded.finditer(unicodedata.normalize("NFKC", t).casefold()))
        best = min(best, time.perf_counter() - t0)
    print(f"python NFKC + casefold + re:          {n} matches: {best:.3f} s, {mb / best:.1f} MB/s")


if __name__ == "__main__":
    main()
