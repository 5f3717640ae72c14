"""`lectord run`: how files are noticed and where they end.

Run by ctest as: python3 test_spool.py --lectord PATH --build DIR
"""
import os
import socket
import stat
import sys
import time

sys.dont_write_bytecode = True   # keep the source tree clean

from harness import (DirScans, check, check_exactly_once, main, sha256, wait_until,
                     write_file)

OLD = time.time() - 3600   # an mtime that has long settled


def text(i):
    return ("Article number %d. It says something short.\n" % i).encode()


def test_files_waiting_at_start_are_processed(ctx):
    d = ctx.daemon()
    inputs = {"a%d.txt" % i: text(i) for i in range(5)}
    for name, data in inputs.items():
        write_file(os.path.join(d.inbox, name), data, mtime=OLD)
    d.start()
    d.wait_settled(5)
    check_exactly_once(d, inputs)
    check(d.names("done") == sorted(inputs), "originals in done/: %r" % d.names("done"))
    check(d.stop() == 0, "exit status after SIGTERM")


def test_interrupted_work_is_redone_once(ctx):
    d = ctx.daemon()
    # An article a previous run claimed and never finished ...
    write_file(d.path("work", "left.txt"), text(1))
    # ... and one whose output was published just before the crash.
    write_file(d.path("work", "published.txt"), text(2))
    write_file(d.path("outbox", "published.json"),
               ('{"source": {"file": "published.txt", "sha256": "%s"}}'
                % sha256(text(2))).encode())
    # A temporary output of the crashed run.
    write_file(d.path("outbox", ".lector-7.tmp"), b"{")
    d.start()
    wait_until(lambda: d.names("done") == ["left.txt", "published.txt"], 15,
               "both articles to leave work/")
    check(d.names("outbox") == ["left.json", "published.json"],
          "outbox: %r" % d.names("outbox"))
    check(not os.path.exists(d.path("outbox", ".lector-7.tmp")),
          "stale temporary output removed")
    check(d.outputs()["published.json"].get("stats") is None,
          "the published output was not made again")
    check(d.stop() == 0, "exit status")


def test_slow_writer_gives_one_whole_output(ctx):
    d = ctx.daemon(settle_seconds=0.3)
    d.start()
    d.wait_log("watching")
    pieces = [b"The first piece of a slow article. ", b"The second piece. ",
              b"The third and last piece.\n"]
    with open(os.path.join(d.inbox, "slow.txt"), "wb") as f:
        for piece in pieces:
            f.write(piece)
            f.flush()
            time.sleep(0.7)   # longer than the settle time: close-write decides
    d.wait_settled(1)
    outs = d.outputs()
    check(list(outs) == ["slow.json"], "outbox: %r" % list(outs))
    check(outs["slow.json"]["text"] == b"".join(pieces).decode(),
          "output holds the whole text: %r" % outs["slow.json"]["text"])
    check(d.stop() == 0, "exit status")


def test_renamed_in_files_are_taken(ctx):
    d = ctx.daemon()
    staging = os.path.join(d.root, "staging")
    os.makedirs(staging)
    d.start()
    d.wait_log("watching")
    write_file(os.path.join(staging, "moved.txt"), text(1))
    os.rename(os.path.join(staging, "moved.txt"), os.path.join(d.inbox, "moved.txt"))
    # The rsync way: a dot-file in the inbox, renamed when complete.
    write_file(os.path.join(d.inbox, ".dotted.txt.Xa1b2"), text(2))
    os.rename(os.path.join(d.inbox, ".dotted.txt.Xa1b2"),
              os.path.join(d.inbox, "dotted.txt"))
    d.wait_settled(2)
    check_exactly_once(d, {"moved.txt": text(1), "dotted.txt": text(2)})
    check(d.stop() == 0, "exit status")


def test_two_thousand_files_exactly_once(ctx):
    d = ctx.daemon(workers=2)
    d.start()
    d.wait_log("watching")
    inputs = {"n%04d.txt" % i: text(i) for i in range(2000)}
    for name, data in inputs.items():
        write_file(os.path.join(d.inbox, name), data)
    d.wait_settled(2000, timeout=120)
    check_exactly_once(d, inputs)
    check(len(d.names("done")) == 2000, "done/ holds %d" % len(d.names("done")))
    check(d.names("failed") == [], "nothing failed")
    check(d.stop() == 0, "exit status")


