#!/usr/bin/env python3
"""Pages per second of the html reader on one core, beside the peers.

Takes the WCXB development pages of type "article" (news and blog
articles; ../shared/data/html/wcxb-dev), saves them as files, and times,
each pinned to one core (taskset -c 0), whole processes from start to exit:

  lector    lectord process --only stats FILE...   (the reader's cost)
  lector-default  lectord process FILE...          (the default pipeline)
  mozilla   Mozilla Readability with jsdom, one node process for all pages
  rdb-lxml  readability-lxml, one Python process for all pages

Prints the median of --runs runs, pages/s, the ratio to lector, and each
process's own peak memory (ru_maxrss from wait4).

    /usr/bin/python3 scripts/bench-html.py [--lectord build/lectord]
        [--data ../shared/data] [--pages 200] [--runs 3]
        [--node-modules build/peers/node_modules]
"""
import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

MOZILLA = r"""
const fs = require('fs');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');
let n = 0;
for (const file of process.argv.slice(2)) {
  try {
    const dom = new JSDOM(fs.readFileSync(file), { url: 'https://example.org/',
      virtualConsole: new VirtualConsole() });
    const a = new Readability(dom.window.document).parse();
    if (a && a.textContent) n++;
    dom.window.close();
  } catch (e) {}
}
process.stdout.write(n + '\n');
"""

RDB_LXML = r"""
import sys
from readability import Document
n = 0
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        try:
            if Document(f.read()).summary(html_partial=True):
                n += 1
        except Exception:
            pass
print(n)
"""


def article_pages(data, count):
    base = os.path.join(data, "html", "wcxb-dev")
    pages = []
    for name in sorted(os.listdir(os.path.join(base, "html"))):
        key = name.split(".")[0]
        with gzip.open(os.path.join(base, "ground-truth", key + ".json.gz")) as f:
            kind = json.load(f).get("_internal", {}).get("page_type", {}).get("primary")
        if kind != "article":
            continue
        with gzip.open(os.path.join(base, "html", name)) as f:
            pages.append(f.read())
        if len(pages) == count:
            break
    return pages


def timed(cmd, env=None):
    """Wall and CPU seconds, peak RSS in MB of one process pinned to core 0."""
    start = time.monotonic()
    proc = subprocess.Popen(["taskset", "-c", "0"] + cmd, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return (time.monotonic() - start, usage.ru_maxrss / 1024,
            usage.ru_utime + usage.ru_stime)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lectord", default="build/lectord")
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--node-modules", default="build/peers/node_modules")
    args = ap.parse_args()

    pages = article_pages(args.data, args.pages)
    size = sum(len(p) for p in pages)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, page in enumerate(pages):
            files.append(os.path.join(tmp, "%04d.html" % i))
            with open(files[-1], "wb") as f:
                f.write(page)
        js = os.path.join(tmp, "mozilla.js")
        with open(js, "w") as f:
            f.write(MOZILLA)
        py = os.path.join(tmp, "rdb.py")
        with open(py, "w") as f:
            f.write(RDB_LXML)
        lectord = os.path.abspath(args.lectord)
        tools = [("lector", [lectord, "process", "--only", "stats"] + files, None),
                 ("lector-default", [lectord, "process"] + files, None)]
        if os.path.isdir(os.path.join(args.node_modules, "jsdom")):
            env = dict(os.environ, NODE_PATH=os.path.abspath(args.node_modules))
            tools.append(("mozilla", ["node", js] + files, env))
        else:
            print("note: no jsdom in %s; Mozilla Readability skipped" % args.node_modules)
        tools.append(("rdb-lxml", ["/usr/bin/python3", py] + files, None))

        print("%d article pages, %.1f MB, one core; median of %d runs" % (
            len(pages), size / 1e6, args.runs))
        results = {}
        for name, cmd, env in tools:
            runs = [timed(cmd, env) for _ in range(args.runs)]
            results[name] = (statistics.median(r[0] for r in runs),
                             statistics.median(r[2] for r in runs),
                             max(r[1] for r in runs))
        # Pages per CPU second is what a core gives when it is not shared;
        # wall time on a busy machine counts other builds too.
        base = len(pages) / results["lector"][1]
        print("%-15s %8s %8s %8s %10s %8s" % ("tool", "wall s", "CPU s",
              "pages/s", "vs lector", "peak MB"))
        for name, (wall, cpu, mb) in results.items():
            rate = len(pages) / cpu
            print("%-15s %8.2f %8.2f %8.1f %9.2fx %8.0f" % (
                name, wall, cpu, rate, rate / base, mb))
        print("pages/s: pages per CPU second of the process (user + system)")


if __name__ == "__main__":
    sys.exit(main())
