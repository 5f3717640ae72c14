#!/usr/bin/env python3
"""Speed and memory of the keywords plugin, beside npm peers in the same run.

1. 1,000 articles of about 800 words from the BBC dev set (built as in
   bench-summary.py), through `lectord process --jsonl --only PIPELINE`
   in one process; the keywords plugin's time per article is read from
   the output's "pipeline" (the host times each annotate call). The
   default pipeline is the user's (langid,entities,summary,keywords), so
   names are merged as in production; --pipeline keywords times it alone.
   In the same run, npm retext-keywords (with retext-pos) and
   keyword-extractor are timed per article inside one node process
   (performance.now() around each call, after a warm-up article).
2. Long articles: one text of 1, 2, 5 and 10 MB (the same articles
   end to end), each through its own `lectord process --only keywords`;
   the plugin's time, its time per MB (flat when time is linear) and the
   process's peak resident memory (each process measured on its own).

Usage: scripts/bench-keywords.py [--lectord build/lectord] [--data ../shared/data]
           [--articles 1000] [--words 800] [--pipeline P] [--node-modules DIR]
           [--long 1,2,5,10] [--no-peers]
"""
import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

NODE_TIMER = r"""
const fs = require('fs');
const {performance} = require('perf_hooks');
const mods = process.env.NODE_PATH;
const [which, path] = [process.argv.at(-2), process.argv.at(-1)];
async function main() {
  let run;
  if (which === 'retext-keywords') {
    const {retext} = await import(mods + '/retext/index.js');
    const retextPos = (await import(mods + '/retext-pos/index.js')).default;
    const retextKeywords = (await import(mods + '/retext-keywords/index.js')).default;
    const proc = retext().use(retextPos).use(retextKeywords, {maximum: 10});
    run = async (t) => { await proc.process(t); };
  } else {
    const ke = require(mods + '/keyword-extractor');
    run = async (t) => { ke.extract(t, {language: 'english',
      return_changed_case: true, return_chained_words: true}); };
  }
  const texts = fs.readFileSync(path, 'utf8').split('\n').filter(Boolean)
    .map(l => JSON.parse(l).text);
  await run(texts[0]);
  const ms = [];
  for (const t of texts) {
    const t0 = performance.now();
    await run(t);
    ms.push(performance.now() - t0);
  }
  process.stdout.write(JSON.stringify(ms));
}
main();
"""


def load_bench_summary():
    spec = importlib.util.spec_from_file_location(
        "bench_summary", os.path.join(ROOT, "scripts", "bench-summary.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def peak_rss(cmd):
    """Runs cmd; returns (stdout, its peak RSS in MiB). GNU time starts it,
    so that the peak is lectord's own: a child forked from this script
    would count this script's pages (the articles, the long text) until
    its exec."""
    if not os.access("/usr/bin/time", os.X_OK):
        raise SystemExit("bench-keywords: needs GNU time (apt-get install time)")
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "time.txt")
        p = subprocess.run(["/usr/bin/time", "-o", report, "-f", "%M", *cmd],
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit(f"{cmd[0]} failed: {p.stderr[-500:]}")
        with open(report) as f:
            kb = int(f.read().split()[-1])
        return p.stdout, kb / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lectord", default=os.path.join(ROOT, "build", "lectord"))
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--words", type=int, default=800)
    ap.add_argument("--pipeline", default="langid,entities,summary,keywords")
    ap.add_argument("--node-modules", default=os.path.join(ROOT, "build", "node_modules"))
    ap.add_argument("--long", default="1,2,5,10", help="sizes in MB, or empty")
    ap.add_argument("--no-peers", action="store_true")
    args = ap.parse_args()
    bs = load_bench_summary()
    arts = bs.make_articles(bs.bodies(args.data), args.articles, args.words)
    nwords = [len(a["text"].split()) for a in arts]
    print(f"{len(arts)} articles, median {statistics.median(nwords):.0f} words")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for a in arts:
                f.write(json.dumps(a) + "\n")
        out, rss = peak_rss([args.lectord, "process", "--jsonl", "--only",
                             args.pipeline, path])
        ms = [s["ms"] for line in out.splitlines()
              for s in json.loads(line)["pipeline"] if s["plugin"] == "keywords"]
        bs.report(f"keywords ({args.pipeline})", ms)
        env = dict(os.environ, NODE_PATH=os.path.abspath(args.node_modules))
        for peer in () if args.no_peers else ("retext-keywords", "keyword-extractor"):
            if not os.path.isdir(os.path.join(args.node_modules, peer)):
                print(f"{peer}: not in {args.node_modules}; skipped")
                continue
            p = subprocess.run(["node", "-e", NODE_TIMER, peer, path], env=env,
                               capture_output=True, text=True, check=True)
            peer_ms = json.loads(p.stdout)
            bs.report(peer, peer_ms)
            print(f"{'':22s} ratio {statistics.median(peer_ms) / statistics.median(ms):.1f}x "
                  f"our median")
        sizes = [float(x) for x in args.long.split(",") if x]
        if sizes:
            print("long articles, --only keywords, one process each")
        joined = "\n\n".join(a["text"] for a in arts)
        for mb in sizes:
            target = int(mb * 1e6)
            text = (joined * (target // len(joined) + 1))[:target]
            lpath = os.path.join(tmp, "long.json")
            with open(lpath, "w", encoding="utf-8") as f:
                json.dump({"id": "long", "text": text}, f)
            out, rss = peak_rss([args.lectord, "process", "--only", "keywords", lpath])
            kms = [s["ms"] for s in json.loads(out)["pipeline"]
                   if s["plugin"] == "keywords"][0]
            print(f"{mb:5.1f} MB  keywords {kms:9.1f} ms  ({kms / mb:7.1f} ms/MB)  "
                  f"peak RSS {rss:7.1f} MiB ({rss * 1048576 / len(text.encode()):.1f}x "
                  f"the text)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
