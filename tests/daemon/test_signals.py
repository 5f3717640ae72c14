"""`lectord run` and its signals: SIGTERM, SIGINT, SIGHUP, and systemd's
notification socket.

Run by ctest as: python3 test_signals.py --lectord PATH --build DIR
"""
import json
import os
import signal
import socket
import sys
import time

sys.dont_write_bytecode = True   # keep the source tree clean

from harness import (Failure, check, check_exactly_once, main, wait_until,
                     write_file)


def text(i):
    return ("Article number %d. Signals should not lose it.\n" % i).encode()


def drop(d, inputs):
    for name, data in inputs.items():
        write_file(os.path.join(d.inbox, name), data)


def test_sigterm_during_a_batch_loses_nothing(ctx):
    d = ctx.daemon(pipeline=["sleepy", "stats"], workers=2, max_in_flight=4,
                   plugins={"sleepy": {"delay_ms": 200}})
    d.start()
    d.wait_log("watching")
    inputs = {"t%02d.txt" % i: text(i) for i in range(20)}
    drop(d, inputs)
    wait_until(lambda: d.names("outbox"), 15, "a first output")
    started = time.monotonic()
    check(d.stop(signal.SIGTERM) == 0, "exit status 0 after SIGTERM")
    check(time.monotonic() - started < 8, "in-flight articles finished well within the grace period")
    # Each article is in exactly one place: never processed, or done.
    where = {}
    for sub in ("inbox", "work", "outbox", "done", "failed"):
        for n in d.names(sub):
            where.setdefault(n.rsplit(".", 1)[0], []).append(sub)
    for name in inputs:
        stem = name.rsplit(".", 1)[0]
        places = sorted(where.get(stem, []))
        check(places in (["inbox"], ["done", "outbox"]),
              "%s is in %r after the stop" % (name, places))
    check(d.names("work") == [], "unstarted claims went back to the inbox")
    d.start()
    d.wait_settled(20, timeout=30)
    check_exactly_once(d, inputs)
    check(d.stop(signal.SIGINT) == 0, "exit status 0 after SIGINT")


def test_sigterm_grace_over_hands_back_to_the_next_start(ctx):
    d = ctx.daemon(pipeline=["sleepy", "stats"], workers=1, grace_seconds=0.5,
                   plugins={"sleepy": {"delay_ms": 4000}})
    begun = os.path.join(d.root, "begun")
    d.start(env={"MISBEHAVE_STARTED": begun})
    d.wait_log("watching")
    drop(d, {"long.txt": text(1)})
    wait_until(lambda: os.path.exists(begun), 10, "the article in the plugin")
    started = time.monotonic()
    check(d.stop(signal.SIGTERM) == 0, "exit status 0 after the grace period")
    check(time.monotonic() - started < 4, "stopped at the end of the grace period")
    check(d.names("work") == ["long.txt"], "interrupted article stays in work/")
    d.config["plugins"] = {"sleepy": {"delay_ms": 0}}
    d.write_config()
    d.start()
    d.wait_settled(1)
    check_exactly_once(d, {"long.txt": text(1)})
    check(d.stop() == 0, "exit status")


def reload_and_wait(d, count):
    d.send(signal.SIGHUP)
    wait_until(lambda: (d.log().count("reload: the new pipeline is running") +
                        d.log().count("still running the previous pipeline")) >= count,
               20, "reload %d to end" % count)


def test_sighup_valid_config_switches_pipeline_without_loss(ctx):
    d = ctx.daemon(pipeline=["stats"], workers=2)
    d.start()
    d.wait_log("watching")
    drop(d, {"before.txt": text(0)})
    d.wait_settled(1)
    check("crashy" not in d.outputs()["before.json"], "old pipeline at first")
    d.config["pipeline"] = ["crashy", "stats"]
    d.write_config()
    inputs = {"during%03d.txt" % i: text(i) for i in range(100)}
    d.send(signal.SIGHUP)
    drop(d, inputs)
    d.wait_log("reload: the new pipeline is running")
    drop(d, {"after.txt": text(1000)})
    d.wait_settled(102)
    outs = d.outputs()
    check("crashy" in outs["after.json"], "new pipeline after the reload")
    inputs.update({"before.txt": text(0), "after.txt": text(1000)})
    check_exactly_once(d, inputs)
    check(d.stop() == 0, "exit status")


