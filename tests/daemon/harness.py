"""Runs the real `lectord run` on temporary folders, for the daemon's tests.

Only the Python standard library. Each test script calls main(tests): every
test gets a fresh folder and a fresh daemon; a failed assertion prints the
daemon's log.
"""
import argparse
import ctypes
import ctypes.util
import hashlib
import json
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import traceback


class Failure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


def wait_until(pred, timeout, what, every=0.05):
    """Polls pred until it is true; fails naming what was awaited."""
    end = time.monotonic() + timeout
    while True:
        value = pred()
        if value:
            return value
        if time.monotonic() > end:
            raise Failure("timed out after %gs waiting for %s" % (timeout, what))
        time.sleep(every)


class DirScans:
    """Counts the times a folder is listed, by anyone, from now on: inotify
    reports the folder's own opening and closing, so a test can wait for
    the daemon's next scans instead of sleeping through them."""

    IN_CLOSE_NOWRITE = 0x10
    IN_ISDIR = 0x40000000
    IN_NONBLOCK = os.O_NONBLOCK
    IN_CLOEXEC = os.O_CLOEXEC

    def __init__(self, path):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        self.fd = libc.inotify_init1(self.IN_NONBLOCK | self.IN_CLOEXEC)
        check(self.fd >= 0, "inotify_init1: errno %d" % ctypes.get_errno())
        wd = libc.inotify_add_watch(self.fd, os.fsencode(path),
                                    self.IN_CLOSE_NOWRITE)
        check(wd >= 0, "inotify_add_watch %s: errno %d" % (path, ctypes.get_errno()))
        self.count = 0

    def close(self):
        os.close(self.fd)

    def _read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return
        buf = os.read(self.fd, 65536)
        at = 0
        while at + 16 <= len(buf):
            _, mask, _, length = struct.unpack_from("iIII", buf, at)
            if mask & self.IN_ISDIR and length == 0:
                self.count += 1   # the folder itself, not a file in it
            at += 16 + length

    def wait(self, n, timeout=15):
        """Waits until the folder has been listed n more times from now."""
        before = -1
        while before != self.count:   # what happened before now does not count
            before = self.count
            self._read(0)
        goal = self.count + n
        end = time.monotonic() + timeout
        while self.count < goal:
            left = end - time.monotonic()
            if left <= 0:
                raise Failure("timed out after %gs waiting for %d scans" % (timeout, n))
            self._read(left)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def write_file(path, data, mtime=None):
    with open(path, "wb") as f:
        f.write(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))


