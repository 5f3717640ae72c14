#!/bin/sh
# Benchmark of `lectord run`: throughput against the rename floor, latency
# at a steady drop rate, peak memory of the master and of each worker.
#
#   scripts/bench-daemon.sh [--build DIR] [--data DIR] [--n N] [--rate R]
#                           [--steady N] [--workers W] [--pipeline a,b,...]
#                           [--article FILE]
#
# Articles are the BBC news texts of ../shared/data (cycled to reach N), or
# copies of one --article; without either, generated text. The pipeline
# defaults to lectord's default one; --pipeline stats measures the daemon
# with almost no plugin work. The peer is `lectord process` on the same
# articles in one process (one core; the files named on its command line,
# its output to /dev/null): the burst is reported against workers times
# its rate. TMPDIR chooses the filesystem (/dev/shm: tmpfs, where fsync
# costs nothing).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
exec python3 - "$root" "$@" <<'PY'
import argparse, glob, json, os, resource, shutil, signal, subprocess, sys, tempfile, time

root = sys.argv[1]
p = argparse.ArgumentParser(prog="bench-daemon.sh")
p.add_argument("--build", default=os.path.join(root, "build"))
p.add_argument("--data", default=os.path.join(root, "..", "shared", "data"))
p.add_argument("--n", type=int, default=2000, help="articles dropped at once")
p.add_argument("--rate", type=float, default=50, help="articles/s for the latency run")
p.add_argument("--steady", type=int, default=300, help="articles in the latency run")
p.add_argument("--workers", type=int, default=0, help="0: one per CPU")
p.add_argument("--pipeline", default=None, help="annotators, comma-separated")
p.add_argument("--article", default=None, help="one file, copied N times")
a = p.parse_args(sys.argv[2:])

lectord = os.path.abspath(os.path.join(a.build, "lectord"))
texts = []
for path in [a.article] if a.article else sorted(glob.glob(os.path.join(a.data, "summary", "bbc", "articles", "*", "*.txt"))):
    with open(path, "rb") as f:
        texts.append(f.read())
if not texts:
    texts = [("Article %d. The council met on Monday in Leeds to discuss the budget. "
              "Ms Smith said the plan would cost 3.5m pounds.\n" % i).encode() * 20
             for i in range(100)]
source = ("copies of %s" % a.article if a.article else
          "BBC articles from %s" % a.data if len(texts) > 100 else "generated text")

tmp = tempfile.mkdtemp(prefix="lectord-bench-")
spool = os.path.join(tmp, "spool")
config = {"spool": spool, "workers": a.workers, "log_level": "notice",
          "rescan_seconds": 30, "settle_seconds": 1}
if a.pipeline:
    config["pipeline"] = a.pipeline.split(",")
with open(os.path.join(tmp, "lectord.json"), "w") as f:
    json.dump(config, f)


def stage(folder, n, prefix):
    os.makedirs(folder, exist_ok=True)
    names = []
    for i in range(n):
        name = "%s%05d.txt" % (prefix, i)
        with open(os.path.join(folder, name), "wb") as f:
            f.write(texts[i % len(texts)] + ("\n[%s %d]\n" % (prefix, i)).encode())
        names.append(name)
    return names


def count(folder):
    return sum(1 for e in os.scandir(folder) if not e.name.startswith("."))


