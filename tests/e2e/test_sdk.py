"""The plugin SDK as a third party uses it: the guide's code, the install,
out-of-tree builds with pkg-config and with CMake, C++, and the installed
lectord running what was built."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lectortest as lt  # noqa: E402

GUIDE = os.path.join(lt.ROOT, "docs", "plugins.md")
EXAMPLES = os.path.join(lt.ROOT, "plugins", "example")
CFLAGS = ["-shared", "-fPIC", "-Wall", "-Wextra", "-Werror"]


def run(cmd, **kw):
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if proc.returncode != 0:
        raise AssertionError(f"{cmd} exited {proc.returncode}:\n{proc.stdout}"
                             f"\n{proc.stderr}")
    return proc.stdout


def guide_blocks():
    """The guide's C blocks, by the file name in their first comment."""
    with open(GUIDE, encoding="utf-8") as f:
        blocks = re.findall(r"```c\n(.*?)```", f.read(), re.S)
    named = {}
    for block in blocks:
        name = re.match(r"/\* (\w+)\.c", block)
        assert name, "each C block of the guide opens with /* NAME.c ... */"
        named[name.group(1)] = block
    return named


class Guide(unittest.TestCase):
    """Every C block of docs/plugins.md compiles and does what it says."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = os.path.join(cls.tmp.name, "plugins")
        os.mkdir(cls.dir)
        include = os.path.join(lt.ROOT, "core", "include")
        cls.blocks = guide_blocks()
        for name, code in cls.blocks.items():
            src = os.path.join(cls.tmp.name, name + ".c")
            with open(src, "w", encoding="utf-8") as f:
                f.write(code)
            run(["cc", *CFLAGS, "-I", include, src, "-o",
                 os.path.join(cls.dir, name + ".so")])

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_guide_has_an_annotator_and_a_reader(self):
        self.assertIn("exclaim", self.blocks)
        self.assertIn("lines", self.blocks)

    def test_annotator_counts_as_the_guide_says(self):
        story = os.path.join(self.tmp.name, "story.txt")
        with open(story, "w") as f:
            f.write("What a day! It rained. We won!\n")
        [doc] = lt.process("--plugin-dir", self.dir, "--only", "exclaim", story)
        self.assertEqual(doc["exclaim"], {"sentences": 2})
        self.assertEqual(doc["pipeline"][-1]["plugin"], "exclaim")

    def test_option_is_checked_and_used(self):
        stdin = json.dumps({"text": "Go! We really did win it all!",
                            "options": {"exclaim": {"min_words": 2}}})
        [doc] = lt.process("--plugin-dir", self.dir, "--only", "exclaim",
                           "--jsonl", "-", stdin=stdin)
        self.assertEqual(doc["exclaim"], {"sentences": 1})
        bad = json.dumps({"text": "Go!", "options": {"exclaim": {"min_words": -1}}})
        code, _, err = lt.lectord("process", "--plugin-dir", self.dir, "--only",
                                  "exclaim", "--jsonl", "-", stdin=bad)
        self.assertEqual(code, 1)
        self.assertIn("options.exclaim.min_words: expected an integer from 0 "
                      "to 1000", err)

    def test_reader_reads_its_format(self):
        path = os.path.join(self.tmp.name, "note.lines")
        with open(path, "w") as f:
            f.write("A title\nThe body. It has two sentences.\n")
        [doc] = lt.process("--plugin-dir", self.dir, "--only", "exclaim", path)
        self.assertEqual(doc["title"], "A title")
        self.assertEqual(doc["source"]["format"], "lines")
        self.assertEqual(doc["pipeline"][0]["plugin"], "lines")

    def test_plugins_command_shows_them(self):
        code, out, _ = lt.lectord("plugins", "--plugin-dir", self.dir, "--json")
        self.assertEqual(code, 0)
        names = [p["name"] for p in json.loads(out)["plugins"]]
        self.assertIn("exclaim", names)
        self.assertIn("lines", names)


class InstalledSdk(unittest.TestCase):
    """Install into a temporary prefix, build the examples out of tree
    against it, and run them in the installed lectord."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.prefix = os.path.join(cls.tmp.name, "prefix")
        run(["cmake", "--install", lt.BUILD, "--prefix", cls.prefix])
        cls.out = os.path.join(cls.tmp.name, "out")
        os.mkdir(cls.out)
        cls.lectord = os.path.join(cls.prefix, "bin", "lectord")
        pc = [os.path.join(root, f) for root, _, files in os.walk(cls.prefix)
              for f in files if f == "lector-plugin.pc"]
        assert len(pc) == 1, pc
        cls.env = dict(os.environ, PKG_CONFIG_PATH=os.path.dirname(pc[0]))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def installed(self, *args, stdin=None):
        proc = subprocess.run([self.lectord, *args], input=stdin,
                              capture_output=True, text=True)
        return proc.returncode, proc.stdout, proc.stderr

    def test_a_pkg_config_build(self):
        flags = run(["pkg-config", "--cflags", "lector-plugin"],
                    env=self.env).split()
        self.assertTrue(any(f.startswith("-I" + self.prefix) for f in flags))
        plugindir = run(["pkg-config", "--variable=plugindir", "lector-plugin"],
                        env=self.env).strip()
        self.assertTrue(os.path.isfile(os.path.join(plugindir, "stats.so")))
        abi = run(["pkg-config", "--variable=abi_major", "lector-plugin"],
                  env=self.env).strip()
        self.assertEqual(abi, "1")
        self.build_quotes_with_pkg_config()
        self.check_examples_run()

    def test_b_cmake_build(self):
        self.build_markdown_with_cmake()
        self.check_examples_run()

    def build_quotes_with_pkg_config(self):
        flags = run(["pkg-config", "--cflags", "lector-plugin"],
                    env=self.env).split()
        run(["cc", *CFLAGS, *flags, os.path.join(EXAMPLES, "quotes.c"), "-o",
             os.path.join(self.out, "quotes.so")])

    def build_markdown_with_cmake(self):
        project = os.path.join(self.tmp.name, "cmake-project")
        shutil.rmtree(project, ignore_errors=True)
        os.mkdir(project)
        shutil.copy(os.path.join(EXAMPLES, "markdown.c"), project)
        with open(os.path.join(project, "CMakeLists.txt"), "w") as f:
            f.write("cmake_minimum_required(VERSION 3.18)\n"
                    "project(markdown C)\n"
                    "find_package(lector 0.1 REQUIRED)\n"
                    "lector_add_plugin(markdown SOURCES markdown.c)\n"
                    "target_compile_options(markdown PRIVATE -Wall -Wextra -Werror)\n")
        build = os.path.join(project, "build")
        run(["cmake", "-S", project, "-B", build,
             "-DCMAKE_PREFIX_PATH=" + self.prefix], env=self.env)
        run(["cmake", "--build", build], env=self.env)
        shutil.copy(os.path.join(build, "markdown.so"), self.out)

    def check_examples_run(self):
        """Runs both examples together; whichever the other test has not
        built yet (run alone, or in another order) is built here."""
        if not os.path.exists(os.path.join(self.out, "quotes.so")):
            self.build_quotes_with_pkg_config()
        if not os.path.exists(os.path.join(self.out, "markdown.so")):
            self.build_markdown_with_cmake()
        story = os.path.join(self.tmp.name, "story.md")
        with open(story, "w") as f:
            f.write('# Talks end\n\n"We will walk," said Trump. '
                    'Kim said "no deal".\n')
        code, out, err = self.installed("process", "--plugin-dir", self.out,
                                        "--only", "quotes,stats", story)
        self.assertEqual(code, 0, err)
        doc = json.loads(out)
        self.assertEqual(doc["title"], "Talks end")
        self.assertEqual([q["speaker"] for q in doc["quotes"]], ["Trump", "Kim"])
        self.assertEqual(doc["pipeline"][0]["plugin"], "markdown")
        lt.validate(doc)

    def test_install_stays_in_its_prefix(self):
        unit = os.path.join(self.prefix, "lib", "systemd", "system",
                            "lectord.service")
        self.assertTrue(os.path.isfile(unit))
        manifest = os.path.join(lt.BUILD, "install_manifest.txt")
        with open(manifest, encoding="utf-8") as f:
            outside = [p for p in f.read().split("\n")
                       if p and not p.startswith(self.prefix)]
        self.assertEqual(outside, [])

    def test_c_cxx_plugin_loads(self):
        src = os.path.join(lt.ROOT, "tests", "fixtures", "cxx_plugin.cpp")
        flags = run(["pkg-config", "--cflags", "lector-plugin"],
                    env=self.env).split()
        cxx_dir = os.path.join(self.tmp.name, "cxx")
        os.mkdir(cxx_dir)
        run(["c++", "-shared", "-fPIC", "-Wall", "-Werror", *flags, src, "-o",
             os.path.join(cxx_dir, "cxx.so")])
        code, out, err = self.installed("process", "--plugin-dir", cxx_dir,
                                        "--only", "cxx", "-", stdin="Hello.")
        self.assertEqual(code, 0, err)
        self.assertEqual(json.loads(out)["cxx"], {"length": 6})


if __name__ == "__main__":
    lt.main()