class Daemon:
    """One spool, one configuration, and the lectord process running on it."""

    def __init__(self, ctx, root, **config):
        self.ctx = ctx
        self.root = root
        self.spool = os.path.join(root, "spool")
        self.inbox = os.path.join(self.spool, "inbox")
        self.config_path = os.path.join(root, "lectord.json")
        self.log_path = os.path.join(root, "lectord.log")
        self.proc = None
        self.config = {
            "spool": self.spool,
            "plugin_dirs": [ctx.plugin_dir],
            "pipeline": ["stats"],
            "workers": 2,
            "settle_seconds": 0.3,
            "rescan_seconds": 1,
            "timeout_seconds": 10,
            "grace_seconds": 10,
            "log_level": "info",
        }
        self.config.update(config)
        self.write_config()
        for sub in ("inbox", "work", "outbox", "failed", "done"):
            os.makedirs(os.path.join(self.spool, sub), exist_ok=True)

    def path(self, *parts):
        return os.path.join(self.spool, *parts)

    def write_config(self, text=None):
        with open(self.config_path, "w") as f:
            f.write(text if text is not None else json.dumps(self.config, indent=1))

    def start(self, env=None, extra_args=(), preexec_fn=None, asan_options=""):
        full_env = dict(os.environ)
        # The greedy plugin must see malloc fail under ASan too.
        asan = full_env.get("ASAN_OPTIONS", "")
        full_env["ASAN_OPTIONS"] = (asan + ":" if asan else "") + \
            "allocator_may_return_null=1:detect_leaks=1" + \
            (":" + asan_options if asan_options else "")
        full_env.pop("NOTIFY_SOCKET", None)
        full_env.pop("JOURNAL_STREAM", None)
        full_env.update(env or {})
        self.log_file = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [self.ctx.lectord, "run", "-c", self.config_path] + list(extra_args),
            stdin=subprocess.DEVNULL, stdout=self.log_file, stderr=self.log_file,
            env=full_env, cwd=self.root, preexec_fn=preexec_fn)
        return self

    def send(self, sig):
        self.proc.send_signal(sig)

    def stop(self, sig=signal.SIGTERM, timeout=30):
        """Stops the daemon with sig; returns its exit status."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise Failure("lectord did not stop within %gs of %s" % (timeout, sig))
        self.proc = None
        self.log_file.close()
        self.check_sanitizers()
        return rc

    def check_sanitizers(self):
        log = self.log()
        for marker in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                       "runtime error:"):
            check(marker not in log, "sanitizer report in the log: %s" % marker)

    def kill9(self):
        self.proc.kill()
        self.proc.wait()
        self.proc = None
        self.log_file.close()

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def log(self):
        try:
            with open(self.log_path, "r", errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def wait_log(self, text, timeout=15, count=1):
        return wait_until(lambda: self.log().count(text) >= count, timeout,
                          "%r in the log" % text)

    def names(self, sub):
        """Visible files of a spool folder (dot-files are ours or hidden)."""
        return sorted(n for n in os.listdir(self.path(sub)) if not n.startswith("."))

    def outputs(self):
        """outbox name -> parsed output."""
        out = {}
        for n in self.names("outbox"):
            with open(self.path("outbox", n)) as f:
                out[n] = json.load(f)
        return out

    def reports(self):
        """failed/NAME -> its parsed NAME.error.json."""
        out = {}
        for n in self.names("failed"):
            if n.endswith(".error.json"):
                continue
            with open(self.path("failed", n + ".error.json")) as f:
                out[n] = json.load(f)
        return out

    def wait_settled(self, expected, timeout=30):
        """Waits until outbox + failed hold `expected` articles and nothing waits."""
        def settled():
            check(self.proc is None or self.proc.poll() is None,
                  "lectord exited with status %r" % (self.proc and self.proc.poll()))
            n = len(self.names("outbox")) + len(self.reports())
            return n >= expected and not self.names("inbox") and not self.names("work")
        wait_until(settled, timeout, "%d articles to be processed" % expected)


class Context:
    def __init__(self, lectord, build):
        self.lectord = os.path.abspath(lectord)
        self.build = os.path.abspath(build)
        self.plugin_dir = os.path.join(self.build, "tests", "daemon-plugins")
        self.daemons = []
        self.tmp = None

    def daemon(self, name="d", **config):
        root = os.path.join(self.tmp, name)
        os.makedirs(root, exist_ok=True)
        d = Daemon(self, root, **config)
        self.daemons.append(d)
        return d


def check_exactly_once(d, inputs):
    """inputs: name -> bytes. Each has exactly one output, made from it."""
    outputs = d.outputs()
    by_file = {}
    for out_name, out in outputs.items():
        src = out.get("source", {})
        by_file.setdefault(src.get("file"), []).append((out_name, src.get("sha256")))
    for name, data in inputs.items():
        got = by_file.get(name, [])
        check(len(got) == 1, "%s: %d outputs, expected exactly one: %r" % (name, len(got), got))
        check(got[0][1] == sha256(data), "%s: output made from other content" % name)
    check(len(outputs) == len(inputs),
          "%d outputs for %d inputs" % (len(outputs), len(inputs)))


def main(tests):
    p = argparse.ArgumentParser()
    p.add_argument("--lectord", required=True)
    p.add_argument("--build", required=True)
    p.add_argument("only", nargs="*")
    a = p.parse_args()
    ctx = Context(a.lectord, a.build)
    if not os.path.isdir(ctx.plugin_dir):
        print("missing %s: build the daemon test plugins first" % ctx.plugin_dir)
        return 1
    unknown = set(a.only) - {t.__name__ for t in tests}
    if unknown:
        print("no such test: %s" % ", ".join(sorted(unknown)))
        return 2
    failed = 0
    for test in tests:
        if a.only and test.__name__ not in a.only:
            continue
        ctx.tmp = tempfile.mkdtemp(prefix="lectord-test-")
        ctx.daemons = []
        started = time.monotonic()
        try:
            test(ctx)
            print("ok   %-45s %.1fs" % (test.__name__, time.monotonic() - started))
        except Exception as e:  # noqa: BLE001 - report every kind of failure
            failed += 1
            print("FAIL %s: %s" % (test.__name__, e))
            if not isinstance(e, Failure):
                traceback.print_exc()
            for d in ctx.daemons:
                print("---- log of %s ----\n%s" % (d.root, d.log()[-6000:]))
        finally:
            for d in ctx.daemons:
                if d.proc is not None:
                    d.proc.kill()
                    d.proc.wait()
            if not failed:
                shutil.rmtree(ctx.tmp, ignore_errors=True)
    sys.stdout.flush()
    return 1 if failed else 0
