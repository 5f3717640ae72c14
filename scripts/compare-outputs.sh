#!/bin/sh
# Checks that `lectord run` writes, for every article, the output
# `lectord process` writes for it: same plugins, same results.
#
#   scripts/compare-outputs.sh [--build DIR] [--data DIR] [--workers W]
#                              [--pipeline a,b,...]
#
# The articles are every .txt under DIR (default: ../shared/data/summary/bbc,
# 1,792 BBC articles and summaries), under names made unique from their
# paths. Both commands see the same names; the times an output carries
# (source.received, each plugin's ms) are left out of the comparison.
# Exit status 0 when every output matches, 1 otherwise.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
exec python3 - "$root" "$@" <<'PY'
import argparse, glob, json, os, shutil, signal, subprocess, sys, tempfile, time

root = sys.argv[1]
p = argparse.ArgumentParser(prog="compare-outputs.sh")
p.add_argument("--build", default=os.path.join(root, "build"))
p.add_argument("--data", default=os.path.join(root, "..", "shared", "data", "summary", "bbc"))
p.add_argument("--workers", type=int, default=0)
p.add_argument("--pipeline", default=None)
a = p.parse_args(sys.argv[2:])

lectord = os.path.abspath(os.path.join(a.build, "lectord"))
paths = sorted(glob.glob(os.path.join(a.data, "**", "*.txt"), recursive=True))
if not paths:
    sys.exit("no .txt under %s" % a.data)
tmp = tempfile.mkdtemp(prefix="lector-compare-")
staging = os.path.join(tmp, "staging")
os.makedirs(staging)
names = []
for path in paths:
    name = os.path.relpath(path, a.data).replace(os.sep, "-")
    shutil.copyfile(path, os.path.join(staging, name))
    names.append(name)


def comparable(doc):
    doc.get("source", {}).pop("received", None)
    for step in doc.get("pipeline", []):
        step.pop("ms", None)
    return doc


# process: one JSON document a line, in the order of the files.
cmd = [lectord, "process"] + (["--only", a.pipeline] if a.pipeline else [])
r = subprocess.run(cmd + names, cwd=staging, capture_output=True, text=True)
if r.returncode != 0:
    sys.exit("lectord process failed: %s" % r.stderr[-2000:])
expected = {}
for line in r.stdout.splitlines():
    doc = json.loads(line)
    expected[doc["source"]["file"]] = comparable(doc)

spool = os.path.join(tmp, "spool")
config = {"spool": spool, "workers": a.workers, "log_level": "notice",
          "rescan_seconds": 30, "settle_seconds": 1}
if a.pipeline:
    config["pipeline"] = a.pipeline.split(",")
with open(os.path.join(tmp, "lectord.json"), "w") as f:
    json.dump(config, f)
log_path = os.path.join(tmp, "lectord.log")
log = open(log_path, "wb")
proc = subprocess.Popen([lectord, "run", "-c", os.path.join(tmp, "lectord.json")],
                        stdout=log, stderr=log, cwd=tmp)
while b"watching" not in open(log_path, "rb").read():
    if proc.poll() is not None:
        sys.exit("lectord exited; log in %s" % tmp)
    time.sleep(0.05)
inbox, outbox = os.path.join(spool, "inbox"), os.path.join(spool, "outbox")
for name in names:
    os.rename(os.path.join(staging, name), os.path.join(inbox, name))
end = time.monotonic() + 1800
while len([n for n in os.listdir(outbox) if not n.startswith(".")]) < len(names):
    failed = os.path.join(spool, "failed")
    if proc.poll() is not None or (os.path.isdir(failed) and os.listdir(failed)):
        sys.exit("lectord failed articles or exited; log in %s" % tmp)
    if time.monotonic() > end:
        sys.exit("lectord did not finish in time; log in %s" % tmp)
    time.sleep(0.2)
proc.send_signal(signal.SIGTERM)
proc.wait(60)

differ, missing = [], 0
for name in names:
    stem = os.path.splitext(name)[0]
    with open(os.path.join(outbox, stem + ".json")) as f:
        got = comparable(json.load(f))
    want = expected.get(name)
    if want is None:
        missing += 1
    elif got != want:
        differ.append(name)
print("%d articles from %s; pipeline %s: %d outputs equal, %d differ, %d missing from "
      "process" % (len(names), a.data, a.pipeline or "default",
                   len(names) - len(differ) - missing, len(differ), missing))
for name in differ[:10]:
    print("  differs: %s" % name)
if differ or missing:
    print("outputs kept in %s" % tmp)
    sys.exit(1)
shutil.rmtree(tmp)
PY
