"""The entities plugin through `lectord process`, on a news article.

Checks what a reader looks for: the people, organisations and places, the
short forms joined to their full names, the amounts and dates, and that
every mention's offsets point at its text in the output's "text".
"""
import argparse
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ARTICLE = os.path.join(HERE, "article.txt")
LECTORD = None


def process(*args, stdin=None):
    """Runs lectord process; returns the list of output objects."""
    run = subprocess.run([LECTORD, "process", *args], input=stdin,
                         capture_output=True, timeout=120)
    if run.returncode != 0:
        raise AssertionError("lectord failed (%d): %s" %
                             (run.returncode, run.stderr.decode()))
    return [json.loads(line) for line in run.stdout.decode().splitlines()
            if line.strip()]


def entity(doc, text, kind=None):
    for e in doc["entities"]:
        if e["text"] == text and (kind is None or e["type"] == kind):
            return e
    return None


class EntitiesOfAnArticle(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        [cls.doc] = process("--only", "entities", ARTICLE)
        cls.items = cls.doc["entities"]

    def assertEntity(self, text, kind):
        e = entity(self.doc, text, kind)
        found = [(x["text"], x["type"]) for x in self.items]
        self.assertIsNotNone(e, "%s %s not in %s" % (kind, text, found))
        return e

    def test_each_entity_says_where_it_comes_from(self):
        sources = {(e["type"], e["source"]) for e in self.items}
        self.assertIn(("PERSON", "en-conll2003"), sources)
        self.assertIn(("DATE", "rules"), sources)
        for kind, source in sources:
            named = kind in ("PERSON", "ORG", "LOC", "MISC")
            self.assertEqual(source == "en-conll2003", named, kind)

    def test_people_with_their_short_forms(self):
        lagarde = self.assertEntity("Christine Lagarde", "PERSON")
        self.assertIn("Lagarde", lagarde["aliases"])
        self.assertEqual(lagarde["count"], 2)
        scholz = self.assertEntity("Olaf Scholz", "PERSON")
        self.assertIn("Scholz", scholz["aliases"])
        self.assertEntity("Jens Weidmann", "PERSON")

    def test_acronym_joins_the_bank(self):
        ecb = self.assertEntity("European Central Bank", "ORG")
        self.assertIn("ECB", ecb["aliases"])
        self.assertGreaterEqual(ecb["count"], 3)
        self.assertIsNone(entity(self.doc, "ECB"))

    def test_places_and_organisations(self):
        for place in ("Frankfurt", "Berlin", "London", "Germany"):
            self.assertEntity(place, "LOC")
        self.assertEntity("Deutsche Bank", "ORG")
        self.assertEntity("Bundesbank", "ORG")

    def test_rule_types(self):
        self.assertEntity("Thursday", "DATE")
        self.assertEntity("March 2015", "DATE")
        self.assertEntity("24 October", "DATE")
        self.assertEntity("1.1%", "PERCENT")
        self.assertEntity("2 per cent", "PERCENT")
        self.assertEntity("€20bn", "MONEY")
        self.assertEntity("€2.6 trillion", "MONEY")
        self.assertEntity("$1.09", "MONEY")
        self.assertEntity("press@ecb.example.org", "EMAIL")
        self.assertEntity(
            "https://www.ecb.example.org/press/2019-09-12.html", "URL")

    def test_offsets_are_code_points_into_text(self):
        text = self.doc["text"]
        self.assertIn("Zürich", text)   # non-ASCII before later mentions
        n = 0
        for e in self.items:
            for m in e["mentions"]:
                self.assertEqual(text[m["start"]:m["end"]], m["text"])
                n += 1
        self.assertGreater(n, 20)

    def test_sorted_by_first_appearance_and_counted(self):
        firsts = [e["mentions"][0]["start"] for e in self.items]
        self.assertEqual(firsts, sorted(firsts))
        for e in self.items:
            self.assertEqual(e["count"], len(e["mentions"]))
            starts = [m["start"] for m in e["mentions"]]
            self.assertEqual(starts, sorted(starts))


INVISIBLE = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad\u200b\ufeff"


class InvisibleCharacters(unittest.TestCase):
    """Bidirectional controls and other invisible characters around and
    inside names: the names come out clean, the offsets count them."""

    TEXT = ("US President Donald Trump\u200f met Kim Jong-un in \u202aHanoi\u202c "
            "on Thursday. Trump said \u2066Mike Pompeo\u2069 would go on. "
            "Goldman\u00adSachs\u200e lost 3%.\n")

    @classmethod
    def setUpClass(cls):
        [cls.doc] = process("--only", "entities", "-", stdin=cls.TEXT.encode())

    def test_names_are_shown_without_them(self):
        for e in self.doc["entities"]:
            shown = [e["text"], *e["aliases"], *(m["text"] for m in e["mentions"])]
            for s in shown:
                self.assertFalse(set(s) & set(INVISIBLE), ascii(s))

    def test_names_are_still_found_and_joined(self):
        found = {e["text"]: e for e in self.doc["entities"]}
        self.assertEqual(found["Hanoi"]["type"], "LOC")
        self.assertEqual(found["Mike Pompeo"]["type"], "PERSON")
        self.assertEqual(found["Donald Trump"]["aliases"], ["Trump"])

    def test_offsets_point_into_the_original_text(self):
        text = self.doc["text"]
        self.assertEqual(text, self.TEXT)
        for e in self.doc["entities"]:
            for m in e["mentions"]:
                raw = text[m["start"]:m["end"]]
                self.assertEqual("".join(c for c in raw if c not in INVISIBLE),
                                 m["text"])
        [pompeo] = [e for e in self.doc["entities"] if e["text"] == "Mike Pompeo"]
        m = pompeo["mentions"][0]
        self.assertEqual(text[m["start"] - 1], "\u2066")
        self.assertEqual(text[m["end"]], "\u2069")


class Languages(unittest.TestCase):
    """With langid before it, as in the default pipeline."""

    def run_text(self, text):
        [doc] = process("--jsonl", "--only", "langid,entities", "-",
                        stdin=json.dumps({"id": "x", "text": text}).encode())
        return doc["entities"]

    def test_english_uses_the_model(self):
        with open(ARTICLE, encoding="utf-8") as f:
            result = self.run_text(f.read())
        self.assertIn(("PERSON", "en-conll2003"),
                      {(e["type"], e["source"]) for e in result})

    def test_french_uses_the_french_model(self):
        result = self.run_text(
            "Le président Emmanuel Macron a reçu Angela Merkel à Paris "
            "mardi. La Banque de France prévoit une croissance de 1,3 % "
            "cette année, selon un communiqué publié le 3 mars 2019 sur "
            "https://www.banque-france.example/communique.")
        found = {(e["text"], e["type"], e["source"]) for e in result}
        self.assertIn(("Emmanuel Macron", "PERSON", "fr-europeana"), found)
        self.assertIn(("3 mars 2019", "DATE", "rules"), found)
        self.assertIn(("1,3 %", "PERCENT", "rules"), found)

    def test_each_paragraph_gets_the_model_of_its_language(self):
        result = self.run_text(
            "The German chancellor Angela Merkel met the French president "
            "Emmanuel Macron in Berlin on Monday to discuss the budget of "
            "the European Union and the future of the euro zone. Both "
            "leaders said they wanted an agreement before the summer.\n\n"
            "Die Bundeskanzlerin Angela Merkel sagte am Montag in Berlin, "
            "die Verhandlungen mit Frankreich seien schwierig gewesen. Der "
            "Finanzminister Olaf Scholz wird nächste Woche nach Paris "
            "reisen, um mit seinem Kollegen Bruno Le Maire über den "
            "Haushalt zu sprechen.")
        by_text = {e["text"]: e for e in result}
        self.assertEqual(by_text["Emmanuel Macron"]["source"], "en-conll2003")
        german = "de-conll2003+nl-conll2002"
        self.assertEqual(by_text["Olaf Scholz"]["source"], german)
        self.assertEqual(by_text["Montag"]["type"], "DATE")
        # One entity, each mention with the model of its paragraph.
        merkel = by_text["Angela Merkel"]
        self.assertEqual(merkel["source"], "en-conll2003")
        self.assertEqual([m.get("source") for m in merkel["mentions"]],
                         [None, german])

    def test_names_never_show_half_a_pair_of_quotation_marks(self):
        # Spanish names take the quotation marks around them, as the
        # Spanish model's training data writes them; no name anywhere
        # keeps one mark of a pair.
        text = ("Los vecinos del \" El Torreón \" fueron a un \" Desayuno "
                "Cardiosaludable \" , dentro del programa \" Fomento de "
                "Emprendedores \" de la Junta de Extremadura en Mérida, "
                "según informó ayer el alcalde de la ciudad.")
        result = self.run_text(text)
        names = {e["text"] for e in result if e["source"] != "rules"}
        self.assertIn('" El Torreón "', names)
        for name in names:
            self.assertEqual(name.count('"') % 2, 0, name)

    def test_languages_without_a_model_get_rules_only(self):
        result = self.run_text(
            "Il presidente Sergio Mattarella ha ricevuto Angela Merkel a "
            "Roma. La Banca d'Italia prevede una crescita del 5 % "
            "quest'anno, secondo un comunicato pubblicato su "
            "https://www.bancaditalia.example/comunicato.")
        types = {e["type"] for e in result}
        self.assertIn("URL", types)
        self.assertFalse(types & {"PERSON", "ORG", "LOC", "MISC"})
        self.assertEqual({e["source"] for e in result}, {"rules"})


class Options(unittest.TestCase):
    def test_max_entities_keeps_the_busiest(self):
        with open(ARTICLE, encoding="utf-8") as f:
            text = f.read()
        lines = [json.dumps({"id": "all", "text": text}),
                 json.dumps({"id": "three", "text": text,
                             "options": {"entities": {"max_entities": 3}}})]
        docs = process("--jsonl", "--only", "entities", "-",
                       stdin="\n".join(lines).encode())
        every, three = (d["entities"] for d in docs)
        self.assertGreater(len(every), 3)
        # The most mentioned, the first on a tie, in order of appearance.
        ranked = sorted(range(len(every)), key=lambda i: (-every[i]["count"], i))
        self.assertEqual(three, [every[i] for i in sorted(ranked[:3])])
        self.assertNotEqual(three, every[:3], "an article where it matters")

    def test_default_caps_hold_on_a_large_article(self):
        # Some 2,000 distinct names (and their numbers), each said three
        # times: more entities and mentions than the defaults list.
        names = ["Ambassador Kel%sor Vandr%s" % (chr(97 + i % 26) * (1 + i // 26 % 3),
                                                  "".join(chr(97 + int(d)) for d in str(i)))
                 for i in range(2000)]
        text = "\n".join("%s met %s in Paris on %d May, with %d%% of the vote." %
                         (names[i], names[(i + 1) % 2000], i % 28 + 1, i)
                         for i in range(2000)) + "\n"
        text = text * 2
        [doc] = process("--jsonl", "--only", "entities", "-",
                        stdin=json.dumps({"id": "big", "text": text}).encode())
        items = doc["entities"]
        self.assertEqual(len(items), 1000)
        self.assertEqual(sum(len(e["mentions"]) for e in items), 3000)
        paris = entity(doc, "Paris", "LOC")
        self.assertIsNotNone(paris, "the busiest entity is kept")
        self.assertEqual(paris["count"], 4000)
        firsts = [e["mentions"][0]["start"] for e in items if e["mentions"]]
        self.assertEqual(firsts, sorted(firsts))

    def test_max_mentions_lists_the_first_and_counts_all(self):
        with open(ARTICLE, encoding="utf-8") as f:
            text = f.read()
        lines = [json.dumps({"id": "two", "text": (text + "\n") * 3,
                             "options": {"entities": {"max_mentions": 2}}})]
        lines.append(json.dumps({"id": "one", "text": text}))
        doc, one = process("--jsonl", "--only", "entities", "-",
                           stdin="\n".join(lines).encode())
        lagarde = entity(doc, "Christine Lagarde", "PERSON")
        self.assertEqual(lagarde["count"],
                         3 * entity(one, "Christine Lagarde", "PERSON")["count"])
        self.assertEqual(len(lagarde["mentions"]), 2)
        starts = [m["start"] for m in lagarde["mentions"]]
        self.assertEqual(starts, sorted(starts))
        self.assertLess(starts[-1], len(text), "the first ones are listed")

    def test_a_long_article_is_read_in_windows_and_loses_no_name(self):
        with open(ARTICLE, encoding="utf-8") as f:
            text = f.read()
        copies = 400   # about 80,000 tokens: more than one window
        [doc] = process("--jsonl", "--only", "entities", "-",
                        stdin=json.dumps({"id": "long", "text": (text + "\n") * copies}).encode())
        [one] = process("--jsonl", "--only", "entities", "-",
                        stdin=json.dumps({"id": "one", "text": text}).encode())
        for e in one["entities"]:
            long_form = entity(doc, e["text"], e["type"])
            self.assertIsNotNone(long_form, e["text"])
            self.assertEqual(long_form["count"], e["count"] * copies, e["text"])
            self.assertEqual(len(long_form["mentions"]),
                             min(e["count"] * copies, 100), "the default cap")

    def test_plain_words_have_no_entities(self):
        text = "nothing much happened here, and then it rained."
        docs = process("--jsonl", "--only", "entities", "-",
                       stdin=json.dumps({"id": "e", "text": text}).encode())
        self.assertEqual(docs[0]["entities"], [])


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--lectord", required=True)
    parser.add_argument("--build", required=True)
    args, rest = parser.parse_known_args()
    LECTORD = args.lectord
    unittest.main(argv=[sys.argv[0]] + rest)
