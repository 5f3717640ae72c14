"""`lectord run` with "metrics": the Prometheus endpoint of a real daemon,
scraped after it processed real files, and checked by promtool.

Run by ctest as: python3 test_metrics.py --lectord PATH --build DIR
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request

sys.dont_write_bytecode = True   # keep the source tree clean

from harness import Failure, check, check_exactly_once, main, wait_until, write_file

SAMPLE = re.compile(r'^([a-z_]+)(?:\{(.*)\})? (\S+)$')


def text(i):
    return ("Article number %d. Its numbers should add up.\n" % i).encode()


def parse(body):
    """(name, ((label, value), ...)) -> float, for every sample line."""
    out = {}
    for line in body.splitlines():
        if not line or line.startswith("#"):
            continue
        m = SAMPLE.match(line)
        check(m is not None, "a sample line: %r" % line)
        labels = tuple(sorted(re.findall(r'([a-z_]+)="([^"]*)"', m.group(2) or "")))
        out[(m.group(1), labels)] = float(m.group(3))
    return out


def value(samples, name, **labels):
    key = (name, tuple(sorted(labels.items())))
    check(key in samples, "no sample %s%r" % (name, labels))
    return samples[key]


def listen_port(d):
    d.wait_log("metrics: http on")
    m = re.search(r"metrics: http on 127\.0\.0\.1:(\d+)", d.log())
    check(m is not None, "the log names the port")
    return int(m.group(1))


def scrape(port, path="/metrics"):
    with urllib.request.urlopen("http://127.0.0.1:%d%s" % (port, path), timeout=10) as r:
        check(r.status == 200, "status %d" % r.status)
        check(r.headers["Content-Type"].startswith("text/plain; version=0.0.4"),
              "content type %r" % r.headers["Content-Type"])
        return r.read().decode()


def promtool_check(body):
    promtool = shutil.which("promtool")
    check(promtool is not None, "promtool is installed (Debian package prometheus)")
    p = subprocess.run([promtool, "check", "metrics"], input=body,
                       capture_output=True, text=True)
    check(p.returncode == 0, "promtool check metrics: %s%s" % (p.stdout, p.stderr))


def test_scrape_counts_what_the_daemon_did(ctx):
    d = ctx.daemon(pipeline=["crashy", "stats"], workers=2, max_attempts=2,
                   max_jobs=5, metrics={"listen": "127.0.0.1:0"})
    d.start()
    port = listen_port(d)
    d.wait_log("watching")
    inputs = {"ok%02d.txt" % i: text(i) for i in range(20)}
    for name, data in inputs.items():
        write_file(os.path.join(d.inbox, name), data)
    write_file(os.path.join(d.inbox, "empty.txt"), b"")
    write_file(os.path.join(d.inbox, "segv.txt"), b"This one says SEGFAULT.\n")
    os.symlink("/etc/hostname", os.path.join(d.inbox, "link.txt"))
    d.wait_settled(23, timeout=60)
    check_exactly_once(d, inputs)

    # Counters move with the articles, a restart when the lost worker is
    # reaped, the depths every second: wait for all of them.
    def settled():
        s = parse(scrape(port))
        failed = sum(value(s, "lector_articles_failed_total", reason=r)
                     for r in ("refused", "plugin", "crash"))
        return s if (value(s, "lector_articles_done_total") == 20 and
                     failed == 3 and
                     value(s, "lector_worker_restarts_total",
                           cause="crash") == 2 and
                     value(s, "lector_in_flight") == 0 and
                     value(s, "lector_inbox_depth") == 0) else None
    s = wait_until(settled, 30, "the metrics to catch up")
    body = scrape(port)
    promtool_check(body)

    check(value(s, "lector_build_info", version=re.search(
        r'version="([^"]+)"', body).group(1), abi="1.1") == 1, "build info")
    failed = {r: value(s, "lector_articles_failed_total", reason=r)
              for r in ("refused", "plugin", "crash", "timeout", "publish")}
    check(failed == {"refused": 1, "plugin": 1, "crash": 1, "timeout": 0,
                     "publish": 0}, "failed by reason: %r" % failed)
    check(value(s, "lector_articles_retried_total", reason="crash") == 1,
          "segv.txt tried again once")
    check(value(s, "lector_articles_retried_total", reason="timeout") == 0,
          "no timeout")
    check(value(s, "lector_worker_restarts_total", cause="crash") == 2,
          "two workers lost to segv.txt")
    check(value(s, "lector_worker_restarts_total", cause="max_jobs") >= 1,
          "workers replaced after 5 jobs")
    check(value(s, "lector_input_bytes_total") == sum(len(b) for b in inputs.values()),
          "input bytes of the articles done")
    out_bytes = sum(os.path.getsize(d.path("outbox", n)) for n in d.names("outbox"))
    check(value(s, "lector_output_bytes_total") == out_bytes,
          "output bytes %r, outbox holds %d" % (value(s, "lector_output_bytes_total"), out_bytes))
    for plugin in ("text", "crashy", "stats"):
        count = value(s, "lector_plugin_duration_seconds_count", plugin=plugin)
        check(count == 20, "%s timed on each article done: %r" % (plugin, count))
        check(value(s, "lector_plugin_duration_seconds_bucket", plugin=plugin,
                    le="+Inf") == count, "+Inf bucket holds all")
    check(value(s, "lector_fsync_duration_seconds_count") >= 3,
          "the outputs' fsyncs are timed")

    try:
        scrape(port, "/")
        raise Failure("/ should be 404")
    except urllib.error.HTTPError as e:
        check(e.code == 404, "/ gives %d" % e.code)
    check(d.stop() == 0, "exit status")


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost", timeout=10)
        self.unix_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(10)
        self.sock.connect(self.unix_path)


def unix_get(path):
    conn = UnixHTTPConnection(path)
    conn.request("GET", "/metrics")
    r = conn.getresponse()
    body = r.read().decode()
    conn.close()
    return r.status, body


def test_unix_socket_endpoint(ctx):
    d = ctx.daemon(pipeline=["stats"], workers=1)
    path = os.path.join(d.root, "metrics.sock")
    d.config["metrics"] = {"listen": "unix:" + path}
    d.write_config()
    d.start()
    d.wait_log("watching")
    write_file(os.path.join(d.inbox, "one.txt"), text(1))
    d.wait_settled(1)
    status, body = unix_get(path)
    check(status == 200, "status %d" % status)
    check(value(parse(body), "lector_articles_done_total") == 1, "one done")
    promtool_check(body)

    # A reload keeps the listener, and says that a new one waits.
    d.config["metrics"] = {"listen": "unix:" + path + ".new"}
    d.write_config()
    d.send(signal.SIGHUP)
    d.wait_log("metrics.listen changes at the next start")
    check(unix_get(path)[0] == 200, "still served after the reload")
    check(d.stop() == 0, "exit status")
    check(not os.path.exists(path), "the socket is removed at the stop")


def check_config(ctx, root, config):
    path = os.path.join(root, "bad.json")
    with open(path, "w") as f:
        json.dump(config, f)
    return subprocess.run([ctx.lectord, "check-config", "-c", path],
                          capture_output=True, text=True)


def test_bad_settings_are_refused(ctx):
    d = ctx.daemon(pipeline=["stats"], workers=1)
    for metrics, why in ((
            {"listen": "9464"}, "metrics.listen: expected HOST:PORT"), (
            {"listen": "unix:relative.sock"}, "metrics.listen: expected unix:"), (
            {"listen": "127.0.0.1:99999"}, "metrics.listen: expected HOST:PORT"), (
            {"port": 9464}, "metrics.port: unknown setting"), (
            {}, "metrics.listen: missing"), (
            "127.0.0.1:9464", "metrics: expected an object")):
        p = check_config(ctx, d.root, {"pipeline": ["stats"], "metrics": metrics})
        check(p.returncode == 2, "%r refused: status %d" % (metrics, p.returncode))
        check(why in p.stderr, "%r: %r should say %r" % (metrics, p.stderr, why))

    # A port taken by someone else: the daemon says so and exits 2.
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        d.config["metrics"] = {"listen": "127.0.0.1:%d" % taken.getsockname()[1]}
        d.write_config()
        d.start()
        rc = d.proc.wait(30)
        d.proc = None
        d.log_file.close()
        check(rc == 2, "exit status %r" % rc)
        check("Address already in use" in d.log(), "the log says why")
    finally:
        taken.close()


if __name__ == "__main__":
    sys.exit(main([
        test_scrape_counts_what_the_daemon_did,
        test_unix_socket_endpoint,
        test_bad_settings_are_refused,
    ]))
