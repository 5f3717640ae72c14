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


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def everyday(data, out):
    subprocess.run([sys.executable, os.path.join(TRAIN, "everyday.py"), "--data", data,
                    "--out", out], capture_output=True, text=True, check=True)
    parts = {}
    for part in ("everyday", "everyday-dev", "everyday-final"):
        with open(os.path.join(out, part + ".tsv"), encoding="utf-8") as f:
            parts[part] = [tuple(line.rstrip("\n").split("\t")) for line in f]
    return parts


class Everyday(unittest.TestCase):
    """Sentences are split by document, under the UDHR's codes."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        data = self.data = self.tmp.name
        write(os.path.join(data, "langid/udhr.tsv"),
              "code\tiso6393\tbcp47\tstage\ttext\n"
              "lav\tlvs\tlv\t4\tVisi cilvēki piedzimst brīvi.\n")
        # UD: 300 sentences in a row; sentence i is in document i // 10.
        write(os.path.join(data, "langid/ud/lv-Test.txt"),
              "".join("Dokuments %d teikums %d ir šeit.\n" % (i // 10, i) for i in range(300)) +
              "Divi vārdi\n")
        # NER: 60 documents of three sentences, tokens a line.
        conll = ""
        for d in range(60):
            conll += "-DOCSTART-\tO\n\n"
            for k in range(3):
                conll += "".join("%s\tO\n" % t for t in
                                 ("Dokument", str(d), "setning", str(k), ",", "sa", "han", ".")) + "\n"
        write(os.path.join(data, "ner/multi/nb-norne/train.conll"), conll)
        write(os.path.join(data, "ner/multi/de-europeana/train.conll"),
              "Alte\tO\nZeitung\tO\nvon\tO\n1850\tO\n\n")
        self.out = os.path.join(data, "out")
        os.makedirs(self.out)

    def tearDown(self):
        self.tmp.cleanup()

    def test_documents_stay_whole_and_codes_are_the_udhrs(self):
        parts = everyday(self.data, self.out)
        for name, rows in parts.items():
            self.assertTrue(rows, name)
        where = {}
        for name, rows in parts.items():
            for label, text in rows:
                self.assertIn(label, ("lvs", "nob"))     # not lv, nb
                doc = (label, text.split()[1])
                where.setdefault(doc, set()).add(name)
        self.assertEqual([d for d, names in where.items() if len(names) > 1], [])
        every = [t for rows in parts.values() for _, t in rows]
        self.assertIn("Dokument 7 setning 2, sa han.", every)   # tokens joined again
        self.assertNotIn("Divi vārdi", every)                   # two words: too short
        self.assertFalse([t for t in every if "Zeitung" in t])  # no OCR of old papers
        self.assertEqual(len(every), 300 + 180)

    def test_the_split_is_the_same_every_time(self):
        first = everyday(self.data, self.out)
        self.assertEqual(everyday(self.data, self.out), first)

    def test_a_dev_sentence_also_in_train_is_dropped(self):
        ev = load("everyday")
        parts = [ev.part("ud/lv-Test", i) for i in range(30)]
        train, dev = parts.index("train"), parts.index("dev")
        lines = ["Dokuments %d teikums %d ir šeit." % (i // 10, i) for i in range(300)]
        same = "Tas pats teikums abās pusēs."
        lines[train * 10] = same
        lines[dev * 10] = "  " + same.upper().replace(" ", "  ")
        write(os.path.join(self.data, "langid/ud/lv-Test.txt"), "\n".join(lines) + "\n")
        got = everyday(self.data, self.out)
        self.assertIn(("lvs", same), got["everyday"])
        self.assertEqual([t for _, t in got["everyday-dev"] if "PATS" in t], [])
        lv_dev = [t for code, t in got["everyday-dev"] if code == "lvs"]
        self.assertEqual(len(lv_dev) % 10, 9)  # the rest of that document stays


class Speakers(unittest.TestCase):
    def test_shares_of_territories_add_up_per_language(self):
        with tempfile.TemporaryDirectory() as tmp:
            xml = os.path.join(tmp, "supplementalData.xml")
            write(xml, """<supplementalData><territoryInfo>
<territory type="ZA" population="60000000">
 <languagePopulation type="zu" populationPercent="25"/>
 <languagePopulation type="en" populationPercent="30"/>
</territory>
<territory type="PK" population="200000000">
 <languagePopulation type="pa_Arab" populationPercent="40"/>
 <languagePopulation type="en" populationPercent="10"/>
</territory>
</territoryInfo></supplementalData>""")
            run = subprocess.run([sys.executable, os.path.join(TRAIN, "extract-speakers.py"), xml],
                                 capture_output=True, text=True, check=True)
        got = dict(line.split("\t") for line in run.stdout.splitlines())
        self.assertEqual(got, {"en": "38000000", "pa": "80000000", "zu": "15000000"})


if __name__ == "__main__":
    unittest.main()
