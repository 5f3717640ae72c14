#!/usr/bin/python3
"""F1@k of the keywords plugin on gold key phrases, beside peers in the same run.

Data: ../shared/data/keyphrases/kpcrowd-train (500N-KPCrowd train split:
450 English news stories, docs/ID.txt and keys.json {id: [[phrase,
variant...], ...]}).

Scoring (the usual one for key phrase extraction):
  - a phrase is lowercased, cut into words ([^\\W_]+, so hyphens and
    apostrophes separate), each word Snowball-stemmed (Debian's
    python3-snowballstemmer, the same algorithms as lectord's libstemmer),
    and compared whole: exact match of the stemmed word sequence;
  - a gold phrase matches through any of its variants, once;
  - predictions with the same stemmed form count once (the first);
  - P = matched / predicted (the top k), R = matched / gold,
    F1 = 2PR / (P + R), macro average over documents (0 where nothing is
    matched).
  - --multi adds the multi-word part: the predicted phrases of two words
    or more against the gold phrases of two words or more, and the whole
    list (the top k, single words included) against the same gold.

--set bbc24: 24 BBC News stories (business and entertainment, from
../shared/data/summary/bbc/articles) with key phrases written for this
project in scripts/data/keyphrases-bbc24.json: 8 to 11 a story, 1.86
words a phrase, the noun phrases and full names a reader writes down
to say what the story is about, as the annotators of news sets such as
DUC-2001 were asked to (no verbs, no fragments). It was written before
its scores were seen, by one annotator who knows how lectord works, so
it is a development set with that bias; all of it is development
(--part is ignored). Each story's first line is its headline: with
--title lectord gets it apart, as the text reader does with a file.

Systems in the same run:
  ours               lectord process --only PIPELINE, "count" = k
  retext-keywords    npm retext-keywords with retext-pos: its key phrases
                     (maximum k), English only
  keyword-extractor  npm keyword-extractor, return_chained_words: the runs
                     between stopwords, ranked by how often they occur
                     (then by first use), top k
  rake               RAKE (Rose et al. 2010) written here: runs between
                     stopwords (lectord's English list is not reachable
                     from Python: keyword-extractor's list when installed,
                     else a short one), scored by the sum of deg/freq

Peers are installed outside the repository:
  npm install --prefix DIR retext retext-pos retext-keywords \\
      nlcst-to-string keyword-extractor
  scripts/eval-keywords.py --node-modules DIR/node_modules

Development and held-aside parts: every 5th story by sorted id is held
aside (90 of 450) and only ever measured, never looked at while tuning;
the other 360 are the development part. By default both are scored, each
apart (--part both); --part dev or --part held runs one.

Usage:
  scripts/eval-keywords.py [--lectord build/lectord] [--data ../shared/data]
      [--set kpcrowd-train] [--k 10] [--limit N] [--pipeline keywords]
      [--node-modules DIR] [--no-peers] [--multi] [--show N]
      [--part both|dev|held|all]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import snowballstemmer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORD = re.compile(r"[^\W_]+")
STEM = snowballstemmer.stemmer("english")

NODE_PEERS = r"""
const readline = require('readline');
const mods = process.env.NODE_PATH;
const [k, which] = [parseInt(process.argv.at(-2), 10), process.argv.at(-1)];
async function main() {
  let run;
  if (which === 'retext-keywords') {
    const {retext} = await import(mods + '/retext/index.js');
    const retextPos = (await import(mods + '/retext-pos/index.js')).default;
    const retextKeywords = (await import(mods + '/retext-keywords/index.js')).default;
    const {toString} = await import(mods + '/nlcst-to-string/index.js');
    const proc = retext().use(retextPos).use(retextKeywords, {maximum: k});
    run = async (text) => {
      const file = await proc.process(text);
      return (file.data.keyphrases || []).map(p => toString(p.matches[0].nodes));
    };
  } else {
    const ke = require(mods + '/keyword-extractor');
    run = async (text) => {
      const runs = ke.extract(text, {language: 'english', remove_digits: true,
        return_changed_case: true, remove_duplicates: false,
        return_chained_words: true});
      const seen = new Map();
      runs.forEach((r, i) => {
        const e = seen.get(r);
        if (e) e.n++; else seen.set(r, {n: 1, first: i});
      });
      return [...seen.entries()].sort((a, b) => b[1].n - a[1].n ||
        a[1].first - b[1].first).slice(0, k).map(e => e[0]);
    };
  }
  const rl = readline.createInterface({input: process.stdin});
  for await (const line of rl) {
    const o = JSON.parse(line);
    let got = [];
    try { got = await run(o.text); } catch (e) { got = []; }
    process.stdout.write(JSON.stringify({id: o.id, phrases: got}) + '\n');
  }
}
main();
"""

SHORT_STOP = set("""a about above after again against all am an and any are as at
be because been before being below between both but by can could did do does
doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours ourselves
out over own said same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you
your yours yourself yourselves also says say""".split())


def norm(phrase):
    return tuple(STEM.stemWord(w) for w in WORD.findall(phrase.lower()))


def load(data, name, limit):
    if name == "bbc24":
        # Our own annotation of BBC News stories (see the docstring).
        with open(os.path.join(ROOT, "scripts", "data",
                               "keyphrases-bbc24.json"), encoding="utf-8") as f:
            keys = {i: [[p] for p in ps] for i, ps in json.load(f).items()}
        base = os.path.join(data, "summary", "bbc", "articles")
    else:
        base = os.path.join(data, "keyphrases", name)
        with open(os.path.join(base, "keys.json"), encoding="utf-8") as f:
            keys = json.load(f)
        base = os.path.join(base, "docs")
    ids = sorted(keys)
    if limit:
        ids = ids[:limit]
    docs = []
    for i in ids:
        with open(os.path.join(base, i + ".txt"), encoding="utf-8",
                  errors="replace") as f:
            text = f.read()
        gold = [{norm(v) for v in variants if norm(v)} for variants in keys[i]]
        docs.append({"id": i, "text": text, "gold": [g for g in gold if g]})
    return docs


def score(pred, gold, k):
    seen, uniq = set(), []
    for p in pred:
        n = norm(p)
        if n and n not in seen:
            seen.add(n)
            uniq.append(n)
    uniq = uniq[:k]
    used = [False] * len(gold)
    hit = 0
    for p in uniq:
        for j, g in enumerate(gold):
            if not used[j] and p in g:
                used[j] = True
                hit += 1
                break
    if hit == 0:
        return 0.0, 0.0, 0.0
    prec, rec = hit / len(uniq), hit / len(gold)
    return prec, rec, 2 * prec * rec / (prec + rec)


def run_ours(lectord, docs, pipeline, k, title=False):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False,
                                     encoding="utf-8") as f:
        for d in docs:
            doc = {"id": d["id"], "text": d["text"],
                   "options": {"keywords": {"count": k}}}
            head, _, body = d["text"].strip().partition("\n")
            if title and body.strip():
                # The headline as a reader hands it over: apart from the text.
                doc["title"], doc["text"] = head.strip(), body.strip()
            f.write(json.dumps(doc) + "\n")
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
        res[o["id"]] = [p["text"] for p in o.get("keywords", [])]
    return res


def run_node(node_modules, which, docs, k):
    if not os.path.isdir(os.path.join(node_modules, which)):
        print(f"{which}: not in {node_modules} (npm install --prefix DIR "
              f"{which}); skipped", file=sys.stderr)
        return None
    lines = "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n"
                    for d in docs)
    env = dict(os.environ, NODE_PATH=os.path.abspath(node_modules))
    out = subprocess.run(["node", "-e", NODE_PEERS, str(k), which], input=lines,
                         capture_output=True, text=True, env=env, check=True).stdout
    return {o["id"]: o["phrases"] for o in map(json.loads, out.splitlines())}


def rake_stopwords(node_modules):
    path = os.path.join(node_modules, "keyword-extractor", "lib", "stopwords", "en.js")
    try:
        with open(path, encoding="utf-8") as f:
            words = re.findall(r'"([^"]+)"', f.read())
        return set(words) if len(words) > 100 else SHORT_STOP
    except OSError:
        return SHORT_STOP


def run_rake(docs, k, stop):
    res = {}
    for d in docs:
        runs = []
        for piece in re.split(r"[.,;:!?()\"\[\]\n]+", d["text"].lower()):
            cur = []
            for w in re.findall(r"[a-z0-9][a-z0-9'-]*", piece):
                if w in stop or w.isdigit():
                    if cur:
                        runs.append(tuple(cur))
                    cur = []
                else:
                    cur.append(w)
            if cur:
                runs.append(tuple(cur))
        freq, deg = {}, {}
        for r in runs:
            for w in r:
                freq[w] = freq.get(w, 0) + 1
                deg[w] = deg.get(w, 0) + len(r)
        scored = {}
        for r in runs:
            scored[r] = sum(deg[w] / freq[w] for w in r)
        best = sorted(scored.items(), key=lambda x: -x[1])[:k]
        res[d["id"]] = [" ".join(r) for r, _ in best]
    return res


def split(docs, part):
    """The development part, or the held-aside one: every 5th story (by
    sorted id) is held aside, never looked at while tuning."""
    if part == "all":
        return docs
    held = part == "held"
    return [d for i, d in enumerate(docs) if (i % 5 == 4) == held]


def report(docs, systems, args, part):
    gold_words = [len(next(iter(g))) for d in docs for g in d["gold"]]
    print(f"{args.set} ({part}): {len(docs)} documents, {len(gold_words)} gold "
          f"phrases, {100.0 * sum(1 for n in gold_words if n > 1) / len(gold_words):.0f}% "
          f"of several words; F1@{args.k}, Snowball-stemmed exact match, macro")
    print(f"{'system':18s} {'P':>6s} {'R':>6s} {'F1':>6s} {'words/phrase':>13s}")
    for name, got in systems.items():
        rows = [score(got.get(d["id"], []), d["gold"], args.k) for d in docs]
        phrases = [p for d in docs for p in got.get(d["id"], [])[:args.k]]
        wpp = sum(len(WORD.findall(p)) for p in phrases) / max(1, len(phrases))
        avg = [100 * sum(r[i] for r in rows) / len(rows) for i in range(3)]
        print(f"{name:18s} {avg[0]:6.1f} {avg[1]:6.1f} {avg[2]:6.1f} {wpp:13.2f}")
    if args.multi:
        # The multi-word part alone: gold and predictions of 2+ words.
        # "whole list": the whole top k, single words included, against
        # the multi-word gold: what a list offers a reader who wants
        # phrases, without favouring a system that lists few of them.
        print(f"{args.set} ({part}), multi-word phrases only (gold and "
              f"predicted of two words or more; whole list: all top "
              f"{args.k} predicted against the multi-word gold)")
        print(f"{'system':18s} {'P':>6s} {'R':>6s} {'F1':>6s} "
              f"{'whole list F1':>14s}")
        for name, got in systems.items():
            rows, whole = [], []
            for d in docs:
                gold = [g for g in d["gold"] if len(next(iter(g))) > 1]
                listed = got.get(d["id"], [])[:args.k]
                pred = [p for p in listed if len(norm(p)) > 1]
                if gold:
                    rows.append(score(pred, gold, args.k))
                    whole.append(score(listed, gold, args.k)[2])
            avg = [100 * sum(r[i] for r in rows) / len(rows) for i in range(3)]
            wf1 = 100 * sum(whole) / len(whole)
            print(f"{name:18s} {avg[0]:6.1f} {avg[1]:6.1f} {avg[2]:6.1f} "
                  f"{wf1:14.1f}")
    print()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lectord", default=os.path.join(ROOT, "build", "lectord"))
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--set", default="kpcrowd-train")
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--pipeline", default="keywords")
    ap.add_argument("--node-modules", default=os.path.join(ROOT, "build", "node_modules"))
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--multi", action="store_true",
                    help="also score the multi-word phrases alone")
    ap.add_argument("--part", choices=["both", "dev", "held", "all"],
                    default="both",
                    help="dev: 4 stories in 5, to tune on; held: every 5th "
                         "(by sorted id), held aside; both (default): each "
                         "reported apart; all: together")
    ap.add_argument("--title", action="store_true",
                    help="give lectord each story's first line as its title, "
                         "apart from the text, as the text and html readers do")
    ap.add_argument("--show", type=int, default=0,
                    help="print ours beside the gold for the first N documents")
    args = ap.parse_args()
    docs = load(args.data, args.set, args.limit)
    if args.set == "bbc24":
        args.part = "all"
    if args.part in ("dev", "held"):
        docs = split(docs, args.part)
    systems = {"ours": run_ours(args.lectord, docs, args.pipeline, args.k,
                                args.title)}
    if not args.no_peers:
        for peer in ("retext-keywords", "keyword-extractor"):
            got = run_node(args.node_modules, peer, docs, args.k)
            if got is not None:
                systems[peer] = got
        systems["rake"] = run_rake(docs, args.k, rake_stopwords(args.node_modules))
    shown = split(docs, "dev") if args.part == "both" else docs
    for d in shown[:args.show]:
        print(d["id"], "ours:", "; ".join(systems["ours"].get(d["id"], [])))
    if args.part == "both":
        for part in ("dev", "held"):
            report(split(docs, part), systems, args, part)
    else:
        report(docs, systems, args, args.part)
    return 0


if __name__ == "__main__":
    sys.exit(main())
