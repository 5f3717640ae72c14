#!/usr/bin/env python3
"""Scores the entities plugin on gold NER sets the way a user would meet it.

Each document of the split is rebuilt as text, tokens joined by one space,
and passed through `lectord process --jsonl --only langid,entities` (the
default pipeline's order: langid picks the tagger; `--only` to change). The headline
figure joins a document's sentences by spaces too, as they stand in an
article's paragraph, so that lectord's own sentence splitter is measured;
the second puts one sentence a line, which hands lectord the gold sentence
breaks (the figure reported before, and a higher one). Predicted PERSON/ORG/LOC/MISC mentions
are mapped back to the gold tokens by their code-point offsets; a mention
whose ends do not fall on token boundaries cannot match. Scores follow
conlleval: a hit needs the exact span and type.
With --set or --all (the other languages' dev sets, wikigold), sentences
stand one a line (the gold breaks, as the figures in model/LANGUAGES.md
were measured), each mention scored with its own type, and a set without
document marks is cut into documents of 30 sentences, as the training tool
cuts it.

    scripts/eval-entities.py [--lectord build/lectord] [--data ../shared/data]
                             [--split valid] [--set NAME]... [--all]
                             [--only langid,entities] [--compromise]

--split scores CoNLL-2003 English (the default: valid); --set scores
ner/multi/NAME/dev.conll (e.g. de-conll2003), or ner/wikigold (wikigold-odd:
its odd-numbered documents, which --wikigold-even training leaves out) or
the wnut17 dev set by those names; --all scores every set, one summary line each.

--compromise also scores the npm package compromise (people, places,
organisations) on the same texts, when node and the package are installed
(npm install compromise in --node-modules DIR).
"""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import time

TYPES = ("PER", "ORG", "LOC", "MISC")
FROM_LECTOR = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


def read_conll(path, doc_sentences=30):
    """Documents as lists of sentences of (token, tag)."""
    docs, doc, sent = [], [], []
    with open(path, encoding="utf-8") as f:
        marked = "-DOCSTART-" in f.read()
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                if sent:
                    doc.append(sent)
                    sent = []
                if not marked and len(doc) == doc_sentences:
                    docs.append(doc)
                    doc = []
                continue
            if parts[0] == "-DOCSTART-":
                if sent:
                    doc.append(sent)
                    sent = []
                if doc:
                    docs.append(doc)
                    doc = []
                continue
            sent.append((parts[0], parts[-1]))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def rebuild(doc, between="\n"):
    """The text (sentences parted by `between`, one character), each
    token's (start, end) and the gold spans."""
    text, offsets, gold = [], [], set()
    pos = 0
    for k, sent in enumerate(doc):
        if k:
            text.append(between)
            pos += 1
        for i, (tok, _) in enumerate(sent):
            if i:
                text.append(" ")
                pos += 1
            offsets.append((pos, pos + len(tok)))
            text.append(tok)
            pos += len(tok)
    tags = [tag for sent in doc for _, tag in sent]
    # Sentence boundaries end spans even when tags would continue them.
    starts_sentence = set()
    n = 0
    for sent in doc:
        starts_sentence.add(n)
        n += len(sent)
    first, kind = None, None
    for i, tag in enumerate(tags + ["O"]):
        cont = (tag.startswith("I-") and kind == tag[2:] and
                i not in starts_sentence)
        if first is not None and not cont:
            gold.add((first, i - 1, kind))
            first, kind = None, None
        if tag != "O" and not cont:
            first, kind = i, tag[2:]
    return "".join(text), offsets, gold


def to_token_spans(mentions, offsets):
    """(first, last, type) for mentions on token boundaries; the rest count."""
    by_start = {s: i for i, (s, _) in enumerate(offsets)}
    by_end = {e: i for i, (_, e) in enumerate(offsets)}
    spans, misaligned = set(), 0
    for start, end, kind in mentions:
        if start in by_start and end in by_end:
            spans.add((by_start[start], by_end[end], kind))
        else:
            spans.add((-start - 1, -end - 1, kind))   # never matches gold
            misaligned += 1
    return spans, misaligned


def run_lectord(lectord, texts, only):
    # Every mention is scored: no cap on the entities or mentions listed.
    uncapped = {"max_entities": 0, "max_mentions": 0, "max_listed_mentions": 0}
    lines = "".join(json.dumps({"id": str(i), "text": t, "options":
                                {"entities": uncapped}}) + "\n"
                    for i, t in enumerate(texts))
    t0 = time.perf_counter()
    run = subprocess.run([lectord, "process", "--jsonl", "--only", only,
                          "-"], input=lines.encode(), capture_output=True)
    seconds = time.perf_counter() - t0
    if run.returncode != 0:
        sys.exit("lectord failed: " + run.stderr.decode()[:2000])
    out = [json.loads(line) for line in run.stdout.decode().splitlines()]
    if len(out) != len(texts):
        sys.exit("lectord returned %d results for %d documents" %
                 (len(out), len(texts)))
    results = []
    for doc, text in zip(out, texts):
        if doc["text"] != text:
            sys.exit("lectord changed the text of document %s" % doc["id"])
        mentions = []
        for e in doc["entities"]:
            for m in e["mentions"]:
                kind = FROM_LECTOR.get(m.get("type", e["type"]))
                if kind is not None:
                    mentions.append((m["start"], m["end"], kind))
        results.append(mentions)
    return results, seconds


