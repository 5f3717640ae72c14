#!/usr/bin/env python3
"""Accuracy of the langid model on everyday text, CLD2 side by side.

    scripts/eval-langid-dev.py [--build DIR] [--model FILE] [--extra DIR]
                               [--part dev|final] [--max N] [--no-cld2] [--card]

Texts: the everyday sentences that plugins/langid/train/everyday.py keeps
out of training (EXTRA/everyday-dev.tsv; `--part final` for the part kept
for a last check), at most --max a language (the first ones: the file is
in document order), and one two-word snippet of each (the two words in
the middle of the sentence, punctuation at their ends dropped; four
letters for Chinese and Japanese, which have no spaces). Short text, few
clues: the case where a rare neighbour steals a common language.

Both systems see the same texts in the same run: lector through
`langid-train classify`, CLD2 (Debian libcld2-dev) through
plugins/langid/cld2/cld2-harness.cc in best-effort mode, compiled here.
Prints per-language accuracy, the means (all languages; the languages
CLD2 knows, that is that it named right at least once), the languages
where CLD2 does better, calibration (how often answers given with
confidence >= 0.9 are right, overall and per language), and the ten
weakest languages with what they were taken for. --card prints instead
the per-language table of the model card (plugins/langid/model/MODEL.md),
with how many sentences were answered at confidence >= 0.9 and how many
of those rightly.
Languages of the dev text the model does not know are named and left out.
"""
import argparse
import collections
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The runners and CLD2's code mapping are eval-langid.py's.
_spec = importlib.util.spec_from_file_location(
    "eval_langid", os.path.join(ROOT, "scripts", "eval-langid.py"))
eval_langid = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eval_langid)

EDGE = re.compile(r"^\W+|\W+$")


