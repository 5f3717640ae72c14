#!/usr/bin/env python3
"""Turns GNOME help pages (Mallard XML) into training paragraphs.

Prints "iso639-3<TAB>paragraph" lines for every language folder under
--root (usr/share/help/LOCALE/...). Untranslated text stays in English in
the packages, so a paragraph that also occurs in the English ("C") pages is
dropped from the other languages.
"""
import argparse
import importlib.util
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

CAP_CHARS = 3_000_000
MIN_CHARS = 25
BLOCKS = {"p", "title", "desc", "item", "td"}
SKIP = {"code", "cmd", "media", "key", "keyseq", "screen", "info", "credit"}

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("extract_mo", os.path.join(here, "extract-mo.py"))
extract_mo = importlib.util.module_from_spec(spec)
spec.loader.exec_module(extract_mo)


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def text_of(el):
    """The text of an element without the parts that are not prose."""
    parts = [el.text or ""]
    for child in el:
        if local(child.tag) not in SKIP:
            parts.append(text_of(child))
        parts.append(child.tail or "")
    return "".join(parts)


def paragraphs(folder):
    for dirpath, _, files in sorted(os.walk(folder)):
        for name in sorted(files):
            if not name.endswith(".page"):
                continue
            try:
                root = ET.parse(os.path.join(dirpath, name)).getroot()
            except ET.ParseError:
                continue
            for el in root.iter():
                if local(el.tag) in BLOCKS:
                    text = re.sub(r"\s+", " ", text_of(el)).strip()
                    if len(text) >= MIN_CHARS and extract_mo.mostly_letters(text):
                        yield text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--iso", default="/usr/share/iso-codes/json/iso_639-3.json")
    args = ap.parse_args()
    with open(args.iso, encoding="utf-8") as f:
        alpha2 = {e["alpha_2"]: e["alpha_3"] for e in json.load(f)["639-3"] if "alpha_2" in e}
    english = set(paragraphs(os.path.join(args.root, "C")))
    used = {}
    for locale in sorted(os.listdir(args.root)):
        iso3 = "eng" if locale == "C" else extract_mo.iso3_of(locale, alpha2)
        if iso3 is None or not os.path.isdir(os.path.join(args.root, locale)):
            continue
        seen = set()
        for text in paragraphs(os.path.join(args.root, locale)):
            if used.get(iso3, 0) >= CAP_CHARS:
                break
            if text in seen or (iso3 != "eng" and text in english):
                continue
            seen.add(text)
            used[iso3] = used.get(iso3, 0) + len(text)
            print("%s\t%s" % (iso3, text.replace("\t", " ")))
    for iso3, n in sorted(used.items()):
        print("extract-pages: %s %d chars" % (iso3, n), file=sys.stderr)


if __name__ == "__main__":
    main()
