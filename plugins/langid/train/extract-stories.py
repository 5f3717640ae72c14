#!/usr/bin/env python3
"""Turns the text of translated games and children's software into
training lines: everyday sentences, which help pages lack.

Prints "iso639-3<TAB>text" lines from what lies under --root:
  - gettext catalogues in LC_MESSAGES folders (as extract-mo.py);
  - Java .properties named NAME_LOCALE.properties (FreeCol's strings);
  - Tux Paint stamp descriptions (an English first line, then
    LOCALE.utf8=TEXT lines);
  - Qt .qm catalogues named NAME_LOCALE.qm (GCompris).
Languages with fewer than --min-chars characters here are left out: a few
strings add little to a language and many n-grams to the model.
"""
import argparse
import glob
import importlib.util
import os
import re
import struct
import sys

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("extract_mo", os.path.join(here, "extract-mo.py"))
extract_mo = importlib.util.module_from_spec(spec)
spec.loader.exec_module(extract_mo)

PLACEHOLDER = re.compile(r"%[^%\s]*%")
JAVA_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
QM_MESSAGES = 0x69
QM_END, QM_TRANSLATION, QM_OBSOLETE1 = 1, 3, 5


def properties_texts(root):
    """(locale, value) of NAME_LOCALE.properties; NAME.properties is English."""
    for path in sorted(glob.glob(os.path.join(root, "**", "*.properties"), recursive=True)):
        name = os.path.basename(path)[:-len(".properties")]
        locale = name.split("_", 1)[1] if "_" in name else "en"
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if "=" not in line or line.lstrip().startswith(("#", "!")):
                    continue
                value = line.split("=", 1)[1].strip()
                value = JAVA_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
                yield locale, PLACEHOLDER.sub(" ", value)


def stamp_texts(root):
    """(locale, description) of Tux Paint stamps."""
    for path in sorted(glob.glob(os.path.join(root, "**", "stamps", "**", "*.txt"),
                                 recursive=True)):
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
        if lines and "=" not in lines[0]:
            yield "en", lines[0]
        for line in lines[1:]:
            m = re.match(r"([A-Za-z_@]+)\.utf8=(.*)", line)
            if m:
                yield m.group(1), m.group(2)


def qm_translations(data):
    """The translations of a Qt .qm file: tagged records in its messages
    block, each a tag byte and mostly a 32-bit big-endian length."""
    if not data.startswith(QM_MAGIC):
        return
    at = len(QM_MAGIC)
    while at + 5 <= len(data):
        block, size = data[at], struct.unpack(">I", data[at + 1:at + 5])[0]
        at += 5
        if block == QM_MESSAGES:
            i, end = at, at + size
            while i < end:
                tag = data[i]
                i += 1
                if tag == QM_END:
                    continue
                if tag == QM_OBSOLETE1:
                    i += 4
                    continue
                if tag > 9:
                    break    # a record this reader does not know: stop here
                n = struct.unpack(">I", data[i:i + 4])[0]
                i += 4
                if n == 0xFFFFFFFF:
                    continue
                if tag == QM_TRANSLATION:
                    yield data[i:i + n].decode("utf-16-be", errors="replace")
                i += n
        at += size


def qm_texts(root):
    for path in sorted(glob.glob(os.path.join(root, "**", "*.qm"), recursive=True)):
        locale = os.path.basename(path)[:-len(".qm")].split("_", 1)[-1]
        with open(path, "rb") as f:
            for text in qm_translations(f.read()):
                yield locale, text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--min-chars", type=int, default=50_000)
    ap.add_argument("--iso", default="/usr/share/iso-codes/json/iso_639-3.json")
    args = ap.parse_args()
    alpha2 = extract_mo.load_alpha2(args.iso)
    out = extract_mo.Lines()
    for iso3, text in extract_mo.catalogue_texts(args.root, alpha2):
        out.add(iso3, text)
    for texts in (properties_texts, stamp_texts, qm_texts):
        for locale, text in texts(args.root):
            iso3 = extract_mo.iso3_of(locale, alpha2)
            if iso3 is not None:
                out.add(iso3, text)
    for iso3, text in out.lines:
        if out.used[iso3] >= args.min_chars:
            print("%s\t%s" % (iso3, text))
    for iso3, n in sorted(out.used.items()):
        if n >= args.min_chars:
            print("extract-stories: %s %d chars" % (iso3, n), file=sys.stderr)


if __name__ == "__main__":
    main()
