#!/usr/bin/env python3
"""Turns gettext catalogues (.mo) into training lines.

Prints "iso639-3<TAB>text" lines from the translated strings of every .mo
file under --root, whose locale is the folder above LC_MESSAGES. The
English source strings count as English. Markup, placeholders and strings
with few letters are dropped; each language is capped.
"""
import argparse
import gettext
import json
import os
import re
import sys
import unicodedata

CAP_CHARS = 3_000_000
MIN_CHARS = 12
# Locales whose ISO 639-3 label in the UDHR is an individual language.
OVERRIDE = {"et": "ekk", "lv": "lvs", "zh": "cmn", "nb": "nob", "nn": "nno",
            "sq": "als", "fa": "pes", "ar": "arb", "uz": "uzn", "ms": "zlm",
            "sw": "swh", "az": "azj", "no": "nob", "mn": "khk", "ne": "npi",
            "ku": "kmr", "ps": "pbu", "yi": "ydd", "qu": "quz", "gn": "gug"}
SKIP = {"en@shaw", "ang@latin", "racv", "ca_ES@valencia", "sr@ijekavian",
        "sr@ijekavianlatin", "grc", "en@quot", "en@boldquot"}
MARKUP = re.compile(r"<[^>]*>|\[[^\]]*\]|\$[\w.|]+|\{[^}]*\}|%\d*\$?[-+ #0]*\d*\.?\d*[a-zA-Z]|&\w+;|\\n")


def iso3_of(locale, alpha2):
    if locale in SKIP:
        return None
    base = locale.split("@")[0].split("_")[0]
    if base in OVERRIDE:
        return OVERRIDE[base]
    if len(base) == 3:
        return base
    return alpha2.get(base)


def mostly_letters(text):
    """Whether letters make up 60% of text. The vowel signs of Indic and
    other scripts are marks, not letters, to str.isalpha(); they count."""
    letters = sum(c.isalpha() or unicodedata.category(c)[0] == "M" for c in text)
    return letters >= len(text) * 0.6


def clean(text):
    text = MARKUP.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) < MIN_CHARS or not mostly_letters(text):
        return None
    return text


def catalogue(path):
    with open(path, "rb") as f:
        try:
            return gettext.GNUTranslations(f)._catalog
        except Exception as e:  # a damaged catalogue is skipped, not fatal
            print("extract-mo: %s: %s" % (path, e), file=sys.stderr)
            return {}


def load_alpha2(path):
    """ISO 639-1 -> 639-3, from Debian's iso-codes."""
    with open(path, encoding="utf-8") as f:
        return {e["alpha_2"]: e["alpha_3"] for e in json.load(f)["639-3"] if "alpha_2" in e}


class Lines:
    """Training lines, cleaned, without repeats, each language capped."""

    def __init__(self):
        self.used, self.seen, self.lines = {}, set(), []

    def add(self, iso3, text):
        text = clean(text)
        if text is None or (iso3, text) in self.seen or self.used.get(iso3, 0) >= CAP_CHARS:
            return
        self.seen.add((iso3, text))
        self.used[iso3] = self.used.get(iso3, 0) + len(text)
        self.lines.append((iso3, text.replace("\t", " ")))


def catalogue_texts(root, alpha2):
    """(iso3, text) for every .mo under root whose folder is LC_MESSAGES:
    each English source string, then its translation."""
    for dirpath, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if not name.endswith(".mo") or os.path.basename(dirpath) != "LC_MESSAGES":
                continue
            iso3 = iso3_of(os.path.basename(os.path.dirname(dirpath)), alpha2)
            if iso3 is None:
                continue
            for key, value in sorted(catalogue(os.path.join(dirpath, name)).items(),
                                     key=lambda kv: str(kv[0])):
                src = key[0] if isinstance(key, tuple) else key
                if not src or not isinstance(value, str):
                    continue
                yield "eng", src.split("\x04")[-1]
                if value != src:
                    yield iso3, value


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--iso", default="/usr/share/iso-codes/json/iso_639-3.json")
    args = ap.parse_args()
    out = Lines()
    for iso3, text in catalogue_texts(args.root, load_alpha2(args.iso)):
        out.add(iso3, text)
    for iso3, text in out.lines:
        print("%s\t%s" % (iso3, text))
    for iso3, n in sorted(out.used.items()):
        print("extract-mo: %s %d chars" % (iso3, n), file=sys.stderr)


if __name__ == "__main__":
    main()