def test_rescan_finds_a_file_no_event_reported(ctx):
    d = ctx.daemon(rescan_seconds=5)
    staging = os.path.join(d.root, "staging")
    os.makedirs(staging)
    write_file(os.path.join(staging, "linked.txt"), text(1), mtime=OLD)
    d.start()
    d.wait_log("watching")
    time.sleep(0.2)
    # A hard link makes only IN_CREATE, which lectord does not act on.
    os.link(os.path.join(staging, "linked.txt"), os.path.join(d.inbox, "linked.txt"))
    # Long past the settle time and the few ms an article takes, well
    # before the first rescan: an output now came from acting on IN_CREATE.
    time.sleep(2)
    check(d.names("outbox") == [], "no event should have reported the link")
    d.wait_settled(1, timeout=15)
    check_exactly_once(d, {"linked.txt": text(1)})
    check(d.stop() == 0, "exit status")


def test_links_fifos_and_sockets_fail_at_once(ctx):
    # Nothing closes or moves them in: only their creation says they are
    # there. The rescan is far away, so only that event can find them.
    d = ctx.daemon(rescan_seconds=300)
    d.start()
    d.wait_log("watching")
    os.symlink("/etc/hostname", os.path.join(d.inbox, "link.txt"))
    os.mkfifo(os.path.join(d.inbox, "fifo.txt"))
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(os.path.join(d.inbox, "sock.txt"))
        expect = {"link.txt": "symbolic link", "fifo.txt": "not a regular file",
                  "sock.txt": "not a regular file"}
        wait_until(lambda: len(d.reports()) == 3, 10, "three reports in failed/")
    finally:
        sock.close()
    reports = d.reports()
    for name, why in expect.items():
        check(why in reports[name]["reason"], "%s: reason %r should say %r" %
              (name, reports[name]["reason"], why))
    check(d.names("inbox") == [], "inbox: %r" % d.names("inbox"))
    check(stat.S_ISLNK(os.lstat(d.path("failed", "link.txt")).st_mode),
          "the symlink itself was moved")
    check(d.stop() == 0, "exit status")


def test_poll_mode_takes_files_once_they_settle(ctx):
    d = ctx.daemon(watch="poll", rescan_seconds=0.2, settle_seconds=2)
    d.start()
    d.wait_log("watching")
    scans = DirScans(d.inbox)
    path = os.path.join(d.inbox, "polled.txt")
    with open(path, "wb") as f:
        f.write(b"Written in two parts, ")
        f.flush()
        scans.wait(2)   # the half-written file seen twice, well within the settle time
        check(os.listdir(d.inbox) == ["polled.txt"], "taken while written")
        f.write(b"without any event being used.\n")
    scans.close()
    d.wait_settled(1)
    outs = d.outputs()
    check(list(outs) == ["polled.json"], "outbox: %r" % list(outs))
    check(outs["polled.json"]["text"].endswith("event being used.\n"),
          "the whole text: %r" % outs["polled.json"]["text"])
    check(d.stop() == 0, "exit status")


def test_partial_and_hidden_names_are_never_touched(ctx):
    d = ctx.daemon(rescan_seconds=0.5)
    skipped = [".hidden.txt", "a.tmp", "b.part", "c.crdownload", ".d.txt.swp",
               "e.swp", "f.txt~"]
    for name in skipped:
        write_file(os.path.join(d.inbox, name), text(0), mtime=OLD)
    os.makedirs(os.path.join(d.inbox, "folder.txt"))
    write_file(os.path.join(d.inbox, "taken.txt"), text(1), mtime=OLD)
    d.start()
    scans = DirScans(d.inbox)
    wait_until(lambda: d.names("outbox") == ["taken.json"], 15, "taken.txt")
    scans.wait(2)   # two rescans after the one that took taken.txt
    scans.close()
    left = sorted(os.listdir(d.inbox))
    check(left == sorted(skipped + ["folder.txt"]), "inbox now: %r" % left)
    check(d.names("outbox") == ["taken.json"], "outbox: %r" % d.names("outbox"))
    check(d.stop() == 0, "exit status")


