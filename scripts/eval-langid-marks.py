#!/usr/bin/env python3
"""Accuracy of the langid model on text whose diacritics are written the
way web text often writes them, with CLD2 on the same texts in the same run.

    scripts/eval-langid-marks.py [--build DIR] [--model FILE] [--data DIR]
                                 [--extra DIR] [--share 0.05] [--no-cld2]

The UDHR translations are composed (NFC) and often fully marked (Yoruba
with every tone); web text is often decomposed (NFD: a base letter and
combining marks, as some keyboards and macOS file names give it), or has
its marks left out. The texts: the held-out UDHR paragraphs, their 5-word
pieces, and (with --extra, the folder of prepare-langid-data.sh) the dev
everyday sentences, each in the languages where at least --share of the
letters carry a mark NFD takes apart (chosen by that count, not by hand).
Each is read three ways: as written (NFC), decomposed (NFD), and with the
combining marks stripped (NFD without the marks, composed again).
Prints the mean per-language accuracy of each way, the languages that lose
the most, and how often answers at confidence >= 0.9 are right.
"""
import argparse
import collections
import importlib.util
import os
import shutil
import sys
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, "scripts", file))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


eval_langid = _load("eval_langid", "eval-langid.py")
eval_dev = _load("eval_langid_dev", "eval-langid-dev.py")


def nfd(text):
    return unicodedata.normalize("NFD", text)


def stripped(text):
    return unicodedata.normalize(
        "NFC", "".join(c for c in nfd(text) if unicodedata.category(c) != "Mn"))


def marked_share(texts):
    """Share of the letters that NFD takes apart into a letter and marks."""
    letters = marked = 0
    for t in texts:
        for c in t:
            if c.isalpha():
                letters += 1
                marked += len(nfd(c)) > 1
    return marked / letters if letters else 0.0


def marked_languages(items, share):
    by = collections.defaultdict(list)
    for code, text in items:
        by[code].append(text)
    return {c for c, ts in by.items() if marked_share(ts) >= share}


def accuracy(items, answers):
    per = collections.defaultdict(lambda: [0, 0])
    hi = [0, 0]
    for (gold, _), (got, conf) in zip(items, answers):
        per[gold][0] += got == gold
        per[gold][1] += 1
        if conf is not None and conf >= 0.9:
            hi[0] += got == gold
            hi[1] += 1
    return {k: r / n for k, (r, n) in per.items()}, hi


def run_set(name, items, tool, model, harness):
    print("\n== %s: %d texts, %d languages ==" % (name, len(items), len({g for g, _ in items})))
    forms = (("as written", lambda t: t), ("NFD", nfd), ("marks stripped", stripped))
    table = {}
    for form, fn in forms:
        texts = [fn(t) for _, t in items]
        systems = [("langid", eval_langid.ours(tool, model, texts))]
        if harness:
            systems.append(("cld2", eval_langid.cld2(harness, texts)))
        for sys_name, answers in systems:
            acc, hi = accuracy(items, answers)
            table[(form, sys_name)] = acc
            line = "%-15s %-6s mean %.2f%%" % (form, sys_name, 100 * sum(acc.values()) / len(acc))
            if hi[1]:
                line += "; at confidence >= 0.9: %d, %.2f%% right" % (hi[1], 100 * hi[0] / hi[1])
            print(line)
    base = table[("as written", "langid")]
    for form in ("NFD", "marks stripped"):
        acc = table[(form, "langid")]
        drop = sorted(base, key=lambda l: acc[l] - base[l])[:10]
        print("langid, most lost %s: " % form + ", ".join(
            "%s %.0f->%.0f%%" % (l, 100 * base[l], 100 * acc[l]) for l in drop))
    if harness:
        print("%-8s " % "lang" + " ".join("%16s" % ("%s %s" % (s, f[:6])) for f, _ in forms
                                          for s in ("langid", "cld2")))
        for lang in sorted(base):
            print("%-8s " % lang + " ".join("%15.1f%%" % (100 * table[(f, s)][lang])
                                            for f, _ in forms for s in ("langid", "cld2")))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--model", default=os.path.join(ROOT, "plugins/langid/model/langid.model"))
    ap.add_argument("--data", default=os.path.join(ROOT, "../shared/data"))
    ap.add_argument("--extra", help="folder with everyday-dev.tsv")
    ap.add_argument("--share", type=float, default=0.05)
    ap.add_argument("--no-cld2", action="store_true")
    args = ap.parse_args()

    tool = eval_langid.build_tool(args.build)
    tmp = tempfile.mkdtemp()
    harness = None if args.no_cld2 else eval_langid.build_cld2(tmp)
    udhr = eval_langid.load_udhr_heldout(args.data)
    keep = marked_languages(udhr, args.share)
    print("languages with >= %.0f%% marked letters in their UDHR: %d: %s" % (
        100 * args.share, len(keep), " ".join(sorted(keep))))
    udhr = [(c, t) for c, t in udhr if c in keep]
    run_set("UDHR held-out paragraphs", udhr, tool, args.model, harness)
    run_set("UDHR held-out, 5-word pieces", eval_langid.pieces(udhr), tool, args.model, harness)
    if args.extra:
        langs = eval_dev.model_langs(tool, args.model)
        dev, _, _ = eval_dev.load(os.path.join(args.extra, "everyday-dev.tsv"), langs, 500)
        keep = marked_languages(dev, args.share)
        dev = [(c, t) for c, t in dev if c in keep]
        if dev:
            run_set("dev everyday sentences (%s)" % " ".join(sorted(keep)), dev, tool, args.model, harness)
    shutil.rmtree(tmp)


if __name__ == "__main__":
    sys.exit(main())
