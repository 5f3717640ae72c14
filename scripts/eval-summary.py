#!/usr/bin/env python3
"""ROUGE evaluation of the summary plugin on the BBC News Summary dev set.

Two summary lengths N, each with every system at that same length:

  default  N = 3, what lectord ships (`sentences` 3): what a user gets.
           The headline.
  oracle   N = the number of sentences of the article's reference, which
           no user knows; it flatters every system, ours most.

Three systems are scored in the same run:

  ours    lectord's summary plugin: its default options for "default",
          `sentences` set to N per article for "oracle"
  lead    the first N sentences of the article, as lectord segments it
          (the summary plugin with ratio 1 returns every sentence but
          boilerplate, in order)
  ots     Open Text Summarizer (Debian `ots`) at the ratio whose output has
          the sentence count closest to N

These 896 articles are a development set, not a test: the summary's
position weights and defaults were tuned on them (see
plugins/summary/rank.c), so its figures here are optimistic.

ROUGE variant (documented because ROUGE figures differ by variant):
  - tokens: lowercase runs of ASCII letters and digits ([a-z0-9]+);
    no stemming, no stopword removal;
  - ROUGE-1 and ROUGE-2: clipped n-gram overlap over the whole summary,
    F1 = 2PR / (P + R), averaged over articles (macro);
  - ROUGE-L: summary-level union LCS (Lin 2004, section 3.2, "ROUGE-Lsum"),
    so the order of the reference sentences does not matter (the BBC
    references are not in article order); F1 as above.
References run sentences together without spaces ("...$10.9bn.For the...");
they are split before . ! ? (and a closing quote) followed by a capital.
OTS output is split into sentences by punctuation the same way.

Usage:
  scripts/eval-summary.py [--lectord build/lectord] [--data ../shared/data]
                          [--topics business,entertainment] [--limit N]
                          [--no-ots] [--position] [--pipeline summary]
                          [--sentences]
--position prints the measured position prior instead (see rank.c).
--sentences checks the sentence splitter instead: per topic, lectord's
sentence count (the stats plugin), how many of its sentences end in an
opening quotation mark that belongs to the next one ("...at Yongbyon. \""),
and how many reference sentences (verbatim article sentences) are
exactly one of lectord's sentences.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SENTENCES = 3   # the summary plugin's shipped default

TOKEN = re.compile(r"[a-z0-9]+")
REF_SPLIT = re.compile(r"(?<=[.!?])(?=[A-Z\"'])|(?<=[.!?][\"'])(?=[A-Z])")
ART_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])|(?<=[.!?][\"'])\s+(?=[A-Z0-9\"'(])")


def tokens(s):
    return TOKEN.findall(s.lower())


def split_reference(ref):
    return [s.strip() for s in REF_SPLIT.split(ref.strip()) if s.strip()]


def split_article(body):
    out = []
    for para in body.split("\n"):
        para = para.strip()
        if para:
            out.extend(s.strip() for s in ART_SPLIT.split(para) if s.strip())
    return out


def ngrams(toks, n):
    d = {}
    for i in range(len(toks) - n + 1):
        g = tuple(toks[i:i + n])
        d[g] = d.get(g, 0) + 1
    return d


def f1(hit, cand, ref):
    if hit == 0 or cand == 0 or ref == 0:
        return 0.0
    p, r = hit / cand, hit / ref
    return 2 * p * r / (p + r)


def rouge_n(cand_toks, ref_toks, n):
    c, r = ngrams(cand_toks, n), ngrams(ref_toks, n)
    hit = sum(min(v, r.get(g, 0)) for g, v in c.items())
    return f1(hit, sum(c.values()), sum(r.values()))


def lcs_positions(a, b):
    """Indexes of a that are in one longest common subsequence of a and b."""
    m, n = len(a), len(b)
    t = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m):
        ai, ti, tn = a[i], t[i], t[i + 1]
        for j in range(n):
            tn[j + 1] = ti[j] + 1 if ai == b[j] else max(ti[j + 1], tn[j])
    i, j, out = m, n, set()
    while i > 0 and j > 0:
        if a[i - 1] == b[j - 1]:
            out.add(i - 1)
            i -= 1
            j -= 1
        elif t[i - 1][j] >= t[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return out


def rouge_lsum(cand_sents, ref_sents):
    cand = [tokens(s) for s in cand_sents]
    ref = [tokens(s) for s in ref_sents]
    # Clip hits by token counts, as Lin's union LCS does.
    ccount, rcount = {}, {}
    for s in cand:
        for w in s:
            ccount[w] = ccount.get(w, 0) + 1
    for s in ref:
        for w in s:
            rcount[w] = rcount.get(w, 0) + 1
    hit = 0
    for r in ref:
        union = set()
        for c in cand:
            union |= lcs_positions(r, c)
        for i in sorted(union):
            w = r[i]
            if ccount.get(w, 0) > 0 and rcount.get(w, 0) > 0:
                hit += 1
                ccount[w] -= 1
                rcount[w] -= 1
    return f1(hit, sum(len(s) for s in cand), sum(len(s) for s in ref))


def score(cand_sents, ref_sents):
    c = [w for s in cand_sents for w in tokens(s)]
    r = [w for s in ref_sents for w in tokens(s)]
    return (rouge_n(c, r, 1), rouge_n(c, r, 2), rouge_lsum(cand_sents, ref_sents))


def load(data, topic, limit):
    base = os.path.join(data, "summary", "bbc")
    names = sorted(os.listdir(os.path.join(base, "articles", topic)))
    if limit:
        names = names[:limit]
    out = []
    for name in names:
        with open(os.path.join(base, "articles", topic, name), encoding="utf-8",
                  errors="replace") as f:
            raw = f.read()
        with open(os.path.join(base, "summaries", topic, name), encoding="utf-8",
                  errors="replace") as f:
            ref = f.read()
        title, _, body = raw.partition("\n")
        out.append({"id": topic + "/" + name, "title": title.strip(),
                    "text": body.strip() + "\n", "ref": split_reference(ref)})
    return out


def run_ours(lectord, arts, pipeline, length):
    """length: "oracle" (the reference's count), "default" (no option: the
    shipped default) or "all" (every sentence, for Lead-N)."""
    def options(a):
        if length == "all":
            return {"summary": {"ratio": 1.0}}
        if length == "oracle":
            return {"summary": {"sentences": len(a["ref"])}}
        return {}
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False,
                                     encoding="utf-8") as f:
        for a in arts:
            f.write(json.dumps({"id": a["id"], "title": a["title"], "text": a["text"],
                                "options": options(a)}) + "\n")
        path = f.name
    try:
        out = subprocess.run([lectord, "process", "--jsonl", "--only", pipeline,
                              path], capture_output=True, text=True,
                             check=True).stdout
    finally:
        os.unlink(path)
    res = {}
    for line in out.splitlines():
        o = json.loads(line)
        res[o["id"]] = [s["text"] for s in o["summary"]["sentences"]]
    return res


# A quotation mark that opens: after a space, at the end of a sentence.
STRAY_QUOTE = re.compile("\\s[\"'\u201c\u201e\u2018\u00ab]$")


def check_sentences(lectord, arts):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False,
                                     encoding="utf-8") as f:
        for a in arts:
            f.write(json.dumps({"id": a["id"], "title": a["title"], "text": a["text"],
                                "options": {"summary": {"ratio": 1.0}}}) + "\n")
        path = f.name
    try:
        out = subprocess.run([lectord, "process", "--jsonl", "--only",
                              "summary,stats", path], capture_output=True,
                             text=True, check=True).stdout
    finally:
        os.unlink(path)
    by_id = {a["id"]: a for a in arts}
    count = stray = found = refs = 0
    for line in out.splitlines():
        o = json.loads(line)
        count += o["stats"]["sentences"]
        sents = [s["text"] for s in o["summary"]["sentences"]]
        stray += sum(1 for s in sents if STRAY_QUOTE.search(s))
        have = {" ".join(s.split()) for s in sents}
        for r in by_id[o["id"]]["ref"]:
            refs += 1
            found += " ".join(r.split()) in have
    return count, stray, found, refs


def ots_sentences(path, ratio, cache):
    if ratio not in cache:
        out = subprocess.run(["ots", "-r", str(ratio), path], capture_output=True,
                             text=True, errors="replace").stdout
        cache[ratio] = split_article(out)
    return cache[ratio]


def run_ots(a, n):
    """OTS at the ratio (percent) whose output sentence count is closest to n."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False,
                                     encoding="utf-8") as f:
        f.write(a["text"])
        path = f.name
    try:
        cache = {}
        lo, hi = 1, 100
        while lo < hi:  # smallest ratio with at least n sentences
            mid = (lo + hi) // 2
            if len(ots_sentences(path, mid, cache)) >= n:
                hi = mid
            else:
                lo = mid + 1
        best = ots_sentences(path, lo, cache)
        if lo > 1:
            below = ots_sentences(path, lo - 1, cache)
            if abs(len(below) - n) < abs(len(best) - n):
                best = below
        return best
    finally:
        os.unlink(path)