def model_langs(tool, model):
    """iso639-3 -> (code, name, training bytes), from `langid-train list`.
    A language in two scripts (Serbian) counts its text in both."""
    langs = {}
    out = subprocess.run([tool, "list", model], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        code, iso3, _, chars, name = line.split("\t")
        old = langs.get(iso3)
        langs[iso3] = (code, name, int(chars) + (old[2] if old else 0))
    return langs


def load(path, langs, most):
    """(code, sentence) pairs, the languages not in the model, and the
    ISO 639-3 code behind each output code (fa is pes here, not prs)."""
    items, unknown, per, iso3_of = [], collections.Counter(), collections.Counter(), {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            iso3, _, text = line.rstrip("\n").partition("\t")
            if iso3 not in langs:
                unknown[iso3] += 1
                continue
            if per[iso3] >= most:
                continue
            per[iso3] += 1
            items.append((langs[iso3][0], text))
            iso3_of.setdefault(langs[iso3][0], iso3)
    return items, unknown, iso3_of


def snippet(text):
    words = [EDGE.sub("", w) for w in text.split()]
    words = [w for w in words if w]
    if len(words) >= 2:
        i = max(0, len(words) // 2 - 1)
        return " ".join(words[i:i + 2])
    letters = [c for c in text if c.isalpha()]
    i = max(0, len(letters) // 2 - 2)
    return "".join(letters[i:i + 4])


def score(items, answers):
    per = collections.defaultdict(lambda: [0, 0])
    conf = collections.defaultdict(collections.Counter)
    hi = collections.defaultdict(lambda: [0, 0])
    for (gold, _), (got, c) in zip(items, answers):
        per[gold][1] += 1
        per[gold][0] += got == gold
        if got != gold:
            conf[gold][got] += 1
        if c is not None and c >= 0.9:
            hi[gold][1] += 1
            hi[gold][0] += got == gold
    return {k: v[0] / v[1] for k, v in per.items()}, conf, hi


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else float("nan")


def report(name, items, systems):
    print("\n== %s: %d texts, %d languages ==" % (name, len(items), len({g for g, _ in items})))
    res = {s: score(items, a) for s, a in systems.items()}
    acc = res["lector"][0]
    known = None
    if "cld2" in res:
        known = {g for (g, _), (a, _) in zip(items, systems["cld2"]) if g == a}
    for s, (a, _, hi) in res.items():
        line = "%-6s mean per-language accuracy %.2f%% over %d languages" % (
            s, 100 * mean(a.values()), len(a))
        if known is not None:
            line += "; on the %d CLD2 knows: %.2f%%" % (
                len(known), 100 * mean(a[l] for l in known))
        print(line)
        n = sum(v[1] for v in hi.values())
        if n:
            right = sum(v[0] for v in hi.values())
            print("       answers with confidence >= 0.9: %d, %.2f%% right" % (n, 100 * right / n))
            bad = sorted((l for l, v in hi.items() if v[0] < 0.99 * v[1]),
                         key=lambda l: hi[l][0] / hi[l][1])
            print("       languages below 99%% there: %s" % (", ".join(
                "%s %d/%d" % (l, hi[l][0], hi[l][1]) for l in bad) or "none"))
    if known is not None:
        c = res["cld2"][0]
        worse = sorted((l for l in known if acc[l] < c[l]), key=lambda l: acc[l] - c[l])
        print("where CLD2 does better: %s" % (", ".join(
            "%s %.1f/%.1f" % (l, 100 * acc[l], 100 * c[l]) for l in worse) or "none"))
        print("       more than 3 points: %s" % (", ".join(
            l for l in worse if c[l] - acc[l] > 0.03) or "none"))
    conf = res["lector"][1]
    print("weakest 10 (lector; taken for):")
    for l in sorted(acc, key=lambda l: acc[l])[:10]:
        extra = " (CLD2 %.1f%%)" % (100 * res["cld2"][0][l]) if "cld2" in res else ""
        print("  %-4s %5.1f%%%s  %s" % (l, 100 * acc[l], extra, ", ".join(
            "%s %d" % kv for kv in conf[l].most_common(4))))
    return res


def card(langs, iso3_of, sent, snip, have_cld2):
    """The per-language table of the model card, as Markdown."""
    head = ("| code | language | training text | dev sentences | sentences |"
            " right of those at >= 0.9 | snippets |")
    rule = "|---|---|---:|---:|---:|---:|---:|"
    if have_cld2:
        head += " CLD2 sentences | CLD2 snippets |"
        rule += "---:|---:|"
    print(head)
    print(rule)
    counts = collections.Counter(g for g, _ in sent[0])
    sure = sent[1]["lector"][2]
    for code in sorted(counts):
        _, name, chars = langs[iso3_of[code]]
        right, n = sure.get(code, (0, 0))
        row = "| %s | %s | %s | %d | %.1f%% | %d/%d | %.1f%% |" % (
            code, name, size(chars), counts[code], 100 * sent[1]["lector"][0][code],
            right, n, 100 * snip[1]["lector"][0][code])
        if have_cld2:
            row += " %.1f%% | %.1f%% |" % (100 * sent[1]["cld2"][0][code],
                                           100 * snip[1]["cld2"][0][code])
        print(row)


def size(chars):
    if chars >= 1 << 20:
        return "%.1f MB" % (chars / (1 << 20))
    return "%d KB" % max(1, round(chars / 1024))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--model", default=os.path.join(ROOT, "plugins/langid/model/langid.model"))
    ap.add_argument("--extra", default=os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "lector/langid"))
    ap.add_argument("--part", choices=("dev", "final"), default="dev")
    ap.add_argument("--max", type=int, default=500)
    ap.add_argument("--no-cld2", action="store_true")
    ap.add_argument("--card", action="store_true")
    args = ap.parse_args()

    tool = eval_langid.build_tool(args.build)
    langs = model_langs(tool, args.model)
    path = os.path.join(args.extra, "everyday-%s.tsv" % args.part)
    if not os.path.exists(path):
        sys.exit("%s missing: run scripts/prepare-langid-data.sh" % path)
    items, unknown, iso3_of = load(path, langs, args.max)
    tmp = tempfile.mkdtemp()
    harness = None
    if not args.no_cld2:
        harness = eval_langid.build_cld2(tmp)
    results = []
    real = sys.stdout
    if args.card:
        sys.stdout = open(os.devnull, "w")
    if unknown:
        print("not in the model, left out: " + ", ".join(
            "%s (%d)" % kv for kv in sorted(unknown.items())))
    for name, texts_of in (("%s sentences" % args.part, lambda t: t),
                           ("%s two-word snippets" % args.part, snippet)):
        set_items = [(g, texts_of(t)) for g, t in items]
        texts = [t for _, t in set_items]
        systems = {"lector": eval_langid.ours(tool, args.model, texts)}
        if harness:
            systems["cld2"] = eval_langid.cld2(harness, texts, "best-effort")
        results.append((set_items, report(name, set_items, systems)))
    shutil.rmtree(tmp)
    if args.card:
        sys.stdout.close()
        sys.stdout = real
        card(langs, iso3_of, results[0], results[1], harness is not None)


if __name__ == "__main__":
    main()
