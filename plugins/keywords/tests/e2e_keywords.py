#!/usr/bin/env python3
"""End-to-end test of the keywords plugin through `lectord process`, in the
default pipeline (langid,entities,keywords).

- A word common in all news ("people") is listed after a rare one
  ("hurricane") said in the same sentences as often, though said first
  in each: only the specificity table tells them apart.
- A noun phrase said three times ("storm surge") is listed whole, and an
  adjective after a noun starts another phrase: "nuclear programme",
  never "government nuclear ...".
- On the sample article, "North Korea" and "United States" are listed
  and no listed phrase is a fragment of another.
- A phrase the title says counts though the text says it once, late
  ("charity single"); a person is shown without a title ("Pryce", never
  "Mr Pryce" or "Sir"); a participle alone is no key phrase
  ("rejected"); a word also written in lower case stays a topic beside
  a name holding it ("hurricane" beside "National Hurricane Center");
  a phrase said only right before a name labels it and is none
  ("Veteran crooner Tom Hartley").
- A name with a number in it ("Windows 95") is listed like any name, and
  a name is shown with the capitalised common noun the article puts
  before it ("Hurricane Gilbert", where the tagger finds "Gilbert").

The articles are written for this test. Run by ctest as:
e2e_keywords.py --lectord PATH --build BUILD_DIR
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
PIPELINE = "langid,entities,keywords"

STORM = (
    "The people feared the hurricane on Monday.\n\n"
    "Officials told the people that the hurricane would reach the coast "
    "by night.\n\n"
    "Many of the people left before the hurricane arrived, and the storm "
    "surge flooded the harbour.\n\n"
    "The storm surge reached the old town, where the government nuclear "
    "programme keeps a laboratory.\n\n"
    "Engineers said the government nuclear programme had closed its "
    "laboratory before the storm surge came.\n"
)

# A title line, a blank line, the text: the text reader keeps the title
# apart.
SINGLE = (
    "Charity single for hurricane relief\n\n"
    "Singers led by Sir Tom Hartley will record a song for the victims "
    "of the hurricane, Mr Pryce said on Monday.\n\n"
    "The National Hurricane Center said the hurricane had left thousands "
    "of families without homes along the coast.\n\n"
    "Mr Pryce wrote the song last year. Two labels rejected it, and "
    "Mr Pryce kept it for a better cause.\n\n"
    "Shops will sell the song from Friday, and the hurricane appeal will "
    "receive every penny.\n\n"
    "Several stars rejected the idea at first, Mr Pryce said. Veteran "
    "crooner Tom Hartley sang first.\n\n"
    "The charity single will be on the radio next week.\n"
)

# The tagger names "Gilbert"; a reader says "Hurricane Gilbert".
GILBERT = (
    "Hurricane Gilbert swept toward Jamaica on Sunday, and officials "
    "warned residents of the southern coast. The hurricane was the "
    "strongest storm of the season, forecasters said. Gilbert's winds "
    "reached 110 mph as the hurricane crossed warm waters. Tourists left "
    "their hotels as Hurricane Gilbert neared the island, and shelters "
    "opened in Kingston.\n"
)

# A name with a number in it is the topic.
WINDOWS = (
    "Fans queue for Windows 95\n\n"
    "Microsoft launched Windows 95 on Thursday. Shops opened at midnight "
    "as fans queued to buy Windows 95. The software giant said Windows 95 "
    "would sell millions of copies. Critics said the Windows 95 interface "
    "copied the Apple Macintosh.\n"
)

failures = 0


def check(cond, what):
    global failures
    if not cond:
        failures += 1
        print("FAIL:", what, file=sys.stderr)


def result(lectord, path):
    p = subprocess.run([lectord, "process", "--only", PIPELINE, path],
                       capture_output=True, text=True, timeout=60)
    check(p.returncode == 0, f"lectord exit {p.returncode}: {p.stderr}")
    if p.returncode != 0:
        return {}
    return json.loads(p.stdout)


def listed(res):
    return [k["text"] for k in res.get("keywords", [])]


def keywords(lectord, path):
    return listed(result(lectord, path))


def index(texts, want):
    low = [t.lower() for t in texts]
    return low.index(want) if want in low else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lectord", required=True)
    ap.add_argument("--build", default="")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        def article(name, text):
            path = os.path.join(tmp, name + ".txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            return result(args.lectord, path)
        got = listed(article("storm", STORM))
        single = article("single", SINGLE)
        windows = listed(article("windows", WINDOWS))
        gilbert = listed(article("gilbert", GILBERT))
    print("storm:", "; ".join(got))
    h, p = index(got, "hurricane"), index(got, "people")
    check(h is not None, "hurricane listed")
    check(h is not None and (p is None or h < p), "hurricane before people")
    check(index(got, "storm surge") is not None, "storm surge listed")
    check(index(got, "nuclear programme") is not None,
          "nuclear programme listed")
    check(not any("government nuclear" in t.lower() for t in got),
          "no phrase runs from a noun into an adjective")

    got = listed(single)
    print("single:", "; ".join(got))
    names = [e["text"] for e in single.get("entities", [])]
    check("National Hurricane Center" in names,
          f"the tagger finds the National Hurricane Center: {names}")
    check(index(got, "charity single") is not None, "charity single listed")
    check(index(got, "pryce") is not None, "Pryce listed")
    check(index(got, "hurricane") is not None, "hurricane listed")
    for t in got:
        words = t.lower().split()
        check("mr" not in words and "sir" not in words,
              f"{t!r}: no title in a listed phrase")
        check("rejected" not in words, f"{t!r}: no participle alone")
        check("crooner" not in words, f"{t!r}: no label of a name")

    print("windows:", "; ".join(windows))
    check(windows[:1] == ["Windows 95"], "Windows 95 listed first")
    print("gilbert:", "; ".join(gilbert))
    check(gilbert[:1] == ["Hurricane Gilbert"], "Hurricane Gilbert first")

    got = keywords(args.lectord, os.path.join(ROOT, "tests", "data",
                                              "seed-article.txt"))
    print("seed:", "; ".join(got))
    for want in ("north korea", "united states"):
        check(index(got, want) is not None, f"{want} listed")
    low = [t.lower() for t in got]
    for a in low:
        for b in low:
            if a != b and f" {a} " in f" {b} ":
                check(False, f"{a!r} is a fragment of {b!r}")
    if failures:
        print(f"{failures} check(s) failed", file=sys.stderr)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
