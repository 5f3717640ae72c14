#!/usr/bin/env python3
"""Scores the html reader's main text and metadata beside peer extractors.

Two development sets under ../shared/data/html (see its README):
  wcxb        the WCXB benchmark's dev split: human-reviewed main content
              of 1,497 pages of seven page types, with title, author, date
  readability Mozilla Readability's test pages: its own expected output
              and metadata (a regression target, not a human annotation)

Main text is scored with the benchmark's metric: word-level precision,
recall and F1 between bags of lower-cased \\w+ words (each word counted as
often as it occurs), averaged over pages; a page an extractor refuses
scores 0. Beside it, sh-F1: the same over 4-word shingles, which also
counts the order of the words. Also: the share of WCXB's must-contain snippets found and of its
must-not-contain snippets avoided, and title/author/date accuracy where the
gold has them (title and author compared as normalised words, dates as
YYYY-MM-DD).

lector runs as a user would: `lectord process --only stats` on the pages
saved as files. Peers, in the same command: readability-lxml (Debian
python3-readability) and Mozilla Readability with jsdom (npm, in
--node-modules DIR; skipped with a note when absent).

    /usr/bin/python3 scripts/eval-html.py [--lectord build/lectord]
        [--data ../shared/data] [--sets wcxb,readability] [--limit N]
        [--every N] [--split all|tune|aside]
        [--node-modules build/peers/node_modules] [--no-peers]

--split divides the pages of both sets in two by a hash of their name, the
same every run: `tune` (two thirds) is what the extractor is developed on,
`aside` (one third) is held back to see whether a change generalises.
"""
import argparse
import collections
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

WORD = re.compile(r"\w+")


def words(text):
    return WORD.findall((text or "").lower())


def prf(pred, gold):
    p, g = collections.Counter(words(pred)), collections.Counter(words(gold))
    common = sum((p & g).values())
    if not p and not g:
        return 1.0, 1.0, 1.0
    prec = common / sum(p.values()) if p else 0.0
    rec = common / sum(g.values()) if g else 0.0
    f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f


SHINGLE = 4


def shingle_f1(pred, gold):
    """F1 over bags of 4-word shingles: order counts, a word list shuffled
    or a paragraph cut in two scores lower than in the bag of words."""
    def bag(text):
        w = words(text)
        return collections.Counter(tuple(w[i:i + SHINGLE])
                                   for i in range(max(1, len(w) - SHINGLE + 1)) if w)
    p, g = bag(pred), bag(gold)
    if not p and not g:
        return 1.0
    common = sum((p & g).values())
    prec = common / sum(p.values()) if p else 0.0
    rec = common / sum(g.values()) if g else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def norm_words(s):
    return " ".join(words(s))


def same_title(pred, gold):
    return bool(pred) and norm_words(pred) == norm_words(gold)


def same_author(pred, gold):
    """Names match when the gold's words all appear in the prediction."""
    if not pred:
        return False
    g, p = set(words(gold)), set(words(pred))
    return bool(g) and g <= p and len(p) <= 2 * len(g) + 2


def same_date(pred, gold):
    return bool(pred) and pred[:10] == (gold or "")[:10]


def split_of(set_name, key):
    """'aside' for one page in three, chosen by name: stable across runs."""
    h = hashlib.sha1((set_name + "/" + key).encode("utf-8")).digest()
    return "aside" if h[0] % 3 == 0 else "tune"


def in_split(split, set_name, key):
    return split == "all" or split_of(set_name, key) == split


def load_wcxb(root, limit, every, split):
    base = os.path.join(root, "html", "wcxb-dev")
    pages = []
    for i, name in enumerate(sorted(os.listdir(os.path.join(base, "html")))):
        if i % every != 0:
            continue
        key = name.split(".")[0]
        if not in_split(split, "wcxb", key):
            continue
        with gzip.open(os.path.join(base, "ground-truth", key + ".json.gz")) as f:
            truth = json.load(f)
        gt = truth["ground_truth"]
        with gzip.open(os.path.join(base, "html", name)) as f:
            html = f.read()
        kind = truth.get("_internal", {}).get("page_type", {}).get("primary", "?")
        pages.append({"set": "wcxb", "key": key, "type": kind, "html": html,
                      "text": gt.get("main_content") or "",
                      "title": gt.get("title"), "author": gt.get("author"),
                      "date": gt.get("publish_date"),
                      "with": gt.get("with") or [], "without": gt.get("without") or []})
        if limit and len(pages) >= limit:
            break
    return pages


