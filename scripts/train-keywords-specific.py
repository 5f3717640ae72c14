#!/usr/bin/python3
"""Writes plugins/keywords/specific_table.c: how specific a word is to one
article rather than to text in general, per Snowball stemmer, from the
document frequencies of stems in corpora that are not a key phrase set.

For each language: N documents, and per stem the number of documents it
occurs in (df). A stem is kept when df >= --min-df (a stem seen in one
document says nothing a stem never seen does not) and stored as the
32-bit FNV-1a hash of its UTF-8 bytes with its specificity

    q = round(255 * log(N / df) / log(N))     (0: in every document)

An unseen stem has the most, as in one document (255). Words are
lowercased (the typographic apostrophe as "'"), French and Italian elided
articles ("l'", "dell'") cut, and stemmed by Debian's
python3-snowballstemmer, the same Snowball algorithms as lectord's
libstemmer: the stems lib/textkit makes at run time.

Documents (see SPECIFIC.md):
  english     BBC News articles (summary/bbc), CoNLL-2003 English train and
              valid, wikigold, UD English EWT
  others      ner/multi/LANG-* train and dev, langid/ud/LANG-*.txt
Sources with -DOCSTART- give their documents; the others (one sentence a
line, or sentences without documents) are cut into blocks of --block
sentences. A language with fewer than --min-docs documents gets no table
(Italian and Swedish have 64 and 96 here). Nothing of keyphrases/ is read.

The same data and options give the same file, byte for byte.

Usage:
  scripts/train-keywords-specific.py [--data ../shared/data] [--min-df 2]
      [--block 20] [--min-docs 200] [--out plugins/keywords/specific_table.c]
"""
import argparse
import glob
import math
import os
import re
import sys
import unicodedata

import snowballstemmer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Letters and digits with inner hyphens, apostrophes and "&", as the
# tokenizer of lectord takes a word.
WORD = re.compile(r"[^\W_]+(?:[-'\u2019&][^\W_]+)*")
ELIDING = {"french", "italian"}
ELISION = re.compile(r"^[^\W\d_]{1,4}'(?=[^\W_])")

# Snowball algorithm: (English sources or ner/multi and UD language codes).
LANGUAGES = {
    "danish": ["da"], "dutch": ["nl"], "finnish": ["fi"], "french": ["fr"],
    "german": ["de"], "italian": ["it"], "norwegian": ["nb", "nn"],
    "portuguese": ["pt"], "russian": ["ru"], "spanish": ["es"],
    "swedish": ["sv"], "english": ["en"],
}


def fnv1a(s):
    h = 0x811c9dc5
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xffffffff
    return h


def conll_docs(path, block):
    """Documents of a CoNLL file: token lists, by -DOCSTART- or blocks."""
    docs, doc, sents, has_docs = [], [], 0, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t") if "\t" in line else line.split()
            if not cols or not cols[0].strip():
                sents += 1
                if not has_docs and sents % block == 0 and doc:
                    docs.append(doc)
                    doc = []
                continue
            if cols[0].startswith("-DOCSTART-"):
                has_docs = True
                if doc:
                    docs.append(doc)
                doc = []
                continue
            doc.append(cols[0])
    if doc:
        docs.append(doc)
    return docs


def line_docs(path, block):
    """Blocks of one-sentence lines, each a document of words."""
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f.read().split("\n") if l.strip()]
    return [WORD.findall(" ".join(lines[i:i + block]))
            for i in range(0, len(lines), block)]


def text_docs(paths):
    out = []
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            out.append(WORD.findall(f.read()))
    return out


