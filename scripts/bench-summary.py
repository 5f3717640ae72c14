#!/usr/bin/env python3
"""Speed of the summary and keywords plugins, beside Open Text Summarizer.

Builds 1,000 articles of about 800 words from the BBC dev set (whole
paragraphs of several articles, so no two are alike), runs them through
`lectord process --jsonl --only summary,keywords` in one process, and reads
each plugin's time per article from the output's "pipeline" (the host times
each annotate call; segmentation is the host's and is timed apart from
both). In the same run, times `ots -r 20` per article as a process, wall
clock and CPU time (its start-up, measured on an empty file, is reported
beside it).

Usage: scripts/bench-summary.py [--lectord build/lectord] [--data ../shared/data]
                                [--articles 1000] [--words 800] [--ots-articles N]
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def bodies(data):
    base = os.path.join(data, "summary", "bbc", "articles")
    out = []
    for topic in sorted(os.listdir(base)):
        for name in sorted(os.listdir(os.path.join(base, topic))):
            with open(os.path.join(base, topic, name), encoding="utf-8",
                      errors="replace") as f:
                title, _, body = f.read().partition("\n")
            paras = [p.strip() for p in body.split("\n") if p.strip()]
            out.append((title.strip(), paras))
    return out


def make_articles(src, count, words):
    arts = []
    for i in range(count):
        title, paras = src[i % len(src)]
        text, n, j = [], 0, 0
        while n < words:
            # Whole paragraphs from a stride of other articles.
            _, more = src[(i + j * 131) % len(src)]
            for p in more:
                text.append(p)
                n += len(p.split())
                if n >= words:
                    break
            j += 1
        arts.append({"id": str(i), "title": title, "text": "\n\n".join(text) + "\n"})
    return arts


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def report(name, xs):
    print(f"{name:22s} n={len(xs):5d}  median {statistics.median(xs):8.3f} ms  "
          f"p90 {pct(xs, 0.9):8.3f} ms  mean {statistics.mean(xs):8.3f} ms")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lectord", default=os.path.join(ROOT, "build", "lectord"))
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--words", type=int, default=800)
    ap.add_argument("--ots-articles", type=int, default=0,
                    help="how many articles OTS runs on (default: all)")
    args = ap.parse_args()

    arts = make_articles(bodies(args.data), args.articles, args.words)
    nwords = [len(a["text"].split()) for a in arts]
    nbytes = sum(len(a["text"].encode()) for a in arts)
    print(f"{len(arts)} articles, median {statistics.median(nwords):.0f} words, "
          f"{nbytes / 1e6:.2f} MB")

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for a in arts:
                f.write(json.dumps(a) + "\n")
        t0 = time.perf_counter()
        p = subprocess.run([args.lectord, "process", "--jsonl", "--only",
                            "summary,keywords", path], capture_output=True, text=True)
        wall = time.perf_counter() - t0
        if p.returncode != 0:
            print(p.stderr, file=sys.stderr)
            return 1
        ms = {"summary": [], "keywords": []}
        for line in p.stdout.splitlines():
            for step in json.loads(line)["pipeline"]:
                if step["plugin"] in ms:
                    ms[step["plugin"]].append(step["ms"])
        print(f"lectord process, whole run: {wall:.2f} s wall "
              f"({wall * 1e3 / len(arts):.3f} ms per article, reading, segmentation "
              f"and JSON included)")
        report("summary (plugin)", ms["summary"])
        report("keywords (plugin)", ms["keywords"])

        if shutil.which("ots") is None:
            print("ots not installed: no comparison")
            return 0
        empty = os.path.join(tmp, "empty.txt")
        open(empty, "w").close()
        start = []
        for _ in range(20):
            t0 = time.perf_counter()
            subprocess.run(["ots", "-r", "20", empty], capture_output=True)
            start.append((time.perf_counter() - t0) * 1e3)
        times, cpu = [], []
        n = args.ots_articles or len(arts)
        art_path = os.path.join(tmp, "a.txt")
        for a in arts[:n]:
            with open(art_path, "w", encoding="utf-8") as f:
                f.write(a["text"])
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(["ots", "-r", "20", art_path], capture_output=True)
            times.append((time.perf_counter() - t0) * 1e3)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append((r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime) * 1e3)
        report("ots -r 20 (process)", times)
        report("ots -r 20 (CPU time)", cpu)
        report("ots start-up (empty)", start)
        net = statistics.median(times) - statistics.median(start)
        print(f"ots median less start-up: {net:.3f} ms per article "
              f"({statistics.median(nwords) * 6 / 1e3 / max(net, 1e-9):.2f} MB/s at ~6 bytes a word)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
