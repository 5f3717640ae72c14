#!/usr/bin/env python3
"""Accuracy of the langid model, with CLD2 on the same texts in the same run.

    scripts/eval-langid.py [--build DIR] [--model FILE] [--data DIR] [--no-cld2]

Sets: Tatoeba (short sentences, 10 languages), the UDHR paragraphs held
out from training (per translation, paragraph number % 10 == 0, the rule
of `langid-train train --heldout-every 10`; the few "paragraphs" without
a letter, such as "&1", are left out), and those paragraphs cut into
pieces of five words (short texts in every language, not only ten).
Answers are compared on the output code (ISO 639-1 where one exists).
Prints accuracy per language, the mean over languages, the most frequent
confusions, and how often answers given with confidence >= 0.9 are right.
CLD2 (Debian libcld2-dev) runs through a small C++ harness compiled here.
"""
import argparse
import collections
import csv
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TATOEBA = {"cat": "ca", "cmn": "zh", "eng": "en", "fra": "fr", "glg": "gl",
           "ita": "it", "jpn": "ja", "kor": "ko", "por": "pt", "spa": "es"}
# Individual languages the model names by their macrolanguage's code, as
# langid-train does (train/corpus.c).
STANDARD = {"zlm": "ms", "als": "sq"}
# CLD2's legacy or regional codes, mapped to ours.
CLD2_CODES = {"iw": "he", "jw": "jv", "no": "nb", "zh-Hant": "zh", "un": "und",
              "xx-Qaai": "und", "sr-ME": "sr", "fil": "tl"}


def clean(text):
    return " ".join(text.split())