def html_text(html):
    import lxml.html
    if not html.strip():
        return ""
    return lxml.html.fromstring(html).text_content()


def load_readability(root, limit, split):
    base = os.path.join(root, "html", "readability")
    pages = []
    for key in sorted(os.listdir(base)):
        d = os.path.join(base, key)
        if not os.path.isdir(d) or not in_split(split, "readability", key):
            continue
        with gzip.open(os.path.join(d, "source.html.gz")) as f:
            html = f.read()
        with gzip.open(os.path.join(d, "expected.html.gz")) as f:
            expected = f.read().decode("utf-8")
        with open(os.path.join(d, "expected-metadata.json"), encoding="utf-8") as f:
            meta = json.load(f)
        pages.append({"set": "readability", "key": key, "type": "all",
                      "html": html, "text": html_text(expected),
                      "title": meta.get("title"), "author": meta.get("byline"),
                      "date": meta.get("publishedTime"), "with": [], "without": []})
        if limit and len(pages) >= limit:
            break
    return pages


def run_lector(lectord, pages, tmp):
    paths = []
    for i, p in enumerate(pages):
        path = os.path.join(tmp, "%05d.html" % i)
        with open(path, "wb") as f:
            f.write(p["html"])
        paths.append(path)
    out = {}
    for start in range(0, len(paths), 200):
        chunk = paths[start:start + 200]
        r = subprocess.run([lectord, "process", "--only", "stats"] + chunk,
                           capture_output=True, text=True)
        for line in r.stdout.split("\n"):
            if not line:
                continue
            doc = json.loads(line)
            out[doc["source"]["file"]] = doc
    results = []
    for path in paths:
        doc = out.get(path)
        results.append(None if doc is None else {
            "text": doc.get("text"), "title": doc.get("title"),
            "author": doc.get("byline"), "date": doc.get("published")})
    return results


def run_readability_lxml(pages):
    try:
        from readability import Document
    except ImportError:
        return None
    results = []
    for p in pages:
        try:
            doc = Document(p["html"])
            results.append({"text": html_text(doc.summary(html_partial=True)),
                            "title": doc.short_title(), "author": None, "date": None})
        except Exception:
            results.append(None)
    return results


MOZILLA = r"""
const fs = require('fs');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');
const files = fs.readFileSync(0, 'utf8').split('\n').filter(Boolean);
for (const file of files) {
  let r = null;
  try {
    const vc = new VirtualConsole();
    const dom = new JSDOM(fs.readFileSync(file), { url: 'https://example.org/', virtualConsole: vc });
    const a = new Readability(dom.window.document).parse();
    if (a) r = { text: a.textContent, title: a.title, author: a.byline, date: a.publishedTime };
    dom.window.close();
  } catch (e) { r = null; }
  process.stdout.write(JSON.stringify(r) + '\n');
}
"""


def run_mozilla(node_modules, pages, tmp):
    if not node_modules or not os.path.isdir(os.path.join(node_modules, "jsdom")):
        return None
    script = os.path.join(tmp, "mozilla.js")
    with open(script, "w") as f:
        f.write(MOZILLA)
    paths = [os.path.join(tmp, "%05d.html" % i) for i in range(len(pages))]
    env = dict(os.environ, NODE_PATH=os.path.abspath(node_modules))
    r = subprocess.run(["node", script], input="\n".join(paths).encode(),
                       capture_output=True, env=env)
    # Bytes, split on newlines only: text mode would also split on a
    # carriage return inside a page's text. A line that does not parse (the
    # process died mid-page) and pages never reached count as refused.
    results = []
    for line in r.stdout.split(b"\n")[:len(pages)]:
        try:
            results.append(json.loads(line))
        except ValueError:
            results.append(None)
    return results + [None] * (len(pages) - len(results))


def snippet_rates(text, page):
    t = " ".join((text or "").lower().split())
    found = [" ".join(s.lower().split()) in t for s in page["with"]]
    avoided = [" ".join(s.lower().split()) not in t for s in page["without"]]
    return found, avoided