COMPROMISE_JS = r"""
let nlp = require('compromise');
nlp = nlp.default || nlp;
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
for (const line of lines) {
  if (!line) continue;
  const text = JSON.parse(line);
  const doc = nlp(text);
  const out = [];
  for (const [view, kind] of [[doc.people(), 'PER'], [doc.places(), 'LOC'],
                              [doc.organizations(), 'ORG']]) {
    for (const m of view.json({offset: true})) {
      let s = m.offset.start, e = s + m.offset.length;
      // Matches may carry the punctuation and space around a term.
      while (e > s && /[\s.,;:!?'"()]/.test(text[e - 1])) e--;
      while (s < e && /[\s"'(]/.test(text[s])) s++;
      if (e > s) out.push([s, e, kind]);
    }
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}
"""


def run_compromise(texts, node_modules):
    """compromise's people, places, organisations, or None if unavailable."""
    if shutil.which("node") is None:
        print("compromise: node is not installed; skipped")
        return None
    env = dict(os.environ, NODE_PATH=node_modules)
    probe = subprocess.run(["node", "-e", "require('compromise')"], env=env,
                           capture_output=True)
    if probe.returncode != 0:
        print("compromise: package not found in %s "
              "(npm install --prefix DIR compromise); skipped" % node_modules)
        return None
    lines = "".join(json.dumps(t) + "\n" for t in texts)
    t0 = time.perf_counter()
    run = subprocess.run(["node", "-e", COMPROMISE_JS], input=lines.encode(),
                         capture_output=True, env=env)
    seconds = time.perf_counter() - t0
    if run.returncode != 0:
        print("compromise failed: " + run.stderr.decode()[:500])
        return None
    results = []
    for line in run.stdout.decode().splitlines():
        # compromise's offsets count UTF-16 units; CoNLL text is ASCII-like
        # enough that they equal code points in almost every document.
        results.append([tuple(m) for m in json.loads(line)])
    return results, seconds


def score(golds, preds, types):
    tp, fp, fn = (collections.Counter() for _ in range(3))
    for gold, pred in zip(golds, preds):
        for span in pred:
            if span in gold:
                tp[span[2]] += 1
            else:
                fp[span[2]] += 1
        for span in gold:
            if span not in pred:
                fn[span[2]] += 1
    rows = []
    for kind in list(types) + ["overall"]:
        if kind == "overall":
            t = sum(tp[k] for k in types)
            p_ = sum(fp[k] for k in types)
            n = sum(fn[k] for k in types)
        else:
            t, p_, n = tp[kind], fp[kind], fn[kind]
        prec = t / (t + p_) if t + p_ else 0.0
        rec = t / (t + n) if t + n else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append((kind, prec, rec, f1, t + n))
    return rows


def error_classes(golds, preds, types):
    """What each miss and each false alarm was, per type: a gold name
    found with another type (typed X), found with other bounds (bounds),
    or not found at all (missed); a predicted name of no gold name
    (spurious)."""
    missed = collections.defaultdict(collections.Counter)
    alarms = collections.defaultdict(collections.Counter)
    for gold, pred in zip(golds, preds):
        for first, last, kind in gold:
            if (first, last, kind) in pred:
                continue
            same = [p for p in pred if p[:2] == (first, last)]
            near = [p for p in pred if p[0] <= last and p[1] >= first]
            if same:
                missed[kind]["typed " + same[0][2]] += 1
            elif near:
                missed[kind]["bounds"] += 1
            else:
                missed[kind]["missed"] += 1
        for first, last, kind in pred:
            if (first, last, kind) in gold:
                continue
            same = [g for g in gold if g[:2] == (first, last)]
            near = [g for g in gold if g[0] <= last and g[1] >= first]
            if same:
                alarms[kind]["was " + same[0][2]] += 1
            elif near:
                alarms[kind]["bounds"] += 1
            else:
                alarms[kind]["spurious"] += 1
    print("  errors (gold names not found / names found wrongly):")
    for kind in types:
        print("  %-5s %-48s / %s" % (
            kind, ", ".join("%s %d" % kv for kv in missed[kind].most_common()),
            ", ".join("%s %d" % kv for kv in alarms[kind].most_common())))


def print_table(title, rows):
    print(title)
    print("  %-8s %9s %9s %9s %8s" % ("type", "precision", "recall", "F1",
                                      "gold"))
    for kind, p, r, f, n in rows:
        print("  %-8s %9.4f %9.4f %9.4f %8d" % (kind, p, r, f, n))


SETS = ("de-conll2003", "de-europeana", "es-conll2002", "nl-conll2002",
        "nl-europeana", "fr-europeana", "pt-uner", "da-uner", "sv-uner",
        "nb-norne", "nn-norne", "fi-turku", "ru-factrueval")