def test_same_name_twice_never_overwrites(ctx):
    d = ctx.daemon()
    d.start()
    d.wait_log("watching")
    write_file(os.path.join(d.inbox, "story.txt"), text(1))
    d.wait_settled(1)
    write_file(os.path.join(d.inbox, "story.txt"), text(2))
    d.wait_settled(2)
    outs = d.outputs()
    check(sorted(outs) == ["story.1.json", "story.json"], "outbox: %r" % sorted(outs))
    check(outs["story.json"]["source"]["sha256"] == sha256(text(1)), "first output kept")
    check(outs["story.1.json"]["source"]["sha256"] == sha256(text(2)), "second numbered")
    check(d.names("done") == ["story.1.txt", "story.txt"], "done: %r" % d.names("done"))
    check(d.stop() == 0, "exit status")


def test_keep_done_false_deletes_originals_once_written(ctx):
    d = ctx.daemon(keep_done=False)
    inputs = {"k%d.txt" % i: text(i) for i in range(5)}
    for name, data in inputs.items():
        write_file(os.path.join(d.inbox, name), data, mtime=OLD)
    write_file(os.path.join(d.inbox, "empty.txt"), b"", mtime=OLD)
    d.start()
    d.wait_settled(len(inputs) + 1)
    check_exactly_once(d, inputs)
    check(d.names("done") == [], "done/ holds %r" % d.names("done"))
    check(d.names("inbox") == [] and d.names("work") == [], "nothing left behind")
    # What failed is kept whatever keep_done says: nothing is lost.
    check(d.names("failed") == ["empty.txt", "empty.txt.error.json"],
          "failed/: %r" % d.names("failed"))
    check(d.stop() == 0, "exit status")


def test_log_level_on_the_command_line_overrides_the_config(ctx):
    quiet = ctx.daemon("quiet", log_level="info")
    write_file(os.path.join(quiet.inbox, "a.txt"), text(1), mtime=OLD)
    quiet.start(extra_args=["--log-level", "error"])
    quiet.wait_settled(1)
    check(quiet.stop() == 0, "exit status")
    for line in ("watching", "-> outbox/a.json", "stopped:"):
        check(line not in quiet.log(), "%r logged at --log-level error" % line)

    loud = ctx.daemon("loud", log_level="error")
    write_file(os.path.join(loud.inbox, "b.txt"), text(2), mtime=OLD)
    loud.start(extra_args=["--log-level", "debug"])
    loud.wait_settled(1)
    loud.wait_log("b.txt -> outbox/b.json")
    check(loud.stop() == 0, "exit status")
    check(": ready" in loud.log(), "debug lines at --log-level debug")

    bad = ctx.daemon("bad")
    bad.start(extra_args=["--log-level", "loud"])
    rc = bad.proc.wait(20)
    bad.proc = None
    bad.log_file.close()
    check(rc == 2, "exit status %r for an unknown level" % rc)
    check("--log-level: expected error, warning, notice, info or debug" in bad.log(),
          "clear message: %r" % bad.log())


def test_a_name_cannot_forge_a_line_of_the_log(ctx):
    d = ctx.daemon()
    names = {"ok\n2026-01-01 00:00:00 lectord: forged.txt": text(1),
             "empty\x1b[2K\u202e.txt": b""}
    for name, data in names.items():
        write_file(os.path.join(d.inbox, name), data, mtime=OLD)
    d.start()
    d.wait_settled(2)
    check(d.stop() == 0, "exit status")
    log = d.log()
    check("ok\\n2026-01-01 00:00:00 lectord: forged.txt -> outbox/" in log,
          "the newline shown escaped: %r" % log)
    check("empty\\x1b[2K\\u202e.txt: empty article" in log,
          "controls shown escaped: %r" % log)
    lines = log.splitlines()
    check(not any(line.startswith("2026-01-01") for line in lines), "a forged line")
    check("\x1b" not in log and "\u202e" not in log, "raw controls in the log")