def test_sighup_invalid_config_keeps_the_old_pipeline(ctx):
    d = ctx.daemon(pipeline=["crashy", "stats"], workers=1)
    d.start()
    d.wait_log("watching")
    # A plugin that does not exist ...
    d.config["pipeline"] = ["nosuchplugin"]
    d.write_config()
    reload_and_wait(d, 1)
    check("nosuchplugin" in d.log(), "the log says what is wrong")
    # ... and a file that is not JSON.
    d.write_config("{ this is not json")
    reload_and_wait(d, 2)
    check(d.log().count("still running the previous pipeline") == 2,
          "both reloads refused")
    check(d.alive(), "still running")
    # Even a worker started after the refusals runs the validated pipeline.
    workers = [p for p in os.listdir("/proc") if p.isdigit() and
               _ppid(int(p)) == d.proc.pid]
    check(len(workers) == 1, "one worker: %r" % workers)
    os.kill(int(workers[0]), signal.SIGKILL)
    wait_until(lambda: d.log().count("killed by SIGKILL") >= 1, 10, "the kill noticed")
    drop(d, {"after.txt": text(1)})
    d.wait_settled(1, timeout=20)
    check("crashy" in d.outputs()["after.json"], "old pipeline still runs")
    check(d.stop() == 0, "exit status")