ENGLISH = {"wikigold": "wikigold/wikigold.conll.txt",
           "wikigold-odd": "wikigold/wikigold.conll.txt",
           "wnut17": "wnut17/emerging.dev.conll"}


def set_path(data, name):
    if name in ENGLISH:
        return os.path.join(data, "ner", ENGLISH[name])
    return os.path.join(data, "ner", "multi", name, "dev.conll")


def evaluate(args, title, path, quiet=False):
    docs = read_conll(path)
    if title == "wikigold-odd":
        # The half that train-entities --wikigold-even leaves out.
        docs = docs[1::2]
    built = [rebuild(d) for d in docs]
    texts = [b[0] for b in built]
    golds = [b[2] for b in built]
    ntokens = sum(len(b[1]) for b in built)
    mentions, seconds = run_lectord(args.lectord, texts, args.only)
    preds, bad = [], 0
    for m, b in zip(mentions, built):
        spans, mis = to_token_spans(m, b[1])
        preds.append(spans)
        bad += mis
    four = score(golds, preds, TYPES)
    three = score(golds, preds, ("PER", "ORG", "LOC"))[-1]
    if quiet:
        print("%-16s %7d tokens  4-type F1 %.4f  PER/ORG/LOC F1 %.4f  "
              "(PER %.4f ORG %.4f LOC %.4f)" % (title, ntokens, four[-1][3],
                                                three[3], four[0][3],
                                                four[1][3], four[2][3]))
        return built, golds, texts
    print("%s: %d documents, %d tokens, %d gold entities" %
          (title, len(docs), ntokens, sum(len(g) for g in golds)))
    print_table("lectord --only %s (%.1f s for the whole run, %d mentions "
                "off token boundaries)" % (args.only, seconds, bad), four)
    print("  (PER ORG LOC only: P %.4f R %.4f F1 %.4f)" % three[1:4])
    if getattr(args, "errors", False):
        error_classes(golds, preds, TYPES)
    return built, golds, texts


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lectord", default=os.path.join(root, "build", "lectord"))
    ap.add_argument("--data", default=os.path.join(root, "..", "shared",
                                                   "data"))
    ap.add_argument("--split", default="valid",
                    choices=("train", "valid"))
    ap.add_argument("--set", action="append", default=[],
                    choices=SETS + tuple(ENGLISH))
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--only", default="langid,entities")
    ap.add_argument("--compromise", action="store_true")
    ap.add_argument("--errors", action="store_true",
                    help="classify each miss and false alarm per type")
    ap.add_argument("--node-modules",
                    default=os.path.join(root, "build", "node_modules"))
    args = ap.parse_args()

    if args.all:
        evaluate(args, "en-conll2003/" + args.split, os.path.join(
            args.data, "ner", "conll2003", args.split + ".txt"), quiet=True)
        for name in ("wikigold", "wikigold-odd") + SETS:
            evaluate(args, name, set_path(args.data, name), quiet=True)
        return 0
    if args.set:
        for name in args.set:
            evaluate(args, name, set_path(args.data, name))
        return 0
    docs = read_conll(os.path.join(args.data, "ner", "conll2003",
                                   args.split + ".txt"))
    for between, title in ((" ", "sentences joined by spaces, as in an "
                            "article's paragraph (headline)"),
                           ("\n", "one sentence a line: the gold sentence "
                            "breaks handed to lectord")):
        built = [rebuild(d, between) for d in docs]
        texts = [b[0] for b in built]
        golds = [b[2] for b in built]
        if between == " ":
            ntokens = sum(len(b[1]) for b in built)
            print("CoNLL-2003 %s: %d documents, %d tokens, %d gold entities" %
                  (args.split, len(docs), ntokens, sum(len(g) for g in golds)))
            headline = (built, texts, golds)
        mentions, seconds = run_lectord(args.lectord, texts, args.only)
        preds, bad = [], 0
        for m, b in zip(mentions, built):
            spans, mis = to_token_spans(m, b[1])
            preds.append(spans)
            bad += mis
        print_table("lectord --only %s, %s (%.1f s for the whole run, %d "
                    "mentions off token boundaries)" % (args.only, title,
                                                        seconds, bad),
                    score(golds, preds, TYPES))
        three = score(golds, preds, ("PER", "ORG", "LOC"))[-1]
        print("  (PER ORG LOC only: P %.4f R %.4f F1 %.4f)" % three[1:4])
    built, texts, golds = headline

    if args.compromise:
        got = run_compromise(texts, args.node_modules)
        if got is not None:
            mentions, seconds = got
            preds, bad = [], 0
            for m, b in zip(mentions, built):
                spans, mis = to_token_spans(m, b[1])
                preds.append(spans)
                bad += mis
            # compromise has no MISC: score it on the three types it has.
            print_table("compromise (%.1f s, %d mentions off token "
                        "boundaries; PER ORG LOC only)" % (seconds, bad),
                        score(golds, preds, ("PER", "ORG", "LOC")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