def sources(data, alg, block):
    """The documents of one language, each a list of tokens."""
    docs = []
    if alg == "english":
        docs += text_docs(sorted(glob.glob(
            os.path.join(data, "summary", "bbc", "articles", "*", "*.txt"))))
        for name in ("train.txt", "valid.txt"):
            docs += conll_docs(os.path.join(data, "ner", "conll2003", name), block)
        docs += conll_docs(os.path.join(data, "ner", "wikigold",
                                        "wikigold.conll.txt"), block)
    for code in LANGUAGES[alg]:
        for d in sorted(glob.glob(os.path.join(data, "ner", "multi", code + "-*"))):
            for name in ("train.conll", "dev.conll"):
                if os.path.exists(os.path.join(d, name)):
                    docs += conll_docs(os.path.join(d, name), block)
        for p in sorted(glob.glob(os.path.join(data, "langid", "ud", code + "-*.txt"))):
            docs += line_docs(p, block)
    return docs


def stems(tokens, alg, stemmer, cache):
    out = set()
    for tok in tokens:
        for w in WORD.findall(tok):
            low = unicodedata.normalize("NFC", w).lower().replace("\u2019", "'")
            if alg in ELIDING:
                low = ELISION.sub("", low)
            s = cache.get(low)
            if s is None:
                s = cache[low] = stemmer.stemWord(low)
            out.add(s)
    return out


def table(docs, alg, min_df):
    stemmer = snowballstemmer.stemmer(alg)
    df, cache = {}, {}
    for doc in docs:
        for s in stems(doc, alg, stemmer, cache):
            df[s] = df.get(s, 0) + 1
    n = len(docs)
    rows = {}
    for s, c in df.items():
        if c < min_df:
            continue
        h = fnv1a(s)
        q = round(255 * math.log(n / c) / math.log(n))
        # On a hash collision keep the commoner stem: it is met more often.
        if h not in rows or q < rows[h]:
            rows[h] = q
    return n, sorted(rows.items())


def c_array(decl, items):
    """A C array definition, its items filling lines of 78 columns."""
    out = [f"{decl} = {{"]
    line = "\t"
    for item in items:
        if len(line.expandtabs()) + len(item) + 1 > 78:
            out.append(line.rstrip())
            line = "\t"
        line += item + " "
    out.append(line.rstrip())
    out.append("};")
    return out


def c_rows(name, rows):
    out = c_array(f"static const uint32_t {name}_hash[]",
                  (f"0x{h:08x}," for h, _ in rows))
    out += c_array(f"static const uint8_t {name}_q[]",
                   (f"{q}," for _, q in rows))
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--min-df", type=int, default=2)
    ap.add_argument("--block", type=int, default=20)
    ap.add_argument("--min-docs", type=int, default=200)
    ap.add_argument("--out", default=os.path.join(ROOT, "plugins", "keywords",
                                                  "specific_table.c"))
    args = ap.parse_args()
    parts, entries = [], []
    for alg in sorted(LANGUAGES):
        docs = sources(args.data, alg, args.block)
        # Too few documents to tell a specific word from a rare one.
        if len(docs) < args.min_docs:
            print(f"{alg}: {len(docs)} documents, left out", file=sys.stderr)
            continue
        n, rows = table(docs, alg, args.min_df)
        parts.append(f"/* {alg}: {n} documents, {len(rows)} stems. */\n"
                     + c_rows(alg, rows))
        entries.append(f'\t{{ "{alg}", {n}, {len(rows)}, {alg}_hash, {alg}_q }},')
        print(f"{alg}: {n} documents, {len(rows)} stems", file=sys.stderr)
    body = "\n\n".join(parts)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(f"""/*
 * Generated by scripts/train-keywords-specific.py (--min-df {args.min_df}
 * --block {args.block} --min-docs {args.min_docs}): per Snowball stemmer,
 * the FNV-1a hashes of the stems seen in at least {args.min_df} documents,
 * sorted, and their specificity 255 * log(N / df) / log(N). See
 * SPECIFIC.md. Do not edit; run the script again.
 */
#include <stddef.h>
#include <stdint.h>

#include "specific.h"

{body}

const struct specific_table specific_tables[] = {{
{chr(10).join(entries)}
}};
const size_t specific_table_count = {len(entries)};
""")
    return 0


if __name__ == "__main__":
    sys.exit(main())