def position_prior(arts):
    hits, seen = [0] * 16, [0] * 16
    for a in arts:
        ref = set(a["ref"])
        for i, s in enumerate(split_article(a["text"])[:16]):
            seen[i] += 1
            hits[i] += s in ref
    rates = [h / s if s else 0 for h, s in zip(hits, seen)]
    print("index  articles  P(in reference)  relative to first")
    for i, r in enumerate(rates):
        print(f"{i:5d}  {seen[i]:8d}  {r:15.3f}  {r / rates[0]:17.2f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lectord", default=os.path.join(ROOT, "build", "lectord"))
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--topics", default="business,entertainment")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-ots", action="store_true")
    ap.add_argument("--pipeline", default="summary",
                    help="annotators to run, e.g. langid,entities,summary")
    ap.add_argument("--position", action="store_true")
    ap.add_argument("--sentences", action="store_true")
    args = ap.parse_args()
    if args.sentences:
        print(f"{'topic':14s} {'sentences':>9s} {'stray quote':>11s} "
              f"{'reference sentences found':>26s}")
        for topic in args.topics.split(","):
            arts = load(args.data, topic, args.limit)
            count, stray, found, refs = check_sentences(args.lectord, arts)
            print(f"{topic:14s} {count:9d} {stray:11d} "
                  f"{found:>13d} of {refs:d} ({100.0 * found / refs:.1f}%)")
        return 0
    use_ots = not args.no_ots and shutil.which("ots") is not None
    if not args.no_ots and not use_ots:
        print("ots not found: install Debian's `ots` or pass --no-ots", file=sys.stderr)
        return 1
    print("ROUGE F1 (tokens [a-z0-9]+, lowercase, no stemming; ROUGE-L = summary-level "
          "union LCS); macro average over articles")
    print("length default: 3 sentences, as shipped (the headline); length oracle: "
          "the reference's sentence count, unknown to a user")
    print("development set: the summary's weights and defaults were tuned on these articles")
    print(f"{'topic':14s} {'length':8s} {'system':6s} {'n':>4s} {'R-1':>7s} {'R-2':>7s} {'R-L':>7s}")
    for topic in args.topics.split(","):
        arts = load(args.data, topic, args.limit)
        if args.position:
            print(topic)
            position_prior(arts)
            continue
        # Lead-N on the same sentences as ours: ratio 1 returns them all.
        every = run_ours(args.lectord, arts, args.pipeline, "all")
        for length in ("default", "oracle"):
            ours = run_ours(args.lectord, arts, args.pipeline, length)
            systems = {"ours": [], "lead": [], "ots": []}
            for a in arts:
                n = DEFAULT_SENTENCES if length == "default" else len(a["ref"])
                systems["ours"].append(score(ours.get(a["id"], []), a["ref"]))
                systems["lead"].append(score(every.get(a["id"], [])[:n], a["ref"]))
                if use_ots:
                    systems["ots"].append(score(run_ots(a, n), a["ref"]))
            for name, rows in systems.items():
                if not rows:
                    continue
                avg = [sum(r[k] for r in rows) / len(rows) for k in range(3)]
                print(f"{topic:14s} {length:8s} {name:6s} {len(rows):4d} "
                      f"{avg[0]:7.4f} {avg[1]:7.4f} {avg[2]:7.4f}")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