def children_cpu():
    """CPU seconds of the children waited for: a figure that a loaded
    machine stretches less than the wall clock."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


# The peer: the same articles through `lectord process` in one process.
peer_dir = os.path.join(tmp, "peer")
peer_names = stage(peer_dir, a.n, "p")
cmd = [lectord, "process"]
if a.pipeline:
    cmd += ["--only", a.pipeline]
cpu0 = children_cpu()
t0 = time.monotonic()
r = subprocess.run(cmd + peer_names, cwd=peer_dir, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE, text=True)
peer = time.monotonic() - t0
peer_cpu = children_cpu() - cpu0
if r.returncode != 0:
    sys.exit("lectord process failed: %s" % r.stderr[-2000:])
shutil.rmtree(peer_dir)

# The floor: renaming the same files from one folder to another.
src, dst = os.path.join(tmp, "floor-a"), os.path.join(tmp, "floor-b")
names = stage(src, a.n, "f")
os.makedirs(dst)
t0 = time.monotonic()
for n in names:
    os.rename(os.path.join(src, n), os.path.join(dst, n))
floor = time.monotonic() - t0
shutil.rmtree(src); shutil.rmtree(dst)

log = open(os.path.join(tmp, "lectord.log"), "wb")
cpu0 = children_cpu()
proc = subprocess.Popen([lectord, "run", "-c", os.path.join(tmp, "lectord.json")],
                        stdout=log, stderr=log, cwd=tmp)
peak = {}


def sample():
    pids = [proc.pid]
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == proc.pid:
                        pids.append(int(d))
            except OSError:
                pass
    for pid in pids:
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        kb = int(line.split()[1])
                        peak[pid] = max(peak.get(pid, 0), kb)
        except OSError:
            pass


def wait_outputs(n, timeout=600):
    end = time.monotonic() + timeout
    outbox = os.path.join(spool, "outbox")
    failed = os.path.join(spool, "failed")
    while time.monotonic() < end:
        done = count(outbox) + count(failed) // 2
        if done >= n:
            return time.monotonic()
        sample()
        time.sleep(0.01)
    sys.exit("lectord did not finish in time; log in %s" % tmp)


inbox = os.path.join(spool, "inbox")
while b"watching" not in open(os.path.join(tmp, "lectord.log"), "rb").read():
    if proc.poll() is not None:
        sys.exit("lectord exited; log in %s" % tmp)
    time.sleep(0.05)

# Throughput: N articles dropped at once (renamed in from a staging folder).
staging = os.path.join(tmp, "staging")
names = stage(staging, a.n, "a")
t0 = time.monotonic()
for n in names:
    os.rename(os.path.join(staging, n), os.path.join(inbox, n))
t1 = wait_outputs(a.n)
burst = t1 - t0

# Latency: articles written in place at a steady rate; close-write to the
# output's rename (its ctime).
closed = {}
interval = 1.0 / a.rate
start = time.monotonic()
for i in range(a.steady):
    name = "s%05d" % i
    with open(os.path.join(inbox, name + ".txt"), "wb") as f:
        f.write(texts[i % len(texts)] + ("\n[s %d]\n" % i).encode())
    closed[name] = time.time()
    sample()
    delay = start + (i + 1) * interval - time.monotonic()
    if delay > 0:
        time.sleep(delay)
wait_outputs(a.n + a.steady)
lat = []
for name, t in closed.items():
    out = os.path.join(spool, "outbox", name + ".json")
    if os.path.exists(out):
        lat.append(os.stat(out).st_ctime - t)
lat.sort()
sample()
proc.send_signal(signal.SIGTERM)
proc.wait(60)
# The master's, and its workers' as the master reaped them.
daemon_cpu = children_cpu() - cpu0
failed = count(os.path.join(spool, "failed")) // 2

def pct(q):
    return lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else float("nan")

workers = {pid: kb for pid, kb in peak.items() if pid != proc.pid}
n_workers = a.workers or os.cpu_count()
fs = subprocess.run(["stat", "-f", "-c", "%T", tmp], capture_output=True,
                    text=True).stdout.strip()
print("source: %s; pipeline: %s; workers: %s; spool on %s" % (
      source, a.pipeline or "default", n_workers, fs))
print("rename floor:   %d files in %.3f s = %.0f files/s" % (a.n, floor, a.n / floor))
print("process:        %d articles in %.2f s = %.1f articles/s, %.3f ms an article (one process)" %
      (a.n, peer, a.n / peer, peer / a.n * 1000))
print("burst:          %d articles in %.2f s = %.1f articles/s (%d failed)" %
      (a.n, burst, a.n / burst, failed))
print("burst / (%d x process): %.2f" % (n_workers, (a.n / burst) / (n_workers * a.n / peer)))
print("cpu an article: process %.3f ms; daemon %.3f ms (master and workers, burst and "
      "steady runs); daemon / process %.2f" % (
      peer_cpu / a.n * 1000, daemon_cpu / (a.n + a.steady) * 1000,
      (daemon_cpu / (a.n + a.steady)) / (peer_cpu / a.n)))
print("latency at %g/s: p50 %.1f ms, p99 %.1f ms (%d articles)" % (a.rate, pct(0.5), pct(0.99), len(lat)))
print("peak RSS:       master %.1f MB; workers (%d seen) max %.1f MB, median %.1f MB" % (
      peak.get(proc.pid, 0) / 1024, len(workers),
      max(workers.values() or [0]) / 1024,
      sorted(workers.values() or [0])[len(workers) // 2] / 1024))
shutil.rmtree(tmp)
PY
