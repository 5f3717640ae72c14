#!/bin/sh
# The daemon's throughput against `lectord process`, in one command:
#
#   scripts/bench-throughput.sh [--build DIR] [--article FILE] [--n N]
#       [--rounds R] [--workers W] [--rate A] [--steady S] [--disk DIR]
#       [--tmpfs DIR] [--pipeline a,b,...] [--peer BUILD]
#
# Each round runs, one after the other on the same N copies of one article
# (the sample by default): `lectord process` on one core (the files named
# on its command line, its output to /dev/null), then a burst of N
# articles renamed at once into the inbox of `lectord run` with its spool
# on tmpfs, then the same with its spool on disk (every output fsync'd
# before it is published). A shared machine's load changes from minute to
# minute: each round's ratio compares runs a few seconds apart, and the
# figures printed are medians over the rounds. Each round also runs two
# `process` side by side on half the copies each: what two cores give
# this session at that moment, whatever the scheduler does with its
# share (with sched_autogroup, one session's processes share one slice).
# With --peer, each round also runs the bursts of another build's daemon
# (an earlier commit, say) right after this one's. Then, once, the latency
# from an article's close-write to its output's rename at a steady rate,
# on tmpfs and on disk; per-stage costs (the plugins' own timings from the
# outputs, the fixed cost of `process` with `stats` alone, the daemon's
# CPU beyond `process`'s); the peak RSS of the master and of each worker,
# each process measured on its own (VmHWM).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
exec python3 - "$root" "$@" <<'PY'
import argparse, json, os, resource, shutil, signal, socket, statistics, subprocess
import sys, tempfile, time

root = sys.argv[1]
p = argparse.ArgumentParser(prog="bench-throughput.sh")
p.add_argument("--build", default=os.path.join(root, "build"))
p.add_argument("--article", default=os.path.join(root, "tests", "data", "seed-article.txt"))
p.add_argument("--n", type=int, default=1000, help="articles in each burst")
p.add_argument("--rounds", type=int, default=3)
p.add_argument("--workers", type=int, default=0, help="0: one per CPU")
p.add_argument("--rate", type=float, default=100, help="articles/s for latency")
p.add_argument("--steady", type=int, default=300, help="articles in a latency run")
p.add_argument("--disk", default=None, help="a folder on disk (default: the build folder)")
p.add_argument("--tmpfs", default="/dev/shm")
p.add_argument("--pipeline", default=None, help="annotators, comma-separated")
p.add_argument("--peer", default=None, help="another build whose bursts run in each round")
a = p.parse_args(sys.argv[2:])

lectord = os.path.abspath(os.path.join(a.build, "lectord"))
peer = os.path.abspath(os.path.join(a.peer, "lectord")) if a.peer else None
text = open(a.article, "rb").read()
workers = a.workers or os.cpu_count()
disk = a.disk or os.path.abspath(a.build)


def fs_type(path):
    return subprocess.run(["stat", "-f", "-c", "%T", path], capture_output=True,
                          text=True).stdout.strip()


