#!/usr/bin/env python3
"""Real search queries from converted Knowledge Center content, for the wrk benchmarks.

  queries.py CONTENT OUT_QUERIES OUT_GUIDE [--misspell N]

Queries: 1 to 3 consecutive words (3+ letters, stop words dropped) of every guide's
title and `## ` headings, deduplicated, shuffled with a fixed seed, at most 2000, one a
line in OUT_QUERIES. OUT_GUIDE gets the slug of the English guide of median size.
--misspell N: one query in N (deterministic) gets a typo in its longest word of 5+
letters (a letter dropped, two swapped, one doubled or a vowel changed), as people type.
Without it the output is what tools/bench/serve has always used. Prints the number of
queries on stdout. Python standard library only; deterministic.
"""
import argparse
import json
import os
import random
import re

ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
ap.add_argument("content")
ap.add_argument("out_queries")
ap.add_argument("out_guide")
ap.add_argument("--misspell", type=int, default=0, metavar="N")
args = ap.parse_args()
content, out_queries, out_guide = args.content, args.out_queries, args.out_guide

stop = set("the and for with from into that this your you are how use using its not can "
           "les des une dans pour par sur avec est qui que del los las con por para una "
           "uma com dos das não por".split())
word = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
queries, seen, en_docs = [], set(), []
for root, dirs, files in os.walk(content):
    dirs.sort()
    for name in sorted(files):
        if not name.endswith(".md"):
            continue
        path = os.path.join(root, name)
        rel = os.path.relpath(path, content).split(os.sep)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if rel[0] == "en":
            en_docs.append((len(text), rel[2][:-3]))
        lines = []
        for line in text.split("\n"):
            if line.startswith("title: "):
                try:
                    lines.append(json.loads(line[7:]))
                except ValueError:
                    lines.append(line[7:])
            elif line.startswith("## "):
                lines.append(line[3:])
        for line in lines:
            words = [w.lower() for w in word.findall(line) if w.lower() not in stop]
            for n in (1, 2, 3):
                for i in range(0, max(0, len(words) - n + 1)):
                    q = " ".join(words[i:i + n])
                    if q not in seen:
                        seen.add(q)
                        queries.append(q)
random.Random(20261127).shuffle(queries)
queries = queries[:2000]


def misspell(q, rng):
    words = q.split(" ")
    k = max(range(len(words)), key=lambda j: len(words[j]))
    w = words[k]
    if len(w) < 5:
        return q
    i = rng.randrange(1, len(w) - 2)
    op = rng.randrange(4)
    if op == 0:
        w2 = w[:i] + w[i + 1:]                          # a letter dropped
    elif op == 1:
        w2 = w[:i] + w[i + 1] + w[i] + w[i + 2:]        # two letters swapped
    elif op == 2:
        w2 = w[:i] + w[i] + w[i:]                       # a letter doubled
    else:
        vowels = [j for j in range(1, len(w)) if w[j] in "aeiou"]
        j = vowels[rng.randrange(len(vowels))] if vowels else i
        w2 = w[:j] + ("e" if w[j] != "e" else "a") + w[j + 1:]  # a vowel changed
    if w2 == w:
        w2 = w[:i] + w[i + 1:]
    words[k] = w2
    return " ".join(words)


if args.misspell > 0:
    rng = random.Random(4242)
    queries = [misspell(q, rng) if i % args.misspell == args.misspell - 1 else q
               for i, q in enumerate(queries)]

with open(out_queries, "w", encoding="utf-8") as f:
    f.write("\n".join(queries) + "\n")
en_docs.sort()
with open(out_guide, "w") as f:
    f.write(en_docs[len(en_docs) // 2][1] + "\n" if en_docs else "\n")
print(len(queries))
