#!/usr/bin/env python3
"""Everyday sentences for the langid model, split into train, dev and final.

    everyday.py --data DIR --out DIR

Reads the sentences of the Universal Dependencies treebanks
(DIR/langid/ud/CODE-TREEBANK.txt, one a line) and the running text of the
multilingual NER sets (DIR/ner/multi/LANG-SOURCE/{train,dev}.conll, tokens
joined again), and writes, as "iso639-3 <TAB> sentence" lines:

    OUT/everyday.tsv        to train on
    OUT/everyday-dev.tsv    to measure with while developing
    OUT/everyday-final.tsv  kept for a last check, looked at rarely

Text is split by document, never by sentence, so that the sentences of
one article do not land on both sides: NER documents are the source's own
(-DOCSTART-), elsewhere runs of DOC_SENTENCES consecutive sentences. A
document goes to dev or final by a checksum of its file and number: the
same data gives the same split on every machine. A sentence of dev or
final that also occurs in train (spaces and case aside; the NorNE and UD
Bokmål texts share some) is dropped from dev and final.

Labels are the ISO 639-3 codes the UDHR uses for the language (lv is
lvs, fa is pes, sq is als...), since the trainer adds extra text only to
languages the UDHR has. The Europeana sets are left out: OCR of old
newspapers, not everyday text.
"""
import argparse
import collections
import glob
import json
import os
import re
import sys
import zlib

DOC_SENTENCES = 10
# Of ten documents, which go to dev and to final.
DEV, FINAL = 4, 9
# A sentence needs this many words to say something about its language, or
# as many CJK letters twice over (Chinese and Japanese put no spaces).
MIN_WORDS = 3


def long_enough(s):
    return len(s.split()) >= MIN_WORDS or \
        sum(1 for ch in s if ch >= "\u2e80") >= 2 * MIN_WORDS
# Individual languages the UDHR files under its own code for a macrolanguage.
UDHR_CODE = {"sq": "als", "ms": "zlm", "no": "nob", "nb": "nob", "nn": "nno"}


def udhr_codes(data):
    """Two-letter BCP 47 tag -> the UDHR's ISO 639-3 code (lv -> lvs)."""
    codes = {}
    with open(os.path.join(data, "langid/udhr.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            row = line.rstrip("\n").split("\t")
            if len(row) != 5 or row[1] == "und":
                continue
            tag = row[2].split("-")[0]
            if len(tag) == 2:
                codes.setdefault(tag, row[1])
    return codes


def iso3_of(code, udhr, iso):
    if code in UDHR_CODE:
        return UDHR_CODE[code]
    if code in udhr:
        return udhr[code]
    return iso.get(code, code)


def iso_codes():
    path = "/usr/share/iso-codes/json/iso_639-3.json"
    with open(path, encoding="utf-8") as f:
        return {e["alpha_2"]: e["alpha_3"] for e in json.load(f)["639-3"] if "alpha_2" in e}


def clean(text):
    return " ".join(text.split())


def ud_documents(path):
    """Runs of DOC_SENTENCES lines: the files keep the treebank's order."""
    with open(path, encoding="utf-8") as f:
        lines = [clean(l) for l in f if l.strip()]
    return [lines[i:i + DOC_SENTENCES] for i in range(0, len(lines), DOC_SENTENCES)]


NO_SPACE_BEFORE = re.compile(r" ([,.;:!?)\]»”%])")
NO_SPACE_AFTER = re.compile(r"([(\[«„“]) ")


def join_tokens(tokens):
    """Tokens back to text: no space before a comma or after a bracket."""
    text = " ".join(tokens)
    return NO_SPACE_AFTER.sub(r"\1", NO_SPACE_BEFORE.sub(r"\1", text))


def conll_documents(path):
    """The -DOCSTART- documents of a CoNLL file, or runs of sentences."""
    docs, doc, sent, marked = [], [], [], False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                marked = True
                if doc:
                    docs.append(doc)
                doc = []
                continue
            if not line.strip():
                if sent:
                    doc.append(join_tokens(sent))
                sent = []
                continue
            sent.append(line.split("\t")[0])
    if sent:
        doc.append(join_tokens(sent))
    if doc:
        docs.append(doc)
    if not marked:
        flat = [s for d in docs for s in d]
        docs = [flat[i:i + DOC_SENTENCES] for i in range(0, len(flat), DOC_SENTENCES)]
    return docs


def part(name, number):
    k = zlib.crc32(("%s:%d" % (name, number)).encode()) % 10
    return "dev" if k == DEV else "final" if k == FINAL else "train"


def key(sentence):
    return "".join(sentence.split()).lower()


def sources(data):
    """(name, iso639-1 or -3 code, documents) of every file used."""
    for path in sorted(glob.glob(os.path.join(data, "langid/ud/*.txt"))):
        name = os.path.basename(path)[:-4]
        yield "ud/" + name, name.split("-")[0], ud_documents(path)
    for folder in sorted(glob.glob(os.path.join(data, "ner/multi/*-*"))):
        name = os.path.basename(folder)
        if "europeana" in name:
            continue
        for split in ("train", "dev"):
            path = os.path.join(folder, split + ".conll")
            if os.path.exists(path):
                yield "ner/%s/%s" % (name, split), name.split("-")[0], conll_documents(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    udhr, iso = udhr_codes(args.data), iso_codes()
    parts = {"train": [], "dev": [], "final": []}
    for name, code, docs in sources(args.data):
        label = iso3_of(code, udhr, iso)
        for i, doc in enumerate(docs):
            p = part(name, i)
            parts[p].extend((label, s) for s in doc if long_enough(s))
    seen = {key(s) for _, s in parts["train"]}
    counts = collections.Counter()
    for p, rows in parts.items():
        out = os.path.join(args.out, "everyday.tsv" if p == "train" else "everyday-%s.tsv" % p)
        with open(out + ".tmp", "w", encoding="utf-8") as f:
            done = set()
            for label, s in rows:
                k = key(s)
                if k in done or (p != "train" and k in seen):
                    continue
                done.add(k)
                f.write("%s\t%s\n" % (label, s))
                counts[p] += 1
        os.replace(out + ".tmp", out)
    print("everyday: %d train, %d dev, %d final sentences" % (
        counts["train"], counts["dev"], counts["final"]), file=sys.stderr)


if __name__ == "__main__":
    main()