def stage(folder, n, prefix):
    """n copies of the article, each made unique so none is a duplicate."""
    os.makedirs(folder, exist_ok=True)
    names = []
    for i in range(n):
        name = "%s%05d.txt" % (prefix, i)
        with open(os.path.join(folder, name), "wb") as f:
            f.write(text + ("\n[%s %d]\n" % (prefix, i)).encode())
        names.append(name)
    return names


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_process(only=None, n=None):
    """(articles/s, CPU ms an article) of `lectord process` on one core."""
    n = n or a.n
    tmp = tempfile.mkdtemp(prefix="lector-tp-", dir=a.tmpfs)
    try:
        names = stage(tmp, n, "p")
        cmd = [lectord, "process"]
        if only or a.pipeline:
            cmd += ["--only", only or a.pipeline]
        cpu0 = children_cpu()
        t0 = time.monotonic()
        r = subprocess.run(cmd + names, cwd=tmp, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        wall = time.monotonic() - t0
        cpu = children_cpu() - cpu0
        if r.returncode != 0:
            sys.exit("lectord process failed: %s" % r.stderr[-2000:])
        return n / wall, cpu / n * 1000
    finally:
        shutil.rmtree(tmp)


def run_pair():
    """Articles/s of two `process` side by side, each on half the copies."""
    tmp = tempfile.mkdtemp(prefix="lector-tp-", dir=a.tmpfs)
    try:
        names = stage(tmp, a.n, "q")
        cmd = [lectord, "process"] + (["--only", a.pipeline] if a.pipeline else [])
        t0 = time.monotonic()
        procs = [subprocess.Popen(cmd + half, cwd=tmp, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
                 for half in (names[: a.n // 2], names[a.n // 2:])]
        if any(p.wait() != 0 for p in procs):
            sys.exit("lectord process failed")
        return a.n / (time.monotonic() - t0)
    finally:
        shutil.rmtree(tmp)


def vm_hwm(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def schedstat(pid):
    """(ns on a CPU, ns runnable waiting for one) of a process's main thread."""
    try:
        with open("/proc/%d/schedstat" % pid) as f:
            run, wait = f.read().split()[:2]
            return int(run), int(wait)
    except OSError:
        return 0, 0


def cpu_seconds(pid):
    """User and system time of a whole process, its threads' included."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def children_of(pid):
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(d))
            except OSError:
                pass
    return out


leftovers = []


class Daemon:
    def __init__(self, base, binary=None):
        self.tmp = tempfile.mkdtemp(prefix="lector-tp-", dir=base)
        self.spool = os.path.join(self.tmp, "spool")
        self.metrics = os.path.join(self.tmp, "metrics.sock")
        config = {"spool": self.spool, "workers": workers, "log_level": "notice",
                  "rescan_seconds": 30, "settle_seconds": 1,
                  "metrics": {"listen": "unix:" + self.metrics}}
        if a.pipeline:
            config["pipeline"] = a.pipeline.split(",")
        cfg = os.path.join(self.tmp, "lectord.json")
        with open(cfg, "w") as f:
            json.dump(config, f)
        self.logpath = os.path.join(self.tmp, "lectord.log")
        self.log = open(self.logpath, "wb")
        self.cpu0 = children_cpu()
        self.proc = subprocess.Popen([binary or lectord, "run", "-c", cfg],
                                     stdout=self.log, stderr=self.log, cwd=self.tmp)
        self.inbox = os.path.join(self.spool, "inbox")
        self.outbox = os.path.join(self.spool, "outbox")
        self.done = 0
        while b"watching" not in open(self.logpath, "rb").read():
            if self.proc.poll() is not None:
                sys.exit("lectord exited; log in %s" % self.tmp)
            time.sleep(0.05)
        # One article first: the workers have loaded their models before
        # any burst is timed.
        self.drop_in_place("warm")
        self.wait(1)

    def fsyncs(self):
        """(count, seconds) of the master's fsyncs so far, from its metrics."""
        try:
            with socket.socket(socket.AF_UNIX) as c:
                c.settimeout(10)
                c.connect(self.metrics)
                c.sendall(b"GET /metrics HTTP/1.0\r\n\r\n")
                body = b"".join(iter(lambda: c.recv(65536), b"")).decode()
        except OSError:
            return 0, 0.0
        got = {}
        for line in body.splitlines():
            for key in ("lector_fsync_duration_seconds_count",
                        "lector_fsync_duration_seconds_sum"):
                if line.startswith(key + " "):
                    got[key] = float(line.split()[1])
        return (got.get("lector_fsync_duration_seconds_count", 0),
                got.get("lector_fsync_duration_seconds_sum", 0.0))

    def outputs(self):
        return sum(1 for e in os.scandir(self.outbox) if not e.name.startswith("."))

    def wait(self, more, timeout=900):
        self.done += more
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.outputs() >= self.done:
                return time.monotonic()
            failed = os.path.join(self.spool, "failed")
            if os.path.isdir(failed) and os.listdir(failed):
                sys.exit("articles failed; log in %s" % self.tmp)
            time.sleep(0.02)
        sys.exit("lectord did not finish in time; log in %s" % self.tmp)

    def drop_in_place(self, name):
        with open(os.path.join(self.inbox, name + ".txt"), "wb") as f:
            f.write(text + ("\n[%s]\n" % name).encode())
        return time.time()

    def burst(self, prefix):
        staging = os.path.join(self.tmp, "staging-" + prefix)
        names = stage(staging, a.n, prefix)
        pids = [self.proc.pid] + children_of(self.proc.pid)
        before = [schedstat(pid) for pid in pids]
        cpu0 = [cpu_seconds(pid) for pid in pids]
        f0 = self.fsyncs()
        t0 = time.monotonic()
        for n in names:
            os.rename(os.path.join(staging, n), os.path.join(self.inbox, n))
        wall = self.wait(a.n) - t0
        after = [schedstat(pid) for pid in pids]
        f1 = self.fsyncs()
        # fsyncs an article, mean ms, and how many ran at once on average.
        self.fsync = ((f1[0] - f0[0]) / a.n,
                      1000 * (f1[1] - f0[1]) / max(1, f1[0] - f0[0]),
                      (f1[1] - f0[1]) / wall)
        cpu = [(cpu_seconds(pid) - c) / a.n * 1000 for pid, c in zip(pids, cpu0)]
        # Where each process spent the burst: on a CPU, waiting for one
        # (the machine's load), or asleep (a worker: waiting for a job).
        share = [((r1 - r0) / 1e9 / wall, (w1 - w0) / 1e9 / wall)
                 for (r0, w0), (r1, w1) in zip(before, after)]
        return a.n / wall, share[0], share[1:], cpu[0], sum(cpu[1:])

    def steady(self):
        """Close-write to the output's rename (its ctime), in ms."""
        closed = {}
        start = time.monotonic()
        for i in range(a.steady):
            name = "s%05d" % i
            closed[name] = self.drop_in_place(name)
            delay = start + (i + 1) / a.rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        self.wait(a.steady)
        return sorted((os.stat(os.path.join(self.outbox, n + ".json")).st_ctime - t) * 1000
                      for n, t in closed.items())

    def plugin_ms(self):
        steps = {}
        for e in os.scandir(self.outbox):
            if e.name.startswith("a") and e.name.endswith(".json"):
                with open(e.path) as f:
                    for s in json.load(f).get("pipeline", []):
                        steps.setdefault(s["plugin"], []).append(s["ms"])
        return steps

    def stop(self):
        """Peak RSS in kB of the master and of each worker; CPU seconds."""
        master = vm_hwm(self.proc.pid)
        kids = [vm_hwm(pid) for pid in children_of(self.proc.pid)]
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(120)
        self.log.close()
        cpu = children_cpu() - self.cpu0
        # Removed at the end: ext4 without a journal skips every inode
        # freed in the last 30 s when it creates a file, so removing a
        # run's thousands of files would slow the next run's workers.
        leftovers.append(self.tmp)
        return master, [k for k in kids if k], cpu


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def pct(lat, q):
    return lat[min(len(lat) - 1, int(q * len(lat)))] if lat else float("nan")


def autogroup():
    try:
        with open("/proc/sys/kernel/sched_autogroup_enabled") as f:
            return "on" if f.read().strip() == "1" else "off"
    except OSError:
        return "unknown"


print("article: %s (%d bytes), %d copies a run; pipeline: %s; %d workers; "
      "%d rounds; tmpfs %s (%s), disk %s (%s); sched_autogroup %s; load average "
      "%.1f at the start%s" % (
      os.path.relpath(a.article, root), len(text), a.n, a.pipeline or "default",
      workers, a.rounds, a.tmpfs, fs_type(a.tmpfs), disk, fs_type(disk),
      autogroup(), os.getloadavg()[0], "; peer " + peer if peer else ""), flush=True)
rows = []
shares = {"tmpfs": ([], []), "disk": ([], [])}
masters, worker_rss, plugin_ms, daemon_cpu = [], [], {}, []
fsync = {"disk": [], "peer_disk": []}
kinds = [("tmpfs", a.tmpfs, None), ("disk", disk, None)]
if peer:
    kinds += [("peer_tmpfs", a.tmpfs, peer), ("peer_disk", disk, peer)]
    for k in ("peer_tmpfs", "peer_disk"):
        shares[k] = ([], [])
for r in range(a.rounds):
    row = {}
    row["process"], row["process_cpu"] = run_process()
    row["pair"] = run_pair()
    # The peer goes first in every other round: neither build always
    # follows process, nor always the other's removals and write-back.
    order = kinds if r % 2 == 0 or not peer else kinds[2:] + kinds[:2]
    for kind, base, binary in order:
        d = Daemon(base, binary)
        row[kind], master_share, worker_share, m_cpu, w_cpu = d.burst("a")
        row[kind + "_cpu"] = (m_cpu, w_cpu)
        if kind in fsync:
            fsync[kind].append(d.fsync)
        shares[kind][0].append(master_share)
        shares[kind][1].extend(worker_share)
        if kind == "tmpfs":
            for k, v in d.plugin_ms().items():
                plugin_ms.setdefault(k, []).extend(v)
        master, kids, cpu = d.stop()
        if binary is None:
            masters.append(master)
            worker_rss.extend(kids)
            daemon_cpu.append(cpu / (a.n + 1) * 1000)
    for kind, _, _ in kinds:
        row[kind + "_ratio"] = row[kind] / (workers * row["process"])
        row[kind + "_pair"] = row[kind] / row["pair"]
    rows.append(row)
    print("round %d: process %.1f articles/s (%.2f CPU ms an article), two side by "
          "side %.1f/s; burst %s; load %.1f" % (
          r + 1, row["process"], row["process_cpu"], row["pair"],
          ", ".join("%s %.1f/s (ratio %.2f)" % (k, row[k], row[k + "_ratio"])
                    for k, _, _ in kinds), os.getloadavg()[0]), flush=True)

lat = {}
for kind, base in (("tmpfs", a.tmpfs), ("disk", disk)):
    d = Daemon(base)
    lat[kind] = d.steady()
    master, kids, _ = d.stop()
    masters.append(master)
    worker_rss.extend(kids)
stats_rate, stats_cpu = run_process("stats")
# process's start (its models loaded) is in its figures, not in a burst's.
start_cpu = statistics.median([run_process(n=1)[1] for _ in range(3)]) - \
    median([x["process_cpu"] for x in rows])

proc_cpu = median([x["process_cpu"] for x in rows])
print()
print("process, one core:       %.1f articles/s, %.2f CPU ms an article (medians)" % (
      median([x["process"] for x in rows]), proc_cpu))
print("two process side by side: %.1f articles/s (median)" % median(
      [x["pair"] for x in rows]))
for kind, _, _ in kinds:
    print("%-25s%.1f articles/s; burst / (%d x process) %.2f "
          "(median of the rounds' ratios; min %.2f, max %.2f); burst / two "
          "process side by side %.2f" % (
          "daemon burst, %s:" % kind.replace("_", " "), median([x[kind] for x in rows]),
          workers, median([x[kind + "_ratio"] for x in rows]),
          min(x[kind + "_ratio"] for x in rows), max(x[kind + "_ratio"] for x in rows),
          median([x[kind + "_pair"] for x in rows])))
for kind, f in fsync.items():
    if f:
        print("%-25s%.2f fsyncs an article, %.1f ms each (mean), %.1f at once on "
              "average (medians)" % ("fsync, %s burst:" % kind.replace("_", " "),
              median([x[0] for x in f]), median([x[1] for x in f]),
              median([x[2] for x in f])))
for kind, _, _ in kinds:
    m, w = shares[kind]
    print("%-25smaster on a CPU %.0f%% of the burst, waiting for one %.0f%%; each "
          "worker on a CPU %.0f%%, waiting for one %.0f%%, asleep %.0f%% (medians)" % (
          "time in the %s burst:" % kind.replace("_", " "), 100 * median([x[0] for x in m]),
          100 * median([x[1] for x in m]), 100 * median([x[0] for x in w]),
          100 * median([x[1] for x in w]),
          100 * median([1 - x[0] - x[1] for x in w])))
print("%-25son a CPU %.0f%% of its run (CPU time / wall time, median)" % (
      "time in process:", 100 * median([x["process"] * x["process_cpu"] / 1000 for x in rows])))
warm_cpu = proc_cpu - start_cpu / a.n
print("%-25s%.1f CPU ms to start process (its models loaded); %.2f ms an article "
      "without it" % ("start:", start_cpu, warm_cpu))
for kind, _, _ in kinds:
    m_cpu = median([x[kind + "_cpu"][0] for x in rows])
    w_cpu = median([x[kind + "_cpu"][1] for x in rows])
    # What the ratio would be with every process on a CPU all the time.
    print("%-25sworkers %.2f ms, master %.2f ms (its fsync threads included); "
          "process (start left out) / daemon %.2f (medians)" % (
          "CPU an article, %s:" % kind.replace("_", " "), w_cpu, m_cpu, warm_cpu / (w_cpu + m_cpu)))
print("CPU an article, overall: process %.2f ms; daemon %.2f ms (its whole life: "
      "start, model loading, both bursts)" % (proc_cpu, median(daemon_cpu)))
print("per stage (median ms an article, the plugins' own timings in the daemon): " +
      ", ".join("%s %.3f" % (k, median(v)) for k, v in plugin_ms.items()))
print("fixed cost of process:   %.3f CPU ms an article with stats alone" % stats_cpu)
for kind in ("tmpfs", "disk"):
    l = lat[kind]
    print("%-25sp50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms "
          "(%d articles)" % ("latency at %g/s, %s:" % (a.rate, kind), pct(l, 0.5), pct(l, 0.9), pct(l, 0.99),
                             l[-1] if l else float("nan"), len(l)))
print("peak RSS:                master %.1f MB (max of %d runs); workers %.1f MB "
      "median, %.1f MB max (%d workers)" % (
      max(masters) / 1024, len(masters), median(worker_rss) / 1024,
      max(worker_rss or [0]) / 1024, len(worker_rss)))
print("load average at the end: %.1f" % os.getloadavg()[0])
for tmp in leftovers:
    shutil.rmtree(tmp)
PY
