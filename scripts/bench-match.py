#!/usr/bin/env python3
"""Python baselines for the matcher benchmark, over the same generated corpus that `glare-bench match`
writes: one `re` alternation of every roster alias; `re` after NFKC + casefold (closer to Glare's
folding); and, end to end from the JSON Lines file, pyahocorasick (an Aho-Corasick automaton in C) over
casefolded text with a word-boundary check, beside `glare match` on the same file when GLARE names the
binary: on one core (`--jobs 1`, the pin inherited) and on every core (`--jobs` = cores). MB/s count the
documents' text bytes, as `glare match` does; pyahocorasick runs on one core either way. The same
comparison then runs on generated Russian and Chinese corpora (text in scripts other than Latin takes the
fold's slower, per-character path).

Usage: [GLARE=path/to/glare] scripts/bench-match.py CORPUS.jsonl [Feeds/roster.yaml]
"""
import json
import os
import re
import subprocess
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
    for _ in range(1):  # slow; one run
        t0 = time.perf_counter()
        n = sum(1 for t in texts for _ in plain.finditer(t))
        best = min(best, time.perf_counter() - t0)
    print(f"python re alternation: {len(names)} aliases, {mb:.1f} MB, {n} matches: {best:.3f} s, {mb / best:.1f} MB/s")

    best = float("inf")
    for _ in range(1):
        t0 = time.perf_counter()
        n = sum(1 for t in texts for _ in folded.finditer(unicodedata.normalize("NFKC", t).casefold()))
        best = min(best, time.perf_counter() - t0)
    print(f"python NFKC + casefold + re:          {n} matches: {best:.3f} s, {mb / best:.1f} MB/s")

    try:
        import ahocorasick
    except ImportError:
        print("pyahocorasick not installed (pip install pyahocorasick): skipped")
        return
    automaton = ahocorasick.Automaton()
    for a in folded_names:
        automaton.add_word(a, len(a))
    automaton.make_automaton()

    def aho(path):
        n = 0
        with open(path, encoding="utf-8") as f:
            for line in f:
                t = json.loads(line)["text"].casefold()
                for end, length in automaton.iter(t):
                    start = end - length + 1
                    if (start == 0 or not t[start - 1].isalnum()) and (end + 1 == len(t) or not t[end + 1].isalnum()):
                        n += 1
        return n

    def versus(path, mb, label):
        aho_best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            n = aho(path)
            aho_best = min(aho_best, time.perf_counter() - t0)
        print(f"{label}: pyahocorasick, JSONL end to end: {n} matches: {aho_best:.3f} s, {mb / aho_best:.1f} MB/s")
        glare = os.environ.get("GLARE")
        if not glare:
            return

        def all_cores():
            os.sched_setaffinity(0, range(os.cpu_count()))

        for cores, jobs, widen in [("one core", "1", None), (f"{os.cpu_count()} cores", str(os.cpu_count()), all_cores)]:
            glare_best = float("inf")
            for _ in range(3):
                t0 = time.perf_counter()
                subprocess.run([glare, "match", "--jobs", jobs, "--roster", roster, path], stdout=subprocess.DEVNULL, check=True,
                               preexec_fn=widen)
                glare_best = min(glare_best, time.perf_counter() - t0)
            print(f"{label}: glare match, JSONL end to end, {cores}: {glare_best:.3f} s, {mb / glare_best:.1f} MB/s, "
                  f"{aho_best / glare_best:.2f}x pyahocorasick")

    versus(corpus, mb, "English-like corpus")
    # Text in other scripts: generated Russian and Chinese news-like words with the roster's names in
    # those scripts sprinkled in (one name per ~300 words), 20 MB each.
    import random
    rng = random.Random(5)
    words = {
        "Russian": ("правительство министр суд тюрьма права человека освобождение кампания женщины политические "
                    "заключённые страна президент полиция журналист адвокат заявление неделя").split(),
        "Chinese": "政府 部长 法院 监狱 人权 释放 运动 妇女 政治 犯人 国家 总统 警察 记者 律师 声明 本周".split(),
    }
    for language, vocabulary in words.items():
        script = (lambda c: "\u0400" <= c <= "\u04ff") if language == "Russian" else (lambda c: "\u4e00" <= c <= "\u9fff")
        local = [a for a in names if any(script(c) for c in a)] or names
        sep = " " if language == "Russian" else ""
        path = corpus + f".{language.lower()}.jsonl"
        total = 0
        with open(path, "w", encoding="utf-8") as f:
            i = 0
            while total < 20 * 1048576:
                t = sep.join(rng.choice(local) if rng.random() < 0.003 else rng.choice(vocabulary) for _ in range(500))
                total += len(t.encode("utf-8"))
                i += 1
                f.write(json.dumps({"id": f"{language}{i}", "text": t}, ensure_ascii=False) + "\n")
        versus(path, total / 1048576, f"{language} corpus")
        os.remove(path)


if __name__ == "__main__":
    main()
