#!/usr/bin/env python3
"""Throughput of `lectord process --jsonl` over N copies of the sample article.

Prints the median of R runs in articles/s and MB/s and the peak resident
memory of each process, measured on its own (GNU time starts it), for
lectord and, as a baseline in the same run, a short Python script doing a
lesser job with regular expressions (hash, split sentences and paragraphs,
count, write JSON with the text).

usage: scripts/bench-process.py [--lectord build/lectord] [--copies 10000]
                                [--runs 5] [--only stats]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The same job done the way a short Python script would: hash, split
# sentences and paragraphs with regular expressions, count, write JSON.
BASELINE = r"""
import hashlib, json, re, sys
sentence = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
for line in open(sys.argv[1], encoding="utf-8"):
    doc = json.loads(line)
    text = doc["text"]
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    out = {"schema": "lector/1", "id": doc["id"], "text": text,
           "source": {"sha256": hashlib.sha256(line.encode()).hexdigest()},
           "stats": {"characters": len(text), "words": len(text.split()),
                     "sentences": sum(len(sentence.split(p)) for p in paragraphs),
                     "paragraphs": len(paragraphs)}}
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
"""


def timed(cmd, out, tmp):
    """Wall seconds and peak RSS (MB) of one process, as GNU time sees it."""
    report = os.path.join(tmp, "time.txt")
    t0 = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-o", report, "-f", "%M", *cmd], stdout=out,
                   check=True)
    seconds = time.perf_counter() - t0
    with open(report) as f:
        return seconds, int(f.read().split()[-1]) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lectord", default=os.path.join(ROOT, "build", "lectord"))
    ap.add_argument("--copies", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", default="stats")
    ap.add_argument("--article", default=os.path.join(ROOT, "tests", "data",
                                                      "hanoi-summit.txt"))
    args = ap.parse_args()

    with open(args.article, encoding="utf-8") as f:
        text = f.read()
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = os.path.join(tmp, "articles.jsonl")
        with open(jsonl, "w", encoding="utf-8") as f:
            for i in range(args.copies):
                f.write(json.dumps({"id": str(i), "text": text}) + "\n")
        size = os.path.getsize(jsonl)
        ours, base = [], []
        with open(os.devnull, "w") as null:
            for _ in range(args.runs):
                ours.append(timed([args.lectord, "process", "--jsonl", "--only",
                                   args.only, jsonl], null, tmp))
                base.append(timed([sys.executable, "-c", BASELINE, jsonl], null, tmp))

    mo, mb = (statistics.median(r[0] for r in runs) for runs in (ours, base))
    ro, rb = (statistics.median(r[1] for r in runs) for runs in (ours, base))
    print(f"input: {args.copies} articles, {size / 1e6:.1f} MB of JSON Lines; "
          f"plugins: {args.only}; median of {args.runs} runs")
    print(f"lectord process --jsonl: {mo:.3f} s  {args.copies / mo:,.0f} articles/s"
          f"  {size / mo / 1e6:.1f} MB/s  peak RSS {ro:.1f} MB")
    print(f"python regex baseline: {mb:.3f} s  {args.copies / mb:,.0f} "
          f"articles/s  {size / mb / 1e6:.1f} MB/s  peak RSS {rb:.1f} MB")
    print(f"ratio (baseline time / lectord time): {mb / mo:.2f}")


if __name__ == "__main__":
    main()
