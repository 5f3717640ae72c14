"""The default pipeline, as a user first meets it: one real article through
every shipped plugin, with the configuration that ships."""
import os
import subprocess
import sys
import tempfile
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


def peak_rss(args):
    """Peak resident memory (bytes) of one lectord process, measured from
    a small Python process of its own so that nothing else counts."""
    probe = ("import resource, subprocess, sys\n"
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", probe, lt.LECTORD, "process", *args],
                         capture_output=True, text=True, check=True).stdout
    return int(out) * 1024


def sanitized():
    with open(os.path.join(lt.BUILD, "CMakeCache.txt"), encoding="utf-8") as f:
        return "LECTOR_SANITIZE:BOOL=ON" in f.read()


class LargeArticle(unittest.TestCase):
    """What a large article adds to a process's peak memory is at most 10
    times its size, for every plugin of the default pipeline and for the
    pipeline itself: the peak on a 4 MB article less the peak on the
    sample (the program, its libraries and models, which no article
    changes), and, from 1 to 4 MB, the growth per byte.
    scripts/bench-large.py gives the figures at 1, 5 and 10 MB."""

    CASES = [["--only", name] for name in
             ("langid", "entities", "summary", "keywords", "stats")] + [[]]

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        with open(SAMPLE, encoding="utf-8") as f:
            src = f.read()
        body = "\n" + src.split("\n", 2)[2]

        def article(name, megabytes):
            path = os.path.join(cls.tmp.name, name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(src + body * int(megabytes * 1e6 // len(body.encode())))
            return path
        cls.small = article("small.txt", 1)
        cls.big = article("big.txt", 4)
        cls.big_size = os.path.getsize(cls.big)
        cls.size = cls.big_size - os.path.getsize(cls.small)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def setUp(self):
        if sanitized():
            self.skipTest("AddressSanitizer's shadow and quarantine are not "
                          "the program's memory; the plain build checks this")

    def test_an_article_adds_at_most_ten_times_its_size(self):
        for case in self.CASES:
            fixed = peak_rss([*case, SAMPLE])
            peak = peak_rss([*case, self.big])
            self.assertLessEqual(peak - fixed, 10 * self.big_size,
                                 "%s: %.1f MB beyond %.1f MB for a %.1f MB article" %
                                 (" ".join(case) or "default pipeline",
                                  (peak - fixed) / 1e6, fixed / 1e6,
                                  self.big_size / 1e6))

    def test_each_plugin_grows_by_at_most_ten_times_the_size(self):
        for case in self.CASES:
            base = peak_rss([*case, self.small])
            peak = peak_rss([*case, self.big])
            self.assertLessEqual(peak - base, 10 * self.size,
                                 "%s: %.1f MB more for %.1f MB more text" %
                                 (" ".join(case) or "default pipeline",
                                  (peak - base) / 1e6, self.size / 1e6))


if __name__ == "__main__":
    lt.main()
