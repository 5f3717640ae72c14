"""What the end-to-end tests share: running the built lectord, and the schema.

Each test script is run by ctest as
    python3 SCRIPT --lectord PATH --build DIR
and uses only the standard library and Debian's python3-jsonschema.
"""
import argparse
import json
import os
import subprocess
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA = os.path.join(ROOT, "schema", "lector-1.schema.json")
DATA = os.path.join(ROOT, "tests", "data")

LECTORD = None
BUILD = None


def lectord(*args, stdin=None, timeout=120):
    """Runs lectord; returns (exit code, stdout, stderr) as text."""
    proc = subprocess.run([LECTORD, *args], input=stdin, capture_output=True,
                          text=True, timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


def process(*args, stdin=None):
    """lectord process ARGS; the output objects, one per line."""
    code, out, err = lectord("process", *args, stdin=stdin)
    if code != 0:
        raise AssertionError(f"lectord process {args} exited {code}: {err}")
    return [json.loads(line) for line in out.splitlines()]


def validate(doc):
    """Checks one output object against the repository's JSON Schema."""
    import jsonschema
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator(schema).validate(doc)


def check_offsets(test, doc, spans):
    """Each span's text is the text between its code-point offsets."""
    for span in spans:
        test.assertEqual(doc["text"][span["start"]:span["end"]], span["text"])


def main():
    global LECTORD, BUILD
    parser = argparse.ArgumentParser()
    parser.add_argument("--lectord", required=True)
    parser.add_argument("--build", required=True)
    args, rest = parser.parse_known_args()
    LECTORD, BUILD = os.path.abspath(args.lectord), os.path.abspath(args.build)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
