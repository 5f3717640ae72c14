"""The default pipeline, as a user first meets it: one real article through
every shipped plugin, with the configuration that ships."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lectortest as lt  # noqa: E402

SAMPLE = os.path.join(lt.DATA, "hanoi-summit.txt")
CONFIG = os.path.join(lt.ROOT, "configs", "lectord.json")


class DefaultPipeline(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        [cls.doc] = lt.process(SAMPLE)

    def test_runs_every_plugin_in_order(self):
        self.assertEqual([p["plugin"] for p in self.doc["pipeline"]],
                         ["text", "langid", "entities", "summary", "keywords",
                          "stats"])
        lt.validate(self.doc)

    def test_shipped_config_is_the_default(self):
        code, out, err = lt.lectord("check-config", "-c", CONFIG)
        self.assertEqual(code, 0, err)
        [doc] = lt.process("-c", CONFIG, SAMPLE)
        self.assertEqual([p["plugin"] for p in doc["pipeline"]],
                         [p["plugin"] for p in self.doc["pipeline"]])

    def test_language(self):
        self.assertEqual(self.doc["language"]["code"], "en")
        self.assertEqual(self.doc["language"]["script"], "Latn")

    def test_people_places_and_aliases(self):
        entities = {e["text"]: e for e in self.doc["entities"]}
        for name in ("Donald Trump", "Kim Jong-un", "Mike Pompeo"):
            self.assertIn(name, entities)
            self.assertEqual(entities[name]["type"], "PERSON")
        self.assertIn("Trump", entities["Donald Trump"]["aliases"])
        self.assertIn("Pompeo", entities["Mike Pompeo"]["aliases"])
        self.assertEqual(entities["Hanoi"]["type"], "LOC")
        for e in self.doc["entities"]:
            lt.check_offsets(self, self.doc, e["mentions"])

    def test_summary_and_keywords(self):
        sentences = self.doc["summary"]["sentences"]
        self.assertEqual(len(sentences), 3)
        lt.check_offsets(self, self.doc, sentences)
        self.assertEqual(sentences, sorted(sentences, key=lambda s: s["start"]))
        # A reader asks for both leaders first, and for what they met at.
        phrases = [k["text"].lower() for k in self.doc["keywords"]]
        top = {w for p in phrases[:3] for w in p.split()}
        self.assertLessEqual({"trump", "kim"}, top, phrases)
        words = {w for p in phrases for w in p.split()}
        self.assertIn("summit", words, phrases)
        self.assertFalse(words & {"the", "and", "of", "said", "had", "that"},
                         phrases)
        for k in self.doc["keywords"]:
            self.assertIn(k["text"].lower(), self.doc["text"].lower())


if __name__ == "__main__":
    lt.main()
