#!/usr/bin/env python3
"""Speed of the entities plugin on one core, in tokens a second.

Rebuilds the CoNLL-2003 documents as text (as scripts/eval-entities.py
does), runs them through `lectord process --jsonl --only entities` pinned to
one CPU, and reports:

  - plugin: tokens / time the entities plugin took, summed from the
    "pipeline" timings of each output. The host tokenizes lazily, on the
    first request, so this time includes the host's tokenization and
    sentence splitting as well as tagging, rules and grouping;
  - plugin alone: the same with `--only stats,entities`, where stats has
    already made the host tokenize: tagging, rules and grouping only;
  - end to end: tokens / wall time of the whole command (JSON in and out,
    process start, model load);
  - model load: the median wall time of `lectord process --only entities`
    on one short article, less that of `--only stats`.

    scripts/bench-entities.py [--lectord build/lectord] [--data ../shared/data]
                              [--repeat 3] [--cpu 0] [--languages]

--languages instead measures each language's tagger: the train and dev
text of every ner/multi set (and CoNLL-2003 English train and valid, the
baseline each rate is divided by) through `lectord
process --jsonl --only langid,entities`, the plugin's tokens/s from the
pipeline timings; then the peak resident memory of one `lectord process`
whose articles make it map every model, against one that maps English only
(each process measured on its own: the kernel's maxrss, from wait4).
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib.util  # noqa: E402

spec = importlib.util.spec_from_file_location(
    "evalentities", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                 "eval-entities.py"))
evalentities = importlib.util.module_from_spec(spec)
spec.loader.exec_module(evalentities)


def pinned(cpu, argv):
    if cpu is not None and shutil.which("taskset"):
        return ["taskset", "-c", str(cpu)] + argv
    return argv


def timed(argv, data=None):
    t0 = time.perf_counter()
    run = subprocess.run(argv, input=data, capture_output=True)
    seconds = time.perf_counter() - t0
    if run.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(argv), run.stderr.decode()))
    return run.stdout, seconds


def entities_ms(out):
    ms = 0.0
    for line in out.decode().splitlines():
        for step in json.loads(line)["pipeline"]:
            if step["plugin"] == "entities":
                ms += step["ms"]
    return ms


def load_time(lectord, cpu):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("Short note\n\nAnne Hidalgo spoke in Paris on Monday.\n")
        path = f.name
    try:
        runs = {}
        for only in ("entities", "stats"):
            runs[only] = statistics.median(
                timed(pinned(cpu, [lectord, "process", "--only", only,
                                   path]))[1] for _ in range(7))
    finally:
        os.unlink(path)
    return runs["entities"] - runs["stats"]


def set_texts(data, name):
    texts, ntokens = [], 0
    for split in ("train", "dev"):
        for doc in evalentities.read_conll(os.path.join(
                data, "ner", "multi", name, split + ".conll")):
            text, offsets, _ = evalentities.rebuild(doc)
            texts.append(text)
            ntokens += len(offsets)
    return texts, ntokens


def jsonl(texts):
    return "".join(json.dumps({"id": str(i), "text": t}) + "\n"
                   for i, t in enumerate(texts)).encode()


def peak_rss_kib(argv, data):
    """The kernel's maxrss of one lectord process, from wait4."""
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL)
    proc.stdin.write(data)
    proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = status
    if status != 0:
        sys.exit("failed: %s" % " ".join(argv))
    return usage.ru_maxrss


def languages(args):
    sets = ("de-conll2003", "es-conll2002", "nl-conll2002", "fr-europeana",
            "pt-uner", "da-uner", "sv-uner", "nb-norne", "nn-norne",
            "fi-turku", "ru-factrueval")
    one_each = []
    print("%-16s %9s %12s %8s" % ("set", "tokens", "tokens/s",
                                   "/ English"))
    english_rate = None
    for name in ("en-conll2003",) + sets:
        if name == "en-conll2003":
            texts, ntokens = [], 0
            for split in ("train", "valid"):
                for doc in evalentities.read_conll(os.path.join(
                        args.data, "ner", "conll2003", split + ".txt")):
                    text, offsets, _ = evalentities.rebuild(doc)
                    texts.append(text)
                    ntokens += len(offsets)
        else:
            texts, ntokens = set_texts(args.data, name)
        if name != "en-conll2003":
            one_each.append(texts[len(texts) // 2])
        out, _ = timed(pinned(args.cpu, [
            args.lectord, "process", "--jsonl", "--only", "langid,entities",
            "-"]), jsonl(texts))
        rate = ntokens / (entities_ms(out) / 1000)
        english_rate = english_rate or rate
        print("%-16s %9d %12.0f %8.2f" % (name, ntokens, rate,
                                          rate / english_rate))
    english = ["Anne Hidalgo spoke in Paris on Monday with Emmanuel "
               "Macron, the French president."]
    argv = [args.lectord, "process", "--jsonl", "--only", "langid,entities",
            "-"]
    for title, texts in (("English only", english),
                         ("every language", english + one_each)):
        kib = peak_rss_kib(argv, jsonl(texts))
        print("peak RSS, %s: %.1f MiB" % (title, kib / 1024))
    return 0


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lectord", default=os.path.join(root, "build", "lectord"))
    ap.add_argument("--data", default=os.path.join(root, "..", "shared",
                                                   "data"))
    ap.add_argument("--repeat", type=int, default=3,
                    help="passes over train+valid (default 3)")
    ap.add_argument("--cpu", type=int, default=0,
                    help="CPU to pin to with taskset (default 0)")
    ap.add_argument("--languages", action="store_true",
                    help="each language's tagger, and peak memory")
    args = ap.parse_args()
    if args.languages:
        return languages(args)

    texts, ntokens = [], 0
    for split in ("train", "valid"):
        for doc in evalentities.read_conll(os.path.join(
                args.data, "ner", "conll2003", split + ".txt")):
            text, offsets, _ = evalentities.rebuild(doc)
            texts.append(text)
            ntokens += len(offsets)
    lines = "".join(json.dumps({"id": str(i), "text": t}) + "\n"
                    for i, t in enumerate(texts)).encode()

    plugin_ms, alone_ms, wall = 0.0, 0.0, 0.0
    for _ in range(args.repeat):
        out, seconds = timed(pinned(args.cpu, [
            args.lectord, "process", "--jsonl", "--only", "entities", "-"]),
            lines)
        wall += seconds
        plugin_ms += entities_ms(out)
        out, _ = timed(pinned(args.cpu, [
            args.lectord, "process", "--jsonl", "--only", "stats,entities",
            "-"]), lines)
        alone_ms += entities_ms(out)
    total = ntokens * args.repeat
    print("%d documents, %d tokens, %d passes, pinned to CPU %s" %
          (len(texts), ntokens, args.repeat, args.cpu))
    print("plugin:     %9.0f tokens/s  (%.2f s in the entities plugin)" %
          (total / (plugin_ms / 1000), plugin_ms / 1000))
    print("plugin alone: %7.0f tokens/s  (%.2f s, host tokens made before)" %
          (total / (alone_ms / 1000), alone_ms / 1000))
    print("end to end: %9.0f tokens/s  (%.2f s wall)" % (total / wall, wall))
    print("model load: %9.1f ms (median, entities less stats)" %
          (1000 * load_time(args.lectord, args.cpu)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
