"""The entities plugin on the article lector was first made for.

Each test is one error a reader saw there, run as its own ctest entry
(entities_seed_*): the article goes through `lectord process` with langid
first, as the default pipeline runs it.
"""
import argparse
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ARTICLE = os.path.join(HERE, "seed-article.txt")
LECTORD = None


def process_article():
    run = subprocess.run([LECTORD, "process", "--only", "langid,entities",
                          ARTICLE], capture_output=True, timeout=120)
    if run.returncode != 0:
        raise AssertionError("lectord failed (%d): %s" %
                             (run.returncode, run.stderr.decode()))
    return json.loads(run.stdout.decode())


class SeedArticle(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = process_article()
        cls.items = cls.doc["entities"]

    def holding(self, surface):
        """The entities with a mention whose text is surface."""
        return [e for e in self.items
                if any(m["text"] == surface for m in e["mentions"])]

    def found(self):
        return [(e["text"], e["type"]) for e in self.items]

    def test_kim_jong_un_is_one_person(self):
        hyphen, spaced = self.holding("Kim Jong-un"), self.holding("Kim Jong Un")
        self.assertEqual(len(hyphen), 1, self.found())
        self.assertEqual(hyphen, spaced, self.found())
        self.assertEqual(hyphen[0]["type"], "PERSON")

    def test_us_is_one_entity(self):
        us = self.holding("US")
        self.assertEqual(len(us), 1, self.found())
        self.assertEqual(us[0]["type"], "LOC")
        # The short form of a name the article also spells out.
        self.assertEqual(us, self.holding("United States"))

    def test_korean_peninsula_is_a_place(self):
        [peninsula] = self.holding("Korean Peninsula")
        self.assertEqual(peninsula["type"], "LOC")

    def test_obama_administration_names_a_person(self):
        [obama] = self.holding("Obama")
        self.assertEqual(obama["type"], "PERSON")

    def test_socialist_equality_party_whole(self):
        party = self.holding("Socialist Equality Party")
        self.assertEqual(len(party), 1, self.found())
        self.assertEqual(party[0]["type"], "ORG")
        self.assertEqual(self.holding("Equality Party"), [])

    def test_interesting_is_not_a_name(self):
        self.assertEqual(self.holding("Interesting"), [])


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--lectord", required=True)
    parser.add_argument("--build", required=True)
    args, rest = parser.parse_known_args()
    LECTORD = args.lectord
    unittest.main(argv=[sys.argv[0]] + rest)