def _ppid(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return -1


def test_sighups_during_a_reload_coalesce(ctx):
    # A slow start keeps the first reload running while the others arrive.
    d = ctx.daemon(pipeline=["sleepy", "stats"], workers=1,
                   plugins={"sleepy": {"init_delay_ms": 1500}})
    d.start()
    d.wait_log("watching")
    d.send(signal.SIGHUP)
    d.wait_log("reload: reading")
    for _ in range(4):
        d.send(signal.SIGHUP)

    def all_finished():
        log = d.log()
        done = log.count("reload: the new pipeline is running")
        return done >= 1 and done == log.count("reload: reading")
    wait_until(all_finished, 30, "the reloads to finish")
    reloads = d.log().count("reload: reading")
    check(reloads == 2, "a SIGHUP and 4 during its reload gave %d reloads, not 2" % reloads)
    check(d.stop() == 0, "exit status")


def test_notify_socket_hears_the_life_of_the_daemon(ctx):
    d = ctx.daemon(pipeline=["stats"], workers=1)
    path = os.path.join(d.root, "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(10)
    messages = []

    def expect(key, timeout=10):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for m in messages:
                if key in m:
                    messages.remove(m)
                    return m
            try:
                messages.append(sock.recv(4096).decode())
            except socket.timeout:
                break
        raise Failure("no %r among %r" % (key, messages))

    try:
        d.start(env={"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "200000"})
        ready = expect("READY=1")
        check(d.log().count("watching") == 1, "READY=1 only after the watch is armed")
        drop(d, {"a.txt": text(1)})
        d.wait_settled(1)
        wait_until(lambda: "1 done" in expect("STATUS="), 5, "STATUS with the count")
        worker = [p for p in os.listdir("/proc") if p.isdigit() and
                  _ppid(int(p)) == d.proc.pid]
        check(len(worker) == 1, "one worker")
        with open("/proc/%s/environ" % worker[0], "rb") as f:
            env = f.read().split(b"\0")
        check(not any(e.startswith((b"NOTIFY_SOCKET=", b"WATCHDOG_USEC="))
                      for e in env), "workers never see the socket")
        expect("WATCHDOG=1")
        expect("WATCHDOG=1")
        before = int(time.monotonic() * 1e6)
        d.send(signal.SIGHUP)
        reloading = expect("RELOADING=1")
        usec = [int(line.split("=", 1)[1]) for line in reloading.split("\n")
                if line.startswith("MONOTONIC_USEC=")]
        check(len(usec) == 1, "RELOADING=1 comes with MONOTONIC_USEC: %r" % reloading)
        check(abs(usec[0] - before) < 5e6, "MONOTONIC_USEC is CLOCK_MONOTONIC")
        expect("READY=1")
        d.send(signal.SIGTERM)
        expect("STOPPING=1")
        check(d.stop() == 0, "exit status")
        check(ready.startswith("READY=1"), "READY=1: %r" % ready)
    finally:
        sock.close()


def fill_queue(path):
    """Sends to path until its queue is full, as a reader that never reads."""
    filler = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    filler.setblocking(False)
    n = 0
    try:
        while True:
            filler.sendto(b"X=1", path)
            n += 1
    except BlockingIOError:
        pass
    finally:
        filler.close()
    check(n > 0, "the test socket took some datagrams")
    return n


def test_a_notify_socket_nobody_reads_never_stalls(ctx):
    # The reader's queue is full from the start: every message the daemon
    # sends, READY=1 first, would block a blocking sendto().
    d = ctx.daemon(pipeline=["stats"], workers=2)
    path = os.path.join(d.root, "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    try:
        queued = fill_queue(path)
        d.start(env={"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "100000"})
        d.wait_log("watching")
        inputs = {"n%04d.txt" % i: text(i) for i in range(2000)}
        drop(d, inputs)
        d.wait_settled(2000, timeout=120)
        check_exactly_once(d, inputs)

        # The reader comes back: READY=1 was kept, then the latest STATUS.
        sock.settimeout(10)
        for _ in range(queued):
            check(sock.recv(4096) == b"X=1", "the filler first")
        first = sock.recv(4096).decode()
        check(first == "READY=1", "READY=1 kept for the reader: %r" % first)
        wait_until(lambda: "2000 done" in sock.recv(4096).decode(), 10,
                   "a STATUS with the count")

        # Gone again: SIGTERM still ends the daemon at once.
        fill_queue(path)
        started = time.monotonic()
        check(d.stop(signal.SIGTERM, timeout=20) == 0, "exit status 0")
        check(time.monotonic() - started < 10, "stopped promptly")
    finally:
        sock.close()


def test_journal_stream_gives_priority_prefixes(ctx):
    d = ctx.daemon(pipeline=["stats"], workers=1)
    # JOURNAL_STREAM names the stream systemd connected: here, the log file.
    open(d.log_path, "ab").close()
    st = os.stat(d.log_path)
    d.start(env={"JOURNAL_STREAM": "%d:%d" % (st.st_dev, st.st_ino)})
    d.wait_log("watching")
    check(d.stop() == 0, "exit status")
    lines = [l for l in d.log().splitlines() if l]
    check(lines and all(l.startswith("<") and l[2] == ">" for l in lines),
          "every line has a <N> prefix: %r" % lines[:3])
    check(any(l.startswith("<5>watching") for l in lines), "notice is <5>")

    # Inherited by something whose stderr goes elsewhere: timestamps.
    d2 = ctx.daemon("d2", pipeline=["stats"], workers=1)
    d2.start(env={"JOURNAL_STREAM": "%d:%d" % (st.st_dev, st.st_ino + 1)})
    d2.wait_log("watching")
    check(d2.stop() == 0, "exit status")
    check(not d2.log().startswith("<"), "no prefix: %r" % d2.log()[:60])


if __name__ == "__main__":
    sys.exit(main([
        test_sigterm_during_a_batch_loses_nothing,
        test_sigterm_grace_over_hands_back_to_the_next_start,
        test_sighup_valid_config_switches_pipeline_without_loss,
        test_sighup_invalid_config_keeps_the_old_pipeline,
        test_sighups_during_a_reload_coalesce,
        test_notify_socket_hears_the_life_of_the_daemon,
        test_a_notify_socket_nobody_reads_never_stalls,
        test_journal_stream_gives_priority_prefixes,
    ]))