def test_bad_inputs_fail_with_a_report(ctx):
    d = ctx.daemon(max_bytes=100000)
    bad = {
        "binary.txt": (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "binary"),
        "empty.txt": (b"", "empty"),
        "huge.txt": (b"word " * 30000, "max_bytes"),
        "broken.txt": (b"caf\xc3 \x81\x8d\x8f not text at all \x90\x9d", "UTF-8"),
        "unknown.xyz": (b"plain words", "no reader"),
    }
    for name, (data, _) in bad.items():
        write_file(os.path.join(d.inbox, name), data, mtime=OLD)
    os.symlink("/etc/hostname", os.path.join(d.inbox, "link.txt"))
    os.mkfifo(os.path.join(d.inbox, "fifo.txt"))
    latin1 = os.fsdecode(b"caf\xe9.txt")    # a name that is not UTF-8
    write_file(os.path.join(d.inbox, latin1), text(2), mtime=OLD)
    write_file(os.path.join(d.inbox, "good.txt"), text(1), mtime=OLD)
    d.start()
    d.wait_settled(len(bad) + 4)
    reports = d.reports()
    expect = dict((name, why) for name, (_, why) in bad.items())
    expect["link.txt"] = "symbolic link"
    expect["fifo.txt"] = "not a regular file"
    expect[latin1] = "not UTF-8"
    check(sorted(reports) == sorted(expect), "failed/: %r" % sorted(reports))
    for name, why in expect.items():
        r = reports[name]
        shown = name if name != latin1 else "caf?.txt"
        check(r["file"] == shown, "%s: report names the file: %r" % (name, r["file"]))
        check(why in r["reason"], "%s: reason %r should say %r" % (name, r["reason"], why))
        for key in ("plugin", "attempts", "time"):
            check(key in r, "%s: report has %s" % (name, key))
    # What a worker read and refused counts one attempt; what the master
    # refused before any worker saw it counts none.
    for name in ("binary.txt", "empty.txt", "broken.txt"):
        check(reports[name]["attempts"] == 1, "%s: attempts %r" %
              (name, reports[name]["attempts"]))
    for name in ("huge.txt", "link.txt"):
        check(reports[name]["attempts"] == 0, "%s: attempts %r" %
              (name, reports[name]["attempts"]))
    check(stat.S_ISLNK(os.lstat(d.path("failed", "link.txt")).st_mode),
          "the symlink itself was moved, not its target")
    check(d.names("outbox") == ["good.json"], "outbox: %r" % d.names("outbox"))
    check(d.stop() == 0, "exit status")


def test_unreadable_file_fails_with_a_report(ctx):
    d = ctx.daemon()
    write_file(os.path.join(d.inbox, "secret.txt"), text(1), mtime=OLD)
    os.chmod(os.path.join(d.inbox, "secret.txt"), 0)
    preexec = None
    if os.geteuid() == 0:
        # root reads anything: run the daemon as nobody, who cannot.
        for top, dirs, files in os.walk(d.root):
            for n in dirs + files:
                os.chown(os.path.join(top, n), 65534, 65534)
        os.chown(d.root, 65534, 65534)
        os.chmod(ctx.tmp, 0o755)

        def preexec():
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
    d.start(preexec_fn=preexec)
    d.wait_settled(1)
    r = d.reports().get("secret.txt")
    check(r is not None, "secret.txt in failed/: %r" % d.names("failed"))
    check("Permission denied" in r["reason"], "reason: %r" % r["reason"])
    check(d.stop() == 0, "exit status")


def test_refuses_a_spool_it_cannot_use(ctx):
    d = ctx.daemon()
    d.config["inbox"] = "/proc/lectord-inbox"
    d.write_config()
    d.start()
    rc = d.proc.wait(20)
    d.proc = None
    d.log_file.close()
    check(rc == 2, "exit status %r for an unusable inbox" % rc)
    check("spool: inbox folder /proc/lectord-inbox" in d.log(), "clear message")
    # Two daemons on one spool: the second refuses.
    d2 = ctx.daemon("d2")
    d2.start()
    d2.wait_log("watching")
    d3 = ctx.daemon("d3", spool=d2.spool)
    d3.start()
    check(d3.proc.wait(20) == 2, "a second daemon on the same spool refused")
    d3.proc = None
    d3.log_file.close()
    check("in use by another lectord" in d3.log(), "says why")
    check(d2.stop() == 0, "exit status")


if __name__ == "__main__":
    sys.exit(main([
        test_files_waiting_at_start_are_processed,
        test_interrupted_work_is_redone_once,
        test_slow_writer_gives_one_whole_output,
        test_renamed_in_files_are_taken,
        test_two_thousand_files_exactly_once,
        test_rescan_finds_a_file_no_event_reported,
        test_links_fifos_and_sockets_fail_at_once,
        test_poll_mode_takes_files_once_they_settle,
        test_partial_and_hidden_names_are_never_touched,
        test_same_name_twice_never_overwrites,
        test_keep_done_false_deletes_originals_once_written,
        test_log_level_on_the_command_line_overrides_the_config,
        test_a_name_cannot_forge_a_line_of_the_log,
        test_bad_inputs_fail_with_a_report,
        test_unreadable_file_fails_with_a_report,
        test_refuses_a_spool_it_cannot_use,
    ]))
