#!/bin/sh
# Benchmark of cluster mode on this machine: articles/s end to end (from
# `lectord submit` to every article settled) with 1, 2 and 4 consumer
# processes taking from one NATS JetStream stream, and where the time
# goes: publishing, consuming and settling (no plugin work, a sink that
# keeps nothing), the pipeline, and the PostgreSQL sink.
#
#   scripts/bench-scale.sh [--build DIR] [--data DIR] [--n N] [--repeat R]
#                          [--consumers 1,2,4] [--pipeline a,b,...]
#
# Every server (nats-server, PostgreSQL) is started here on free loopback
# ports in a temporary folder. Articles are the BBC texts of ../shared/data
# (cycled, each made unique), else generated text. Medians of R runs.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
exec python3 - "$root" "$@" <<'PY'
import argparse, glob, json, os, shutil, signal, statistics, subprocess, sys, tempfile, time

root = sys.argv[1]
sys.path.insert(0, os.path.join(root, "tests", "daemon"))
sys.path.insert(0, os.path.join(root, "tests", "cluster"))
sys.dont_write_bytecode = True
from harness import wait_until                      # noqa: E402
from servers import Nats, NatsServer, Postgres       # noqa: E402

p = argparse.ArgumentParser(prog="bench-scale.sh")
p.add_argument("--build", default=os.path.join(root, "build"))
p.add_argument("--data", default=os.path.join(root, "..", "shared", "data"))
p.add_argument("--n", type=int, default=1000, help="articles a run")
p.add_argument("--repeat", type=int, default=3)
p.add_argument("--consumers", default="1,2,4")
p.add_argument("--pipeline", default=None, help="default: lectord's default one")
a = p.parse_args(sys.argv[2:])

lectord = os.path.abspath(os.path.join(a.build, "lectord"))
null_sink_dir = os.path.join(a.build, "tests", "fixtures", "ends")
texts = []
for path in sorted(glob.glob(os.path.join(a.data, "summary", "bbc", "articles", "*", "*.txt"))):
    with open(path, "rb") as f:
        texts.append(f.read())
if not texts:
    texts = [("Article %d. The council met on Monday in Leeds to discuss the budget. "
              "Ms Smith said the plan would cost 3.5m pounds.\n" % i).encode() * 20
             for i in range(100)]
origin = "BBC articles from %s" % a.data if len(texts) > 100 else "generated text"


class Ctx:
    pass


ctx = Ctx()
ctx.tmp = tempfile.mkdtemp(prefix="lectord-bench-scale-")
ctx.daemons = []
server = pg = None
nodes = []


def article(i):
    # The number makes each one unique: no de-duplication in the stream.
    return texts[i % len(texts)] + ("\n\n(Copy %d.)\n" % i).encode()


def write_articles(run):
    folder = os.path.join(ctx.tmp, "in-%d" % run)
    os.makedirs(folder)
    files = []
    for i in range(a.n):
        path = os.path.join(folder, "a%05d.txt" % i)
        with open(path, "wb") as f:
            f.write(article(run * a.n + i))
        files.append(path)
    return files


def config(name, consumers, sinks, pipeline):
    cfg = {"source": "nats", "sinks": sinks, "workers": consumers,
           "log_level": "warning", "spool": os.path.join(ctx.tmp, name),
           "plugin_dirs": [null_sink_dir],
           "plugins": {"nats": {"url": server.url, "stream": name.upper(),
                                "subject": "bench." + name, "durable": name,
                                "failed_stream": name.upper() + "_FAILED",
                                "failed_subject": "bench." + name + ".failed",
                                "ack_wait_seconds": 120}}}
    if pipeline is not None:
        cfg["pipeline"] = pipeline
    if "postgres" in sinks:
        cfg["plugins"]["postgres"] = {"conninfo": pg.conninfo, "table": name}
    path = os.path.join(ctx.tmp, name + ".json")
    with open(path, "w") as f:
        json.dump(cfg, f)
    return path


def consumer_state(name):
    n = Nats(server.url)
    try:
        return n.consumer(name.upper(), name), n.api("STREAM.INFO." + name.upper())
    finally:
        n.close()