def score(pages, results, by_split):
    """Per group (and per split with by_split): mean P/R/F1, snippets,
    metadata accuracy."""
    groups = collections.defaultdict(lambda: collections.defaultdict(list))
    for page, res in zip(pages, results):
        res = res or {}
        p, r, f = prf(res.get("text"), page["text"])
        sf = shingle_f1(res.get("text"), page["text"])
        found, avoided = snippet_rates(res.get("text"), page)
        names = [page["set"], page["set"] + "/" + page["type"]]
        if by_split:
            split = " [%s]" % split_of(page["set"], page["key"])
            names += [n + split for n in names]
        for g in names:
            s = groups[g]
            s["p"].append(p)
            s["r"].append(r)
            s["f"].append(f)
            s["sf"].append(sf)
            s["with"] += found
            s["without"] += avoided
            if page.get("title"):
                s["title"].append(same_title(res.get("title"), page["title"]))
            if page.get("author"):
                s["author"].append(same_author(res.get("author"), page["author"]))
            if page.get("date"):
                s["date"].append(same_date(res.get("date"), page["date"]))
    return groups


def mean(v):
    return sum(v) / len(v) if v else float("nan")


def report(names, scored):
    groups = sorted(set().union(*[s.keys() for s in scored]),
                    key=lambda g: (g.split("/")[0].split(" ")[0], "/" in g, g))
    print("%-26s %5s  %-10s %6s %6s %6s %6s %6s %6s %6s %6s %6s" % (
        "set/type", "pages", "extractor", "P", "R", "F1", "sh-F1", "with",
        "w/out", "title", "author", "date"))
    for g in groups:
        for name, s in zip(names, scored):
            st = s.get(g)
            if st is None:
                continue
            print("%-26s %5d  %-10s %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f" % (
                g, len(st["f"]), name, mean(st["p"]), mean(st["r"]), mean(st["f"]),
                mean(st["sf"]), mean(st["with"]), mean(st["without"]), mean(st["title"]),
                mean(st["author"]), mean(st["date"])))


def worst(pages, names, runs, n):
    """The pages lector loses most on to its best peer: where to look for a
    general cause rather than a site to fix."""
    rows = []
    for i, page in enumerate(pages):
        f = [prf((run[i] or {}).get("text"), page["text"])[2] for run in runs]
        rows.append((max(f[1:]) - f[0], page, f))
    rows.sort(key=lambda r: -r[0])
    print("pages where lector is furthest below a peer (F1: %s)" % ", ".join(names))
    for gap, page, f in rows[:n]:
        print("  %-12s %-14s %s  %s" % (page["set"], page["type"],
              " ".join("%.3f" % x for x in f), page["key"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lectord", default="build/lectord")
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--sets", default="wcxb,readability")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--every", type=int, default=1,
                    help="WCXB: every Nth page only (the peers are slow)")
    ap.add_argument("--split", default="all", choices=["all", "tune", "aside"],
                    help="the pages to tune on, the pages held aside, or all")
    ap.add_argument("--node-modules", default="build/peers/node_modules")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--dump", help="write lector's text per page to this folder")
    ap.add_argument("--worst", type=int, default=0,
                    help="list the N pages where lector is furthest below a peer")
    args = ap.parse_args()

    pages = []
    if "wcxb" in args.sets:
        pages += load_wcxb(args.data, args.limit, args.every, args.split)
    if "readability" in args.sets:
        pages += load_readability(args.data, args.limit, args.split)
    with tempfile.TemporaryDirectory() as tmp:
        names, runs = ["lector"], [run_lector(args.lectord, pages, tmp)]
        if not args.no_peers:
            r = run_readability_lxml(pages)
            if r is None:
                print("note: readability-lxml not importable (apt install "
                      "python3-readability; run with /usr/bin/python3)")
            else:
                names.append("rdb-lxml")
                runs.append(r)
            r = run_mozilla(args.node_modules, pages, tmp)
            if r is None:
                print("note: Mozilla Readability not found in %s (npm install "
                      "--prefix DIR @mozilla/readability jsdom)" % args.node_modules)
            else:
                names.append("mozilla")
                runs.append(r)
    if args.dump:
        os.makedirs(args.dump, exist_ok=True)
        for page, res in zip(pages, runs[0]):
            with open(os.path.join(args.dump, page["set"] + "-" + page["key"] + ".txt"),
                      "w") as f:
                f.write("F1 %.3f\n" % prf((res or {}).get("text"), page["text"])[2])
                f.write(((res or {}).get("text") or "<refused>") + "\n")
    if args.worst and len(runs) > 1:
        worst(pages, names, runs, args.worst)
    refused = sum(1 for r in runs[0] if r is None)
    print("split %s; lector refused %d of %d pages" % (args.split, refused,
                                                      len(pages)))
    report(names, [score(pages, r, args.split == "all") for r in runs])


if __name__ == "__main__":
    sys.exit(main())