def load_tatoeba(data):
    items = []
    for path in sorted(glob.glob(os.path.join(data, "langid/tatoeba/*_1000.csv"))):
        with open(path, encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 3 and row[1] in TATOEBA:
                    items.append((TATOEBA[row[1]], clean(row[2])))
    return items


def iso639_1():
    """ISO 639-3 -> 639-1 where there is one, from Debian's iso-codes."""
    path = "/usr/share/iso-codes/json/iso_639-3.json"
    with open(path, encoding="utf-8") as f:
        return {e["alpha_3"]: e["alpha_2"] for e in json.load(f)["639-3"] if "alpha_2" in e}


def load_udhr_heldout(data, every=10):
    """The expected code is what the trainer gives the language: the UDHR's
    two-letter tag, else ISO 639-1 from iso-codes, else ISO 639-3."""
    two = iso639_1()
    items, variant, number = [], None, 0
    with open(os.path.join(data, "langid/udhr.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            row = line.rstrip("\n").split("\t")
            if len(row) != 5 or int(row[3] or 0) < 4 or row[1] == "und":
                continue
            if row[0] != variant:
                variant, number = row[0], 0
            held = number % every == 0
            number += 1
            if not held:
                continue
            if not any(ch.isalpha() for ch in row[4]):
                continue    # a stray "&1" or "@" in the source: no language to find
            tag = row[2].split("-")[0]
            code = tag if len(tag) == 2 else STANDARD.get(row[1], two.get(row[1], row[1]))
            items.append((code, clean(row[4])))
    return items


def pieces(items, words=5):
    """Short texts in every language: the held-out paragraphs cut into runs
    of `words` consecutive words (a shorter tail is dropped)."""
    out = []
    for code, text in items:
        w = text.split()
        for i in range(0, len(w) - words + 1, words):
            out.append((code, " ".join(w[i:i + words])))
    return out


def same_text(items, share=0.5):
    """Codes whose held-out paragraphs are, for the most part, literally
    those of another code: no model can tell them apart, so they are named
    rather than quietly relabelled."""
    texts = collections.defaultdict(set)
    for code, text in items:
        texts[code].add(text)
    by_text = collections.defaultdict(set)
    for code, ts in texts.items():
        for t in ts:
            by_text[t].add(code)
    pairs = collections.Counter()
    for codes in by_text.values():
        for a in codes:
            for b in codes:
                if a < b:
                    pairs[(a, b)] += 1
    return [(a, b, n, min(len(texts[a]), len(texts[b]))) for (a, b), n in sorted(pairs.items())
            if n >= share * min(len(texts[a]), len(texts[b]))]


def run_lines(cmd, texts):
    out = subprocess.run(cmd, input="\n".join(texts) + "\n", capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert len(out) == len(texts), (cmd, len(out), len(texts))
    return out


def ours(tool, model, texts):
    answers = []
    for line in run_lines([tool, "classify", model], texts):
        code, _, conf = line.split("\t")
        answers.append((code, float(conf)))
    return answers


def cld2(harness, texts, mode="classify"):
    return [(CLD2_CODES.get(c, c), None) for c in run_lines([harness, mode], texts)]


def score(items, answers):
    per = collections.defaultdict(lambda: [0, 0])
    conf = collections.Counter()
    hi = [0, 0]
    for (gold, _), (got, c) in zip(items, answers):
        per[gold][1] += 1
        if got == gold:
            per[gold][0] += 1
        else:
            conf[(gold, got)] += 1
        if c is not None and c >= 0.9:
            hi[1] += 1
            hi[0] += got == gold
    acc = {k: v[0] / v[1] for k, v in per.items()}
    return acc, conf, hi


def report(name, items, systems, limit_langs=None):
    print("\n== %s: %d texts, %d languages ==" % (name, len(items), len({g for g, _ in items})))
    results = {}
    for sys_name, answers in systems.items():
        results[sys_name] = score(items, answers)
    langs = sorted({g for g, _ in items})
    if len(langs) <= 20:
        print("%-8s " % "lang" + " ".join("%10s" % s for s in systems))
        for lang in langs:
            print("%-8s " % lang + " ".join("%9.2f%%" % (100 * results[s][0][lang]) for s in systems))
    if limit_langs is not None and len(systems) == 2:
        a, b = list(systems)
        worse = sorted((l for l in limit_langs if results[a][0][l] < results[b][0][l]),
                       key=lambda l: results[a][0][l] - results[b][0][l])
        print("where %s beats %s (of the %d languages %s knows): %s" % (
            b, a, len(limit_langs), b, ", ".join("%s %.0f%%/%.0f%%" % (
                l, 100 * results[a][0][l], 100 * results[b][0][l]) for l in worse) or "none"))
    summary = {}
    for s in systems:
        acc, conf, hi = results[s]
        mean = sum(acc.values()) / len(acc)
        summary[s] = {"mean": mean}
        line = "%-6s mean per-language accuracy %.2f%% over %d languages" % (s, 100 * mean, len(acc))
        if limit_langs is not None:
            sub = [acc[l] for l in acc if l in limit_langs]
            summary[s]["mean_cld2_languages"] = sum(sub) / len(sub)
            line += "; on the %d CLD2 knows: %.2f%%" % (len(sub), 100 * sum(sub) / len(sub))
        print(line)
        if hi[1]:
            print("       answers with confidence >= 0.9: %d, %.2f%% right" % (hi[1], 100 * hi[0] / hi[1]))
            summary[s]["right_at_0.9"] = hi[0] / hi[1]
        print("       confusions (gold -> answer: count): " +
              ", ".join("%s->%s: %d" % (g, a, n) for (g, a), n in conf.most_common(12)))
        worst = sorted(acc.items(), key=lambda kv: kv[1])[:8]
        print("       weakest: " + ", ".join("%s %.0f%%" % (l, 100 * a) for l, a in worst))
    return summary


def build_tool(build):
    """Brings langid-train up to date; an older one will do if that fails."""
    tool = os.path.join(build, "plugins/langid/langid-train")
    rc = subprocess.run(["cmake", "--build", build, "--target", "langid-train"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    if rc != 0:
        if not os.path.exists(tool):
            sys.exit("cannot build %s: configure the build folder first" % tool)
        print("warning: could not rebuild %s; using the one there" % tool, file=sys.stderr)
    return tool


def build_cld2(folder):
    """Compiles the CLD2 harness into folder; returns its path."""
    harness = os.path.join(folder, "cld2-harness")
    subprocess.run(["g++", "-O2", "-o", harness,
                    os.path.join(ROOT, "plugins/langid/cld2/cld2-harness.cc"), "-lcld2"],
                   check=True)
    return harness


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--model", default=os.path.join(ROOT, "plugins/langid/model/langid.model"))
    ap.add_argument("--data", default=os.path.join(ROOT, "../shared/data"))
    ap.add_argument("--no-cld2", action="store_true")
    ap.add_argument("--json", help="also write the summary here")
    args = ap.parse_args()

    tool = build_tool(args.build)
    harness = None
    tmp = tempfile.mkdtemp()
    if not args.no_cld2:
        harness = build_cld2(tmp)

    out = {}
    udhr = load_udhr_heldout(args.data)
    for name, items in (("Tatoeba", load_tatoeba(args.data)),
                        ("UDHR held-out paragraphs", udhr),
                        ("UDHR held-out, 5-word pieces", pieces(udhr))):
        texts = [t for _, t in items]
        systems = {"langid": ours(tool, args.model, texts)}
        known = None
        if harness:
            systems["cld2"] = cld2(harness, texts)
            # The languages CLD2 can name: those it got right at least once.
            known = {g for (g, _), (a, _) in zip(items, systems["cld2"]) if g == a}
        out[name] = report(name, items, systems, known)
        dup = same_text(items)
        if dup:
            print("       the same text under two codes (held-out texts identical): " +
                  ", ".join("%s=%s %d/%d" % d for d in dup))
            skip = {c for a, b, _, _ in dup for c in (a, b)}
            acc = score(items, systems["langid"])[0]
            rest = [v for k, v in acc.items() if k not in skip]
            print("       langid mean without those %d codes: %.2f%% over %d languages" % (
                len(skip), 100 * sum(rest) / len(rest), len(rest)))
            out[name]["langid"]["mean_without_same_text"] = sum(rest) / len(rest)
    shutil.rmtree(tmp)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