def run_once(run, consumers, sinks, pipeline):
    """Seconds to publish, and to have every article settled."""
    name = "r%d" % run
    path = config(name, consumers, sinks, pipeline)
    files = write_articles(run)
    # The stream and consumer exist before the node starts (one submit).
    subprocess.run([lectord, "submit", "-c", path, "--name", "warm.txt", "-"],
                   input=b"Warm up.\n", check=True)
    log = open(os.path.join(ctx.tmp, name + ".log"), "wb")
    proc = subprocess.Popen([lectord, "run", "-c", path], stdout=log, stderr=log)
    nodes.append(proc)
    # Ready: every worker has a pull request waiting, the warm-up is done.
    wait_until(lambda: consumer_state(name)[0].get("num_waiting", 0) >= consumers and
               consumer_state(name)[1]["state"]["messages"] == 0, 120,
               "the workers to be ready")
    t0 = time.monotonic()
    subprocess.run([lectord, "submit", "-c", path] + files, check=True)
    t_pub = time.monotonic() - t0

    def drained():
        ci, si = consumer_state(name)
        return si["state"]["messages"] == 0 and ci["num_ack_pending"] == 0 and \
            ci["num_pending"] == 0
    wait_until(drained, 600, "every article settled", every=0.02)
    t_all = time.monotonic() - t0
    proc.send_signal(signal.SIGTERM)
    rc = proc.wait(60)
    nodes.remove(proc)
    log.close()
    if rc != 0:
        sys.exit("node exited %d; see %s.log" % (rc, name))
    if "postgres" in sinks:
        rows = int(pg.psql("SELECT count(*) FROM %s" % name))
        if rows != a.n + 1:
            sys.exit("%d rows for %d articles" % (rows, a.n + 1))
    shutil.rmtree(os.path.dirname(files[0]))
    return t_pub, t_all


def process_seconds(pipeline):
    """One process, no queue, no sink: the pipeline's own cost."""
    argv = [lectord, "process", "--jsonl", "-"]
    if pipeline:
        argv[2:2] = ["--only", ",".join(pipeline)]
    lines = b"".join(json.dumps({"text": article(i).decode("utf-8", "replace")}).encode()
                     + b"\n" for i in range(a.n))
    t0 = time.monotonic()
    subprocess.run(argv, input=lines, stdout=subprocess.DEVNULL, check=True)
    return time.monotonic() - t0


try:
    server = NatsServer(ctx).start()
    pg = Postgres(ctx).init()
    pipeline = a.pipeline.split(",") if a.pipeline else None
    counts = [int(c) for c in a.consumers.split(",")]
    run = 0
    rows = []
    print("%d articles a run (%s), median of %d runs; pipeline: %s" % (
        a.n, origin, a.repeat, a.pipeline or "lectord's default"))
    print("one nats-server, one PostgreSQL, all on this machine (%d CPUs)\n" % os.cpu_count())
    proc = statistics.median(process_seconds(pipeline) for _ in range(a.repeat))
    print("pipeline alone (`lectord process --jsonl`, one process): %.0f articles/s\n"
          % (a.n / proc))
    print("%-10s %-22s %12s %14s %10s" % ("consumers", "sinks / pipeline", "publish/s",
                                           "end to end/s", "vs 1"))
    for label, sinks, pl in (("postgres", ["postgres"], pipeline),
                             ("null, no plugins", ["memq"], []),
                             ("null", ["memq"], pipeline)):
        base = None
        for k in counts:
            pubs, alls = [], []
            for _ in range(a.repeat):
                run += 1
                t_pub, t_all = run_once(run, k, sinks, pl)
                pubs.append(t_pub)
                alls.append(t_all)
            rate = a.n / statistics.median(alls)
            base = base or rate
            print("%-10d %-22s %12.0f %14.0f %9.2fx" % (
                k, label, a.n / statistics.median(pubs), rate, rate / base))
            sys.stdout.flush()
    print("\npublish/s: `lectord submit` of every file (one process, each publish "
          "acknowledged)\nend to end/s: from the first publish to every article "
          "settled\nnull: a sink that keeps nothing (tests/fixtures/memq.c)")
finally:
    for proc in nodes:
        proc.kill()
    for d in ctx.daemons:
        if d.proc is not None:
            d.proc.kill()
            d.proc.wait()
    shutil.rmtree(ctx.tmp, ignore_errors=True)
PY
