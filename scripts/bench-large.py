#!/usr/bin/env python3
"""Time and peak memory of `lectord process` on large articles.

    scripts/bench-large.py [--build DIR] [--sizes 1,5,10] [--runs 3]
                           [--plugins langid,entities,...]

Each article is tests/data/hanoi-summit.txt with its body repeated up to
SIZE megabytes (10^6 bytes); the default configuration is used, with
max_bytes raised when a size needs it. Every plugin runs alone (`--only`,
after the text reader), then the default pipeline. Each figure is the
lectord process's own (GNU time starts it): wall time and peak resident
memory (RSS), the median of --runs runs. Beside them: the peak as a
multiple of the article's size, and the time per megabyte relative to
the smallest size (1.00x throughout: time linear in the size).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "tests", "data", "hanoi-summit.txt")
PLUGINS = ["langid", "entities", "summary", "keywords", "stats"]


def make_article(path, megabytes):
    with open(SAMPLE, encoding="utf-8") as f:
        src = f.read()
    body = "\n" + src.split("\n", 2)[2]
    want = megabytes * 1000000
    copies = max(0, (want - len(src.encode())) // len(body.encode()) + 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(src + body * copies)
    return os.path.getsize(path)


def run_once(cmd, tmp):
    """Wall seconds and peak RSS (bytes) of one lectord process. GNU time
    starts it, so that the peak is lectord's own and not that of this
    script, whose pages a forked child would count until its exec."""
    report = os.path.join(tmp, "time.txt")
    proc = subprocess.run(["/usr/bin/time", "-o", report, "-f", "%e %M", *cmd],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        raise SystemExit("%s exited %d: %s" % (" ".join(cmd), proc.returncode,
                                               proc.stderr.decode(errors="replace")[-500:]))
    with open(report) as f:
        wall, kb = f.read().split()[-2:]
    return float(wall), int(kb) * 1024


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--sizes", default="1,5,10")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--plugins", default=",".join(PLUGINS))
    a = p.parse_args()
    lectord = os.path.join(a.build, "lectord")
    if not os.access("/usr/bin/time", os.X_OK):
        raise SystemExit("bench-large: needs GNU time (apt-get install time)")
    sizes = [int(s) for s in a.sizes.split(",")]
    cases = [(name, ["--only", name]) for name in a.plugins.split(",") if name]
    cases.append(("default pipeline", []))
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "lectord.json")
        with open(config, "w") as f:
            json.dump({"max_bytes": max(sizes) * 1000000 + (1 << 20)}, f)
        articles = {mb: os.path.join(tmp, "article-%dmb.txt" % mb) for mb in sizes}
        real = {mb: make_article(path, mb) for mb, path in articles.items()}
        print("lectord process on articles of %s MB (hanoi-summit.txt repeated); "
              "median of %d runs, each process measured alone"
              % ("/".join(map(str, sizes)), a.runs))
        print("%-18s %5s %9s %9s %8s %9s %9s" % ("plugins", "MB", "seconds", "s/MB",
                                                "vs 1st", "peak MB", "x size"))
        for name, only in cases:
            first = None
            for mb in sizes:
                runs = [run_once([lectord, "process", "-c", config, *only, articles[mb]], tmp)
                        for _ in range(a.runs)]
                wall = statistics.median(r[0] for r in runs)
                peak = statistics.median(r[1] for r in runs)
                per_mb = wall * 1e6 / real[mb]
                first = first or per_mb
                print("%-18s %5d %9.2f %9.3f %7.2fx %9.1f %8.1fx" % (
                    name, mb, wall, per_mb, per_mb / first, peak / 1e6,
                    peak / real[mb]))
                sys.stdout.flush()


if __name__ == "__main__":
    main()
