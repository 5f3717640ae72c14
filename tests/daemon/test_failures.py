"""`lectord run` when plugins misbehave and when the daemon itself dies.

The test plugins (tests/daemon/misbehave.c) crash on "SEGFAULT" (crashy),
never return on "HANG" (sleepy) and allocate without bound on "HOG"
(greedy). Run by ctest as: python3 test_failures.py --lectord PATH --build DIR
"""
import os
import sys

sys.dont_write_bytecode = True   # keep the source tree clean

from harness import check, check_exactly_once, main, wait_until, write_file

MISBEHAVING = ["crashy", "sleepy", "greedy", "stats"]


def text(i):
    return ("Article number %d. Nothing odd about it.\n" % i).encode()


def test_misbehaving_plugins_cost_one_article_each(ctx):
    d = ctx.daemon(pipeline=MISBEHAVING, workers=2, timeout_seconds=1,
                   max_attempts=2, memory_limit_mb=64)
    # Under ASan, freed blocks wait in a quarantine that the memory limit
    # counts: after the greedy plugin lets go, ASan's own next mapping
    # would fail and abort the worker. Real builds have no quarantine.
    d.start(asan_options="quarantine_size_mb=0")
    d.wait_log("watching")
    write_file(os.path.join(d.inbox, "segv.txt"), b"This one says SEGFAULT.\n")
    write_file(os.path.join(d.inbox, "hang.txt"), b"This one says HANG.\n")
    write_file(os.path.join(d.inbox, "hog.txt"), b"This one says HOG.\n")
    inputs = {"ok%02d.txt" % i: text(i) for i in range(20)}
    for name, data in inputs.items():
        write_file(os.path.join(d.inbox, name), data)
    d.wait_settled(23, timeout=60)
    check(d.alive(), "the daemon survived")
    check_exactly_once(d, inputs)
    reports = d.reports()
    check(sorted(reports) == ["hang.txt", "hog.txt", "segv.txt"],
          "failed/: %r" % sorted(reports))

    segv = reports["segv.txt"]
    check(segv["plugin"] == "crashy", "segv blames %r" % segv["plugin"])
    check("killed by SIGSEGV" in segv["reason"], "segv reason %r" % segv["reason"])
    check(segv["attempts"] == 2, "segv tried twice: %r" % segv["attempts"])

    hang = reports["hang.txt"]
    check(hang["plugin"] == "sleepy", "hang blames %r" % hang["plugin"])
    check("timed out after 1 s" in hang["reason"], "hang reason %r" % hang["reason"])
    check(hang["attempts"] == 2, "hang tried twice: %r" % hang["attempts"])

    hog = reports["hog.txt"]
    check(hog["plugin"] == "greedy", "hog blames %r" % hog["plugin"])
    check("out of memory" in hog["reason"], "hog reason %r" % hog["reason"])

    # Still working afterwards.
    write_file(os.path.join(d.inbox, "after.txt"), text(99))
    d.wait_settled(24)
    check("after.json" in d.names("outbox"), "an article after the failures")
    check(d.stop() == 0, "exit status")


def test_restarts_back_off_while_workers_keep_dying(ctx):
    d = ctx.daemon(pipeline=["crashy", "stats"], workers=1, max_attempts=1)
    d.start()
    d.wait_log("watching")
    for i in range(4):
        write_file(os.path.join(d.inbox, "seg%d.txt" % i), b"SEGFAULT %d\n" % i)
    d.wait_settled(4)
    d.wait_log("next one starts in", count=4)   # logged just after the move
    delays = [int(line.rsplit(" in ", 1)[1].split()[0]) for line in d.log().splitlines()
              if "next one starts in" in line]
    check(delays[:4] == [100, 200, 400, 800], "delays double: %r" % delays)
    # One success resets the delay.
    write_file(os.path.join(d.inbox, "fine.txt"), text(1))
    d.wait_settled(5)
    write_file(os.path.join(d.inbox, "seg9.txt"), b"SEGFAULT again\n")
    d.wait_settled(6)
    d.wait_log("next one starts in", count=5)
    delays = [int(line.rsplit(" in ", 1)[1].split()[0]) for line in d.log().splitlines()
              if "next one starts in" in line]
    check(delays == [100, 200, 400, 800, 100], "reset after a success: %r" % delays)
    check(sorted(d.reports()) == ["seg0.txt", "seg1.txt", "seg2.txt", "seg3.txt",
                                  "seg9.txt"], "failed: %r" % sorted(d.reports()))
    check(d.stop() == 0, "exit status")


