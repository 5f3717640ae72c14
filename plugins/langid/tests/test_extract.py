#!/usr/bin/env python3
"""The training-text extractors: what they keep and what they skip.

Run by ctest as: python3 test_extract.py. Standard library only; builds a
small help tree in a temporary folder.
"""
import importlib.util
import os
import subprocess
import sys
import tempfile
import unittest

TRAIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "train")


def load(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(TRAIN, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page(folder, *paragraphs):
    os.makedirs(folder)
    with open(os.path.join(folder, "page.html"), "w", encoding="utf-8") as f:
        f.write("<html><body>%s</body></html>" % "".join("<p>%s</p>" % p for p in paragraphs))


ENGLISH = "Choose Format - Cells to change the number format."
CZECH = "Zvolte Formát - Buňky a změňte formát čísla v buňce."
HINDI = "संख्या का प्रारूप बदलने के लिए प्रारूप चुनें और कक्ष पर क्लिक करें।"


class MostlyLetters(unittest.TestCase):
    def test_vowel_signs_count_as_letters(self):
        mo = load("extract-mo")
        # Most of HINDI's characters are vowel signs, which isalpha() refuses.
        self.assertLess(sum(c.isalpha() for c in HINDI), len(HINDI) * 0.6)
        self.assertTrue(mo.mostly_letters(HINDI))
        self.assertTrue(mo.mostly_letters(CZECH))
        self.assertFalse(mo.mostly_letters("Q3 2023: +45% / -12%"))


class Help(unittest.TestCase):
    def test_links_are_skipped_and_indic_kept(self):
        with tempfile.TemporaryDirectory() as root:
            page(os.path.join(root, "en-US"), ENGLISH)
            page(os.path.join(root, "cs"), CZECH, ENGLISH)
            os.symlink("cs", os.path.join(root, "sk"))
            page(os.path.join(root, "hi"), HINDI)
            run = subprocess.run(
                [sys.executable, os.path.join(TRAIN, "extract-help.py"), "--root", root,
                 "--langs", "en-us:eng cs:ces sk:slk hi:hin"],
                capture_output=True, text=True, check=True)
        lines = {tuple(line.split("\t", 1)) for line in run.stdout.splitlines()}
        self.assertIn(("eng", ENGLISH), lines)
        self.assertIn(("ces", CZECH), lines)
        self.assertIn(("hin", HINDI), lines)
        self.assertNotIn(("ces", ENGLISH), lines)   # an untranslated fallback
        self.assertFalse([l for l in lines if l[0] == "slk"])
        self.assertIn("is a link to cs", run.stderr)


if __name__ == "__main__":
    unittest.main()
