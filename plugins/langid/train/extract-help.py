#!/usr/bin/env python3
"""Turns LibreOffice help pages into training paragraphs.

Prints "iso639-3<TAB>paragraph" lines. Pages left untranslated fall back to
English in the packages, so a paragraph that also occurs in the English help
is dropped from every other language. A language whose help folder is a
link to another's is skipped: Debian's Slovak help is the Czech one. Each
language is capped so that the large ones do not drown the small ones and
training stays quick.
"""
import argparse
import html.parser
import importlib.util
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("extract_mo", os.path.join(here, "extract-mo.py"))
extract_mo = importlib.util.module_from_spec(spec)
spec.loader.exec_module(extract_mo)

CAP_CHARS = 3_000_000
MIN_CHARS = 25


class Paragraphs(html.parser.HTMLParser):
    """Collects the text of block elements, skipping code and scripts."""
    BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "div"}
    SKIP = {"script", "style", "code", "pre", "head", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.buf, self.skip = [], [], 0

    def flush(self):
        text = re.sub(r"\s+", " ", "".join(self.buf)).strip()
        self.buf = []
        if len(text) >= MIN_CHARS and extract_mo.mostly_letters(text):
            self.out.append(text)

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.buf.append(data)


def paragraphs(folder):
    for dirpath, _, files in sorted(os.walk(folder)):
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            p = Paragraphs()
            with open(os.path.join(dirpath, name), encoding="utf-8", errors="replace") as f:
                p.feed(f.read())
            p.flush()
            yield from p.out


def folders(root, pairs):
    """(iso3, path) of each language's own help folder."""
    out = []
    for suffix, iso3 in pairs:
        folder = suffix if "-" not in suffix else suffix.split("-")[0] + "-" + suffix.split("-")[1].upper()
        path = os.path.join(root, folder)
        if not os.path.isdir(path):
            print("extract-help: no folder %s" % path, file=sys.stderr)
            continue
        if os.path.islink(path):
            print("extract-help: %s is a link to %s, another language's help; skipped" % (
                path, os.readlink(path)), file=sys.stderr)
            continue
        out.append((iso3, path))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--langs", required=True)
    args = ap.parse_args()
    pairs = [p.split(":") for p in args.langs.split()]
    english = set(paragraphs(os.path.join(args.root, "en-US")))
    used = {}
    for iso3, path in folders(args.root, pairs):
        seen = set()
        for text in paragraphs(path):
            if used.get(iso3, 0) >= CAP_CHARS:
                break
            if text in seen or (iso3 != "eng" and text in english):
                continue
            seen.add(text)
            used[iso3] = used.get(iso3, 0) + len(text)
            print("%s\t%s" % (iso3, text.replace("\t", " ")))
    for iso3, n in sorted(used.items()):
        print("extract-help: %s %d chars" % (iso3, n), file=sys.stderr)


if __name__ == "__main__":
    main()