def test_articles_queued_behind_a_crash_lose_no_attempt(ctx):
    # One worker holds two jobs: the one it runs and the next. The first
    # runs for a while, so the next is queued behind it when it crashes.
    d = ctx.daemon(pipeline=["sleepy", "crashy", "stats"], workers=1,
                   max_attempts=1, plugins={"sleepy": {"delay_ms": 300}})
    d.start()
    d.wait_log("watching")
    staging = os.path.join(d.root, "staging")
    os.makedirs(staging)
    write_file(os.path.join(staging, "seg.txt"), b"This one says SEGFAULT.\n")
    write_file(os.path.join(staging, "ok.txt"), text(1))
    for name in ("seg.txt", "ok.txt"):
        os.rename(os.path.join(staging, name), os.path.join(d.inbox, name))
    d.wait_settled(2)
    check(sorted(d.reports()) == ["seg.txt"], "failed: %r" % sorted(d.reports()))
    check(d.reports()["seg.txt"]["attempts"] == 1, "one attempt for the crash")
    check_exactly_once(d, {"ok.txt": text(1)})
    check(d.stop() == 0, "exit status")


def test_worker_replaced_after_max_jobs(ctx):
    d = ctx.daemon(pipeline=["crashy", "stats"], workers=1, max_jobs=3)
    d.start()
    d.wait_log("watching")
    inputs = {"a%02d.txt" % i: text(i) for i in range(10)}
    for name, data in inputs.items():
        write_file(os.path.join(d.inbox, name), data)
    d.wait_settled(10)
    check_exactly_once(d, inputs)
    pids = [out["crashy"]["pid"] for out in d.outputs().values()]
    per_pid = {p: pids.count(p) for p in set(pids)}
    check(max(per_pid.values()) <= 3, "a worker did more than max_jobs: %r" % per_pid)
    check(len(per_pid) >= 4, "10 articles at 3 a worker need 4 workers: %r" % per_pid)
    check(d.stop() == 0, "exit status")


def test_kill_9_then_restart_loses_nothing_and_doubles_nothing(ctx):
    d = ctx.daemon(pipeline=["sleepy", "stats"], workers=2, max_in_flight=6,
                   plugins={"sleepy": {"delay_ms": 10}})
    inputs = {"k%03d.txt" % i: text(i) for i in range(300)}
    for name, data in inputs.items():
        write_file(os.path.join(d.inbox, name), data)
    for round_ in range(3):
        d.start()
        wait_until(lambda: len(d.names("outbox")) >= 40 * (round_ + 1), 30,
                   "some outputs before the kill")
        workers = children_of(d.proc.pid)
        d.kill9()
        wait_until(lambda: all_gone(workers), 5,
                   "workers to die with their master (PR_SET_PDEATHSIG)")
    d.start()
    d.wait_settled(300, timeout=60)
    check_exactly_once(d, inputs)
    check(d.names("failed") == [], "nothing failed: %r" % d.names("failed"))
    check(len(d.names("done")) == 300, "done/ holds %d" % len(d.names("done")))
    leftovers = [n for n in os.listdir(d.path("outbox")) if n.startswith(".")]
    check(leftovers == [], "temporary outputs left: %r" % leftovers)
    check(d.stop() == 0, "exit status")


def children_of(parent):
    children = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open("/proc/%s/stat" % pid) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == parent:
                    children.append(int(pid))
            except OSError:
                pass
    return children


def all_gone(pids):
    """Whether every process has exited (a zombie has)."""
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as f:
                if f.read().rsplit(")", 1)[1].split()[0] != "Z":
                    return False
        except OSError:
            pass
    return True


def test_workers_die_with_their_master(ctx):
    d = ctx.daemon(pipeline=["sleepy", "stats"], workers=2)
    started = os.path.join(d.root, "started")
    d.start(env={"MISBEHAVE_STARTED": started})
    d.wait_log("watching")
    write_file(os.path.join(d.inbox, "hang.txt"), b"HANG here.\n")
    wait_until(lambda: os.path.exists(started), 15, "the article in a worker")
    master = d.proc.pid
    def two_workers():
        found = children_of(master)
        return found if len(found) == 2 else None
    children = wait_until(two_workers, 15, "two workers")
    d.kill9()
    wait_until(lambda: all_gone(children), 5,
               "workers to exit after their master died")


if __name__ == "__main__":
    sys.exit(main([
        test_misbehaving_plugins_cost_one_article_each,
        test_restarts_back_off_while_workers_keep_dying,
        test_articles_queued_behind_a_crash_lose_no_attempt,
        test_worker_replaced_after_max_jobs,
        test_kill_9_then_restart_loses_nothing_and_doubles_nothing,
        test_workers_die_with_their_master,
    ]))
