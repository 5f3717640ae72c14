#!/usr/bin/env python3
"""Time and peak memory of `lectord process` on large articles.

    scripts/bench-large.py [--build DIR] [--sizes 1,5,10] [--runs 3]
                           [--plugins langid,entities,...] [--no-html]
                           [--text sample,distinct] [--data DIR]

Two kinds of article, SIZE megabytes (10^6 bytes) each. "sample":
tests/data/hanoi-summit.txt with its body repeated, kind to whatever grows
with distinct words and names. "distinct": the first SIZE megabytes of
distinct English text from the labelled data (../shared/data, or --data):
the BBC News articles joined, then the KPCrowd news stories, the CoNLL-2003
newswire (train, then valid; tokens joined by spaces, a sentence a line),
Wikigold, and the article pages' main content of the WCXB dev set, some
13 MB in all; the sources used are printed. The default configuration is
used, with max_bytes raised when a size needs it. Every plugin runs alone (`--only`,
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
import glob
import gzip
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
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data")


def conll_text(path):
    """A CoNLL file's documents: a sentence a line, a blank line between
    documents (-DOCSTART-)."""
    docs, sent, lines = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if not cols or cols[0] == "-DOCSTART-":
                if sent:
                    lines.append(" ".join(sent))
                    sent = []
                if cols and lines:
                    docs.append("\n".join(lines))
                    lines = []
                continue
            sent.append(cols[0])
    if sent:
        lines.append(" ".join(sent))
    if lines:
        docs.append("\n".join(lines))
    return docs


def distinct_sources(data):
    """(name, [texts]) of distinct English text, news first."""
    def files(pattern):
        out = []
        for path in sorted(glob.glob(os.path.join(data, pattern))):
            with open(path, encoding="utf-8") as f:
                out.append(f.read().strip())
        return out

    def wcxb():
        base = os.path.join(data, "html", "wcxb-dev")
        with open(os.path.join(base, "metadata.json"), encoding="utf-8") as f:
            meta = json.load(f)["files"]
        out = []
        for key in sorted(meta):
            if meta[key].get("page_type") != "article":
                continue
            with gzip.open(os.path.join(base, "ground-truth", key + ".json.gz"),
                           "rt", encoding="utf-8") as f:
                gt = json.load(f)["ground_truth"]
            body = (gt.get("main_content") or "").strip()
            if body:
                out.append(((gt.get("title") or "").strip() + "\n\n" + body).strip())
        return out

    yield "BBC News", lambda: files("summary/bbc/articles/*/*.txt")
    yield "KPCrowd", lambda: files("keyphrases/kpcrowd-train/docs/*.txt")
    yield "CoNLL-2003 train", lambda: conll_text(
        os.path.join(data, "ner", "conll2003", "train.txt"))
    yield "CoNLL-2003 valid", lambda: conll_text(
        os.path.join(data, "ner", "conll2003", "valid.txt"))
    yield "Wikigold", lambda: conll_text(
        os.path.join(data, "ner", "wikigold", "wikigold.conll.txt"))
    yield "WCXB articles", wcxb


def distinct_text(megabytes, data, used):
    """The first SIZE megabytes of the distinct sources, whole documents,
    a blank line between them; the names of the sources used go to used."""
    want = megabytes * 1000000
    parts, size = [], 0
    for name, load in distinct_sources(data):
        if size >= want:
            break
        used.append(name)
        for doc in load():
            parts.append(doc)
            size += len(doc.encode()) + 2
            if size >= want:
                break
    if size < want:
        raise SystemExit("bench-large: only %.1f MB of distinct text in %s"
                         % (size / 1e6, data))
    return "\n\n".join(parts) + "\n"


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
    p.add_argument("--text", default="sample,distinct",
                   help="which articles: sample (repeated), distinct, or both")
    p.add_argument("--data", default=DATA,
                   help="the labelled data, for the distinct text")
    a = p.parse_args()
    kinds = [k for k in a.text.split(",") if k]
    if not kinds or any(k not in ("sample", "distinct") for k in kinds):
        raise SystemExit("bench-large: --text takes sample, distinct or both")
    a.lectord = lectord = os.path.join(a.build, "lectord")
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
                articles["sample", mb, ext] = path
                real["sample", mb, ext] = write(path, content)
        used = []
        if "distinct" in kinds:
            for mb in sizes:
                text = distinct_text(mb, a.data, used)
                for ext, content in (("txt", text), ("html", as_page(text))):
                    path = os.path.join(tmp, "distinct-%dmb.%s" % (mb, ext))
                    articles["distinct", mb, ext] = path
                    real["distinct", mb, ext] = write(path, content)
        for kind in kinds:
            bench(a, kind, cases, sizes, articles, real, config, tmp,
                  sorted(set(used), key=used.index))


def bench(a, kind, cases, sizes, articles, real, config, tmp, used):
    """One table: every case on the articles of one kind."""
    if kind == "sample":
        what = "hanoi-summit.txt repeated"
    else:
        what = "distinct text: " + ", ".join(used)
    print("lectord process on articles of %s MB (%s); median of %d runs, "
          "each process measured alone; fixed: the same pipeline on the "
          "%d-byte sample" % ("/".join(map(str, sizes)), what, a.runs,
                              real["sample", 0, "txt"]))
    print("%-18s %5s %8s %7s %7s %8s %8s %8s %10s" % (
        "plugins", "MB", "seconds", "s/MB", "vs 1st", "peak MB", "fixed MB",
        "added MB", "added/size"))
    for name, only, ext in cases:
        _, fixed = measure([a.lectord, "process", "-c", config, *only,
                            articles["sample", 0, ext]], a.runs, tmp)
        first = None
        for mb in sizes:
            size = real[kind, mb, ext]
            wall, peak = measure([a.lectord, "process", "-c", config, *only,
                                  articles[kind, mb, ext]], a.runs, tmp)
            per_mb = wall * 1e6 / size
            first = first or per_mb
            print("%-18s %5d %8.2f %7.3f %6.2fx %8.1f %8.1f %8.1f %9.1fx" % (
                name, mb, wall, per_mb, per_mb / first, peak / 1e6, fixed / 1e6,
                (peak - fixed) / 1e6, (peak - fixed) / size))
            sys.stdout.flush()
    print()

if __name__ == "__main__":
    main()
