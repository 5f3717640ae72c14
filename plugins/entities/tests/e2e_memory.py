"""What a long article of distinct names adds to `lectord process --only
entities`: at most 10 times its size beyond the same process on a short
article (the program, its libraries and the model).

The article is made up, 1 MB of news-like sentences about people,
companies and places whose names are drawn from syllables, most of them
said a few times: it fills the entity list to its caps (1,000 entities,
3,000 listed mentions) and gives the tagger tens of thousands of
capitalised words to remember, the case where the list, the mentions held
while it is built and the tagger's windows weigh most: 12.3 times before
they were cut, 10.8 with the cuts and 5,000 listed mentions, 9.4 to 9.7
now. The ratio is printed to stderr.

    e2e_memory.py --lectord build/lectord --build build [--write FILE]

--write writes the article to FILE and stops (to measure it by hand).
"""
import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ARTICLE = os.path.join(HERE, "article.txt")
LECTORD = None
BUILD = None
SIZE = 1000000

SYLLABLES = ("ka", "lo", "mar", "ven", "tri", "sol", "bek", "na", "dor",
             "il", "qua", "ren", "zu", "pha", "gor", "mi", "tal", "ost",
             "ber", "wyn", "cha", "lu", "dex", "or")
VERBS = ("said", "told reporters", "announced", "denied", "confirmed")
NOUNS = ("plans for a new factory", "a rise in profits", "the talks",
         "a merger", "the election result", "new rules on imports")


def name(rng, words):
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(
        rng.randint(2, 3))).capitalize() for _ in range(words))


def article(rng, size):
    """Paragraphs of sentences about made-up people, firms and places."""
    people = [name(rng, 2) for _ in range(6000)]
    firms = [name(rng, 1) + " " + rng.choice(("Group", "Holdings", "Bank",
                                               "Motors")) for _ in range(3000)]
    places = [name(rng, 1) for _ in range(3000)]
    out, n = ["Made-up news of many names\n\n"], 0
    while n < size:
        para = []
        for _ in range(5):
            p, f, c = rng.choice(people), rng.choice(firms), rng.choice(places)
            para.append("%s, chief executive of %s, %s %s in %s on Monday." % (
                p, f, rng.choice(VERBS), rng.choice(NOUNS), c))
        out.append(" ".join(para) + "\n\n")
        n += len(out[-1])
    return "".join(out)


def peak_rss(path):
    """Peak resident memory (bytes) of one lectord process, measured from
    a small Python process of its own so that nothing else counts."""
    probe = ("import resource, subprocess, sys\n"
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", probe, LECTORD, "process",
                          "--only", "entities", path],
                         capture_output=True, text=True, check=True).stdout
    return int(out) * 1024


def sanitized():
    with open(os.path.join(BUILD, "CMakeCache.txt"), encoding="utf-8") as f:
        return "LECTOR_SANITIZE:BOOL=ON" in f.read()


class ManyNames(unittest.TestCase):
    def test_an_article_of_names_adds_at_most_ten_times_its_size(self):
        if sanitized():
            self.skipTest("AddressSanitizer's shadow and quarantine are not "
                          "the program's memory; the plain build checks this")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "names.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(article(random.Random(17), SIZE))
            size = os.path.getsize(path)
            fixed = peak_rss(ARTICLE)
            peak = peak_rss(path)
        print("added/size %.2f" % ((peak - fixed) / size), file=sys.stderr)
        self.assertLessEqual(peak - fixed, 10 * size,
                             "%.1f MB beyond %.1f MB for a %.1f MB article"
                             % ((peak - fixed) / 1e6, fixed / 1e6, size / 1e6))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--lectord", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--write", help="write the article here and stop")
    args, rest = ap.parse_known_args()
    LECTORD, BUILD = args.lectord, args.build
    if args.write:
        with open(args.write, "w", encoding="utf-8") as f:
            f.write(article(random.Random(17), SIZE))
        sys.exit(0)
    unittest.main(argv=[sys.argv[0], *rest])
