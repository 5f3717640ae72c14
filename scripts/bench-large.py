#!/usr/bin/env python3
"""Time and peak memory of `lectord process` on large articles.

    scripts/bench-large.py [--build DIR] [--sizes 1,5,10] [--runs 3]
                           [--plugins langid,entities,...] [--no-html]

Each article is tests/data/hanoi-summit.txt with its body repeated up to
SIZE megabytes (10^6 bytes); the default configuration is used, with
max_bytes raised when a size needs it. Every plugin runs alone (`--only`,
after the text reader), then the default pipeline, then the default
pipeline on the same article written as a web page (.html, its
paragraphs in <p>, read by the html reader).

Each figure is the lectord process's own (GNU time starts it): wall time
and peak resident memory (RSS), the median of --runs runs. A process
holds a fixed part whatever the article (the program, its libraries,
the plugins' models): the same pipeline's peak on the sample article
itself (a few kilobytes) measures it. What the article adds is the peak
less that fixed part; the headline is that, divided by the article's
size ("added/size"). Time is given per megabyte, and relative to the
smallest size ("vs 1st"; 1.00x throughout: time linear in the size).
"""
import argparse
import html
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "tests", "data", "hanoi-summit.txt")
PLUGINS = ["langid", "entities", "summary", "keywords", "stats"]


def article_text(megabytes):
    """The sample with its body repeated to at least SIZE megabytes."""
    with open(SAMPLE, encoding="utf-8") as f:
        src = f.read()
    if megabytes == 0:
        return src
    body = "\n" + src.split("\n", 2)[2]
    want = megabytes * 1000000
    copies = max(0, (want - len(src.encode())) // len(body.encode()) + 1)
    return src + body * copies


def as_page(text):
    """The article as a plain web page: title, byline, one <p> a paragraph."""
    title, byline, rest = text.split("\n", 2)
    paras = "".join("<p>%s</p>\n" % html.escape(p.strip())
                    for p in rest.split("\n\n") if p.strip())
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s"
            "</title></head>\n<body><article><h1>%s</h1>\n<p class=\"byline\">"
            "%s</p>\n%s</article></body></html>\n" % (
                html.escape(title), html.escape(title), html.escape(byline), paras))


def write(path, content):
    with open(path, "w", encoding="utf-8") as f:
        f.write(content)
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


def measure(cmd, runs, tmp):
    """Median wall seconds and median peak RSS of runs runs."""
    got = [run_once(cmd, tmp) for _ in range(runs)]
    return (statistics.median(r[0] for r in got),
            statistics.median(r[1] for r in got))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--sizes", default="1,5,10")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--plugins", default=",".join(PLUGINS))
    p.add_argument("--no-html", action="store_true",
                   help="leave out the default pipeline on the .html page")
    a = p.parse_args()
    lectord = os.path.join(a.build, "lectord")
    if not os.access("/usr/bin/time", os.X_OK):
        raise SystemExit("bench-large: needs GNU time (apt-get install time)")
    sizes = [int(s) for s in a.sizes.split(",")]
    cases = [(name, ["--only", name], "txt") for name in a.plugins.split(",") if name]
    cases.append(("default pipeline", [], "txt"))
    if not a.no_html:
        cases.append(("default, .html", [], "html"))
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "lectord.json")
        with open(config, "w") as f:
            json.dump({"max_bytes": max(sizes) * 1000000 + (4 << 20)}, f)
        articles, real = {}, {}
        for mb in [0] + sizes:
            text = article_text(mb)
            for ext, content in (("txt", text), ("html", as_page(text))):
                path = os.path.join(tmp, "article-%dmb.%s" % (mb, ext))
                articles[mb, ext] = path
                real[mb, ext] = write(path, content)
        print("lectord process on articles of %s MB (hanoi-summit.txt repeated); "
              "median of %d runs, each process measured alone; fixed: the same "
              "pipeline on the %d-byte sample" % ("/".join(map(str, sizes)), a.runs,
                                                  real[0, "txt"]))
        print("%-18s %5s %8s %7s %7s %8s %8s %8s %10s" % (
            "plugins", "MB", "seconds", "s/MB", "vs 1st", "peak MB", "fixed MB",
            "added MB", "added/size"))
        for name, only, ext in cases:
            _, fixed = measure([lectord, "process", "-c", config, *only,
                                articles[0, ext]], a.runs, tmp)
            first = None
            for mb in sizes:
                size = real[mb, ext]
                wall, peak = measure([lectord, "process", "-c", config, *only,
                                      articles[mb, ext]], a.runs, tmp)
                per_mb = wall * 1e6 / size
                first = first or per_mb
                print("%-18s %5d %8.2f %7.3f %6.2fx %8.1f %8.1f %8.1f %9.1fx" % (
                    name, mb, wall, per_mb, per_mb / first, peak / 1e6, fixed / 1e6,
                    (peak - fixed) / 1e6, (peak - fixed) / size))
                sys.stdout.flush()


if __name__ == "__main__":
    main()
