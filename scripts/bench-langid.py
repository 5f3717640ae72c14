#!/usr/bin/env python3
"""Speed of the langid model on one core, with CLD2 on the same input in the same run.

    scripts/bench-langid.py [--build DIR] [--model FILE] [--data DIR] [--mb N]

Inputs, made from ../shared/data/langid:
  long text   one article of about N MB (default 8): the English UDHR and
              English Tatoeba sentences as paragraphs of eight sentences,
              repeated; identified as one article, paragraph by paragraph
              (spans included), the way the plugin runs.
  sentences   the 10,000 Tatoeba sentences of ten languages, each on its own.
Each figure is the median of five runs, pinned to one CPU with taskset when
it is there, timed in CPU time of the thread (the machine may be shared). Also prints the full-scan speed (every letter scored, no
sampling), the model size and its load time (median of 21 opens).
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def kv(text):
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def make_inputs(data, tmp, mb):
    sentences = []
    english = []
    for path in sorted(glob.glob(os.path.join(data, "langid/tatoeba/*_1000.csv"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 3 and parts[2].strip():
                    sentences.append(parts[2].strip())
                    if parts[1] == "eng":
                        english.append(parts[2].strip())
    with open(os.path.join(data, "langid/udhr.tsv"), encoding="utf-8") as f:
        udhr = [row.split("\t")[4].strip() for row in f
                if row.split("\t")[1:2] == ["eng"] and row.count("\t") == 4]
    paragraphs = udhr + [" ".join(english[i:i + 8]) for i in range(0, len(english), 8)]
    unit = "\n".join(paragraphs) + "\n"
    long_path = os.path.join(tmp, "long.txt")
    with open(long_path, "w", encoding="utf-8") as f:
        f.write(unit * max(1, int(mb * 1e6 / len(unit.encode("utf-8")))))
    sent_path = os.path.join(tmp, "sentences.txt")
    with open(sent_path, "w", encoding="utf-8") as f:
        f.write("\n".join(sentences) + "\n")
    return long_path, sent_path


def pinned(cmd):
    return (["taskset", "-c", "0"] if shutil.which("taskset") else []) + cmd


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--model", default=os.path.join(ROOT, "plugins/langid/model/langid.model"))
    ap.add_argument("--data", default=os.path.join(ROOT, "../shared/data"))
    ap.add_argument("--mb", type=float, default=8.0)
    args = ap.parse_args()

    tool = os.path.join(args.build, "plugins/langid/langid-train")
    if subprocess.run(["cmake", "--build", args.build, "--target", "langid-train"],
                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
        if not os.path.exists(tool):
            sys.exit("cannot build %s" % tool)
        print("warning: could not rebuild %s; using the one there" % tool, file=sys.stderr)
    tmp = tempfile.mkdtemp()
    harness = os.path.join(tmp, "cld2-harness")
    subprocess.run(["g++", "-O2", "-o", harness,
                    os.path.join(ROOT, "plugins/langid/cld2/cld2-harness.cc"), "-lcld2"], check=True)
    long_path, sent_path = make_inputs(args.data, tmp, args.mb)

    ours = kv(subprocess.run(pinned([tool, "bench", args.model, long_path, sent_path]),
                             capture_output=True, text=True, check=True).stdout)
    cld2 = kv(subprocess.run(pinned([harness, "bench", long_path, sent_path]),
                             capture_output=True, text=True, check=True).stdout)
    shutil.rmtree(tmp)

    print("long text: %.1f MB, %s paragraphs, one article" % (int(ours["long_bytes"]) / 1e6,
                                                               ours["long_paragraphs"]))
    print("  langid  %8.1f MB/s  (answer %s; full scan of every letter: %s MB/s)"
          % (float(ours["long_mb_s"]), ours["long_answer"], ours["full_scan_mb_s"]))
    print("  cld2    %8.1f MB/s  (answer %s)" % (float(cld2["long_mb_s"]), cld2["long_answer"]))
    print("  ratio   %8.2f x" % (float(ours["long_mb_s"]) / float(cld2["long_mb_s"])))
    print("sentences: %s, each on its own" % ours["sentences"])
    print("  langid  %8.0f sentences/s" % float(ours["sentences_s"]))
    print("  cld2    %8.0f sentences/s" % float(cld2["sentences_s"]))
    print("  ratio   %8.2f x" % (float(ours["sentences_s"]) / float(cld2["sentences_s"])))
    print("model: %.1f MB, load %.2f ms (median of 21 opens, page cache warm)"
          % (int(ours["model_bytes"]) / 1e6, float(ours["load_ms"])))


if __name__ == "__main__":
    main()
