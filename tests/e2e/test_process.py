"""`lectord process` as a user runs it: files, stdin, JSON Lines, failures."""
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lectortest as lt  # noqa: E402

SAMPLE = os.path.join(lt.DATA, "hanoi-summit.txt")


class ProcessOneArticle(unittest.TestCase):
    def setUp(self):
        [self.doc] = lt.process("--only", "stats", SAMPLE)

    def test_output_follows_the_schema(self):
        lt.validate(self.doc)
        self.assertEqual(self.doc["schema"], "lector/1")

    def test_title_byline_and_date_are_read(self):
        self.assertEqual(self.doc["title"],
                         "Trump and Kim end Hanoi summit early without a deal")
        self.assertEqual(self.doc["byline"], "Ben McGrath")
        self.assertEqual(self.doc["published"], "2019-03-01")
        self.assertTrue(self.doc["text"].startswith("HANOI - US President"))

    def test_stats_count_what_a_reader_counts(self):
        stats = self.doc["stats"]
        # 8 paragraphs in the file, one of them broken mid-sentence.
        self.assertEqual(stats["paragraphs"], 7)
        self.assertEqual(stats["sentences"], 20)
        self.assertEqual(stats["characters"], len(self.doc["text"]))
        self.assertGreater(stats["words"], 300)

    def test_source_names_the_file_and_its_hash(self):
        import hashlib
        with open(SAMPLE, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        self.assertEqual(self.doc["source"]["sha256"], digest)
        self.assertEqual(self.doc["source"]["file"], SAMPLE)
        self.assertEqual(self.doc["id"], digest[:16])

    def test_pipeline_lists_reader_then_annotators(self):
        self.assertEqual([p["plugin"] for p in self.doc["pipeline"]],
                         ["text", "stats"])


class ProcessManyArticles(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def write(self, name, data):
        path = os.path.join(self.dir.name, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def test_one_failure_does_not_stop_the_others(self):
        good = self.write("good.txt", b"One sentence. Two sentences.")
        empty = self.write("empty.txt", b"")
        binary = self.write("photo.txt", b"\x89PNG\x00\x00")
        also = self.write("also.json", b'{"text": "Hello there."}')
        code, out, err = lt.lectord("process", "--only", "stats", good, empty,
                                    binary, also)
        self.assertEqual(code, 1)
        docs = [json.loads(line) for line in out.splitlines()]
        self.assertEqual([d["source"]["file"] for d in docs], [good, also])
        self.assertIn(f"{empty}: text: empty article", err)
        self.assertIn(f"{binary}: binary file (NUL byte at offset 4)", err)

    def test_a_name_cannot_forge_a_line_of_stderr(self):
        forged = self.write("a\nb.txt: text: fine\x1b[2K.txt", b"")
        code, out, err = lt.lectord("process", "--only", "stats", forged)
        self.assertEqual(code, 1)
        self.assertEqual(err.count("\n"), 1, err)
        self.assertNotIn("\x1b", err)
        shown = forged.replace("\n", "\\n").replace("\x1b", "\\x1b")
        self.assertEqual(err, f"{shown}: text: empty article: no text to process\n")

    def test_standard_input(self):
        [doc] = lt.process("--only", "stats", "-", stdin="Hello. Bye.")
        self.assertEqual(doc["source"]["file"], "stdin")
        self.assertEqual(doc["stats"]["sentences"], 2)

    def test_jsonl_keeps_order_ids_and_marks_failures(self):
        lines = [{"id": f"a{i}", "text": f"Article number {i}."} for i in range(50)]
        lines[7] = {"id": "bad", "title": "no text"}
        stdin = "\n".join(json.dumps(x) for x in lines) + "\n"
        code, out, err = lt.lectord("process", "--jsonl", "--only", "stats",
                                    "-", stdin=stdin)
        self.assertEqual(code, 1)
        docs = [json.loads(line) for line in out.splitlines()]
        self.assertEqual(len(docs), 50)
        self.assertEqual(docs[0]["id"], "a0")
        self.assertEqual(docs[49]["id"], "a49")
        self.assertIn("error", docs[7])
        self.assertEqual(docs[7]["error"]["plugin"], "json")
        self.assertIn("stdin:8: json:", err)
        for d in docs[:7] + docs[8:]:
            lt.validate(d)

    def test_per_article_options(self):
        stdin = json.dumps({"text": "A b c d.", "options": {
            "stats": {"words_per_minute": 1}}})
        [doc] = lt.process("--jsonl", "--only", "stats", "-", stdin=stdin)
        self.assertEqual(doc["stats"]["reading_seconds"], 240)

    def test_pretty_output_is_the_same_object(self):
        [a] = lt.process("--only", "stats", SAMPLE)
        code, out, _ = lt.lectord("process", "--pretty", "--only", "stats", SAMPLE)
        self.assertEqual(code, 0)
        b = json.loads(out)
        for d in (a, b):
            del d["source"]["received"]
            d["pipeline"] = [p["plugin"] for p in d["pipeline"]]
        self.assertEqual(a, b)
        self.assertIn("\n  ", out)


class CommandLine(unittest.TestCase):
    def test_usage_errors_exit_2(self):
        code, _, err = lt.lectord("process")
        self.assertEqual(code, 2)
        self.assertIn("no file given", err)
        code, _, err = lt.lectord("frobnicate")
        self.assertEqual(code, 2)
        self.assertIn("unknown command 'frobnicate'", err)
        code, _, err = lt.lectord("process", "--only", "nosuch", SAMPLE)
        self.assertEqual(code, 2)
        self.assertIn("no plugin named 'nosuch'", err)

    def test_bad_config_exits_2_naming_the_file(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json") as f:
            f.write('{"pipeline": ["stats"], '
                    '"plugins": {"stats": {"words_per_minute": -3}}}')
            f.flush()
            code, _, err = lt.lectord("check-config", "-c", f.name)
            self.assertEqual(code, 2)
            self.assertIn("plugins.stats.words_per_minute: expected a number "
                          "from 1 to 2000", err)

    def test_plugins_lists_readers_and_annotators(self):
        code, out, _ = lt.lectord("plugins", "--json")
        self.assertEqual(code, 0)
        listed = {p["name"]: p for p in json.loads(out)["plugins"]}
        self.assertEqual(listed["text"]["kind"], "reader")
        self.assertIn("json", listed["json"]["formats"])
        self.assertEqual(listed["stats"]["key"], "stats")
        self.assertEqual(listed["stats"]["options"][0]["name"], "words_per_minute")

    def test_version_and_help(self):
        code, out, _ = lt.lectord("--version")
        self.assertEqual(code, 0)
        self.assertRegex(out, r"^lectord \d+\.\d+\.\d+ \(plugin ABI 1\.\d+\)")
        code, out, _ = lt.lectord("--help")
        self.assertEqual(code, 0)
        self.assertIn("lectord process", out)


if __name__ == "__main__":
    lt.main()
