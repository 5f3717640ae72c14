"""Cluster mode: `lectord run` nodes sharing one NATS JetStream stream,
results in PostgreSQL, articles put in line with `lectord submit`. Every
server is started here, on free loopback ports, in a temporary folder.

Run by ctest as: python3 test_cluster.py --lectord PATH --build DIR
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

sys.dont_write_bytecode = True   # keep the source tree clean
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "daemon"))

from harness import Failure, check, main, wait_until, write_file  # noqa: E402
from servers import (Nats, NatsServer, Postgres, free_port, have_tools,  # noqa: E402
                     nats_cluster)

SENTENCES = [
    "The council met on Tuesday to discuss the new bridge.",
    "Residents asked for more buses on the northern line.",
    "A spokesperson said the budget would be published in May.",
    "The weather delayed the harvest by almost two weeks.",
    "Engineers expect the tunnel to open next spring.",
]


def article(i):
    """A distinct article: its number makes its content (and id) unique."""
    body = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(3))
    return ("Report %d\n\nArticle number %d. %s\n" % (i, i, body)).encode()


def write_articles(folder, n, bad=()):
    """n good articles and the bad ones given (name -> bytes)."""
    os.makedirs(folder, exist_ok=True)
    names = {}
    for i in range(n):
        name = "a%04d.txt" % i
        write_file(os.path.join(folder, name), article(i))
        names[name] = True
    for name, data in bad:
        write_file(os.path.join(folder, name), data)
    return sorted(names)


def node(ctx, name, urls, sinks, pg=None, nats_options=None, **config):
    plugins = {"nats": dict({"url": ",".join(urls), "ack_wait_seconds": 2,
                             "batch": 8}, **(nats_options or {}))}
    if pg is not None:
        plugins["postgres"] = {"conninfo": pg.conninfo, "table": "articles"}
    settings = dict(source="nats", sinks=sinks, workers=2,
                    pipeline=["stats", "sleepy"], timeout_seconds=10)
    plugins["sleepy"] = {"delay_ms": 10}
    settings.update(config)
    settings["plugins"] = dict(plugins, **settings.get("plugins", {}))
    return ctx.daemon(name, **settings)


def submit(ctx, d, files, timeout=120):
    r = subprocess.run([ctx.lectord, "submit", "-c", d.config_path] + files,
                       capture_output=True, text=True, timeout=timeout)
    check(r.returncode == 0, "submit exited %d: %s" % (r.returncode, r.stderr))


def running(*nodes):
    """Fails at once when a node has exited, rather than at a timeout."""
    for d in nodes:
        check(d.alive(), "%s exited with status %r" % (d.root, d.proc and d.proc.poll()))
    return True


def pg_count(pg):
    try:
        return int(pg.psql("SELECT count(*) FROM articles"))
    except Failure:
        return 0                                    # no table yet, or restarting


last_state = []     # pending, delivered unsettled, redelivered, in the stream


def settled(nats_url, stream="LECTOR", durable="lectord"):
    """The work queue is empty and nothing is delivered and unsettled."""
    try:
        n = Nats(nats_url)
    except OSError:
        return False
    try:
        info = n.consumer(stream, durable)
        stream_info = n.api("STREAM.INFO." + stream)
    except (OSError, Failure):
        return False                                # a leader being elected
    finally:
        n.close()
    if "error" in info or "error" in stream_info:
        return False
    last_state[:] = [info.get("num_pending"), info.get("num_ack_pending"),
                     info.get("num_redelivered"), stream_info["state"]["messages"]]
    return info["num_pending"] == 0 and info["num_ack_pending"] == 0 and \
        stream_info["state"]["messages"] == 0


def check_pg_exactly_once(pg, names):
    rows = pg.rows("SELECT doc->'source'->>'file', count(*) FROM articles "
                   "GROUP BY 1")
    by_file = {f: int(c) for f, c in rows}
    missing = [n for n in names if n not in by_file]
    check(not missing, "%d articles missing from PostgreSQL, e.g. %s" % (
        len(missing), missing[:5]))
    extra = [f for f in by_file if f not in names]
    check(not extra, "unexpected rows: %s" % extra[:5])
    check(int(pg.psql("SELECT count(*) FROM articles")) == len(names),
          "rows are not one per article")
    check(pg.psql("SELECT count(*) FROM articles WHERE received IS NOT NULL "
                  "AND doc->>'id' = id") == str(len(names)),
          "the received column is not filled, or id is not the document's")


def failed_files(nats_url):
    n = Nats(nats_url)
    try:
        msgs = n.stream_messages("LECTOR_FAILED")
    finally:
        n.close()
    return [(h.get("Lector-File"), json.loads(h.get("Lector-Report", "{}")),
             data) for h, data in msgs]


def test_two_nodes_one_killed_every_article_once(ctx):
    server = NatsServer(ctx).start()
    pg = Postgres(ctx).init()
    bad = [("empty.txt", b""), ("binary.txt", b"\x00\x01\x02\xff" * 50),
           ("crash.txt", b"This one says SEGFAULT and kills its worker.\n")]
    good = write_articles(os.path.join(ctx.tmp, "in"), 300, bad)
    kw = dict(pg=pg, plugin_dirs=[ctx.plugin_dir],
              pipeline=["stats", "crashy", "sleepy"])
    a = node(ctx, "a", [server.url], ["postgres"], **kw)
    b = node(ctx, "b", [server.url], ["postgres"], **kw)
    files = [os.path.join(ctx.tmp, "in", n) for n in good + [x[0] for x in bad]]
    submit(ctx, a, files)
    # Submitted again: the stream drops the duplicates by content.
    submit(ctx, a, files[:50])
    a.start()
    b.start()
    wait_until(lambda: running(a, b) and pg_count(pg) >= 60, 60,
               "a fifth of the articles")
    a.kill9()                                       # mid-batch, workers too
    check(pg_count(pg) < len(good), "all done before the kill: test too fast")
    a.start()
    try:
        wait_until(lambda: running(a, b) and pg_count(pg) >= len(good) and
                   settled(server.url), 90, "every article settled")
    except Failure as e:
        raise Failure("%s (rows %d; queue: pending, unsettled, redelivered, "
                      "stored: %r)" % (e, pg_count(pg), last_state))
    check_pg_exactly_once(pg, good)
    failed = failed_files(server.url)
    names = sorted(f for f, _, _ in failed)
    check(names == sorted(x[0] for x in bad),
          "failed subject holds %s, expected the bad files once each" % names)
    for f, report, data in failed:
        check(report.get("file") == f and report.get("reason"),
              "%s: report %r" % (f, report))
        check(data == dict(bad)[f], "%s: the article's bytes are not kept" % f)
    by_name = {f: r for f, r, _ in failed}
    check("worker was lost 2 times" in by_name["crash.txt"]["reason"],
          "the crashing article: %r" % by_name["crash.txt"])
    check("empty" in by_name["empty.txt"]["reason"],
          "the empty article: %r" % by_name["empty.txt"])
    for d in (a, b):
        rc = d.stop()
        check(rc == 0, "%s exited %r on SIGTERM" % (d.root, rc))


def test_postgres_restarted_the_sink_reconnects(ctx):
    server = NatsServer(ctx).start()
    pg = Postgres(ctx).init()
    good = write_articles(os.path.join(ctx.tmp, "in"), 200)
    d = node(ctx, "n", [server.url], ["postgres"], pg=pg,
             plugin_dirs=[ctx.plugin_dir])
    submit(ctx, d, [os.path.join(ctx.tmp, "in", n) for n in good])
    d.start()
    wait_until(lambda: running(d) and pg_count(pg) >= 40, 60,
               "some articles written")
    pg.stop(signal.SIGINT)                          # fast shutdown
    time.sleep(0.5)                                 # the sink meets it down
    pg.start()
    wait_until(lambda: running(d) and pg_count(pg) >= len(good) and
               settled(server.url), 90, "every article written after the restart")
    check_pg_exactly_once(pg, good)
    check(failed_files(server.url) == [], "articles failed during the restart")
    check("go again" in d.log() or "reconnect" in d.log() or
          "writing" in d.log(), "the restart was never noticed: test too slow")
    check(d.stop() == 0, "the node did not exit 0")


def test_three_server_cluster_one_killed_nothing_lost(ctx):
    servers = nats_cluster(ctx)
    for s in servers:
        s.start()
    urls = [s.url for s in servers]
    good = write_articles(os.path.join(ctx.tmp, "in"), 200)
    d = node(ctx, "n", urls, ["outbox"], nats_options={"replicas": 3},
             plugin_dirs=[ctx.plugin_dir], plugins={"sleepy": {"delay_ms": 20}})
    files = [os.path.join(ctx.tmp, "in", n) for n in good]

    def first_submit():
        r = subprocess.run([ctx.lectord, "submit", "-c", d.config_path,
                            files[0]], capture_output=True, timeout=60)
        return r.returncode == 0
    wait_until(first_submit, 60, "the cluster to take an R3 stream", every=0.5)
    submit(ctx, d, files)
    n = Nats(urls[0])
    leader = n.api("STREAM.INFO.LECTOR")["cluster"]["leader"]
    n.close()
    victim = [s for s in servers if s.name == leader][0]
    d.start()
    wait_until(lambda: running(d) and len(d.names("outbox")) >= 40, 60,
               "some articles done")
    victim.kill9()                                  # the stream's leader
    check(len(d.names("outbox")) < len(good),
          "all done before the kill: test too fast")
    alive = [s for s in servers if s is not victim]
    wait_until(lambda: running(d) and len(d.names("outbox")) >= len(good), 120,
               "every article after the server was killed")
    wait_until(lambda: settled(alive[0].url), 60, "the queue to drain")
    ids = set()
    files_seen = {}
    for name, out in d.outputs().items():
        ids.add(out["id"])
        f = out["source"]["file"]
        files_seen[f] = files_seen.get(f, 0) + 1
    check(sorted(files_seen) == good, "outputs are not the articles")
    check(all(v == 1 for v in files_seen.values()), "an article twice")
    check(d.stop() == 0, "the node did not exit 0")


def test_sighup_reloads_a_node_and_keeps_it_on_a_bad_file(ctx):
    server = NatsServer(ctx).start()
    files = [os.path.join(ctx.tmp, "in", n)
             for n in write_articles(os.path.join(ctx.tmp, "in"), 3)]
    d = node(ctx, "n", [server.url], ["outbox"], plugin_dirs=[ctx.plugin_dir],
             pipeline=["stats"])
    d.start()

    def done(n):
        return lambda: running(d) and len(d.names("outbox")) >= n
    submit(ctx, d, files[:1])
    wait_until(done(1), 30, "the first article")
    d.config["pipeline"] = ["stats", "sleepy"]
    d.write_config()
    d.send(signal.SIGHUP)
    d.wait_log("reload: the new configuration is running")
    submit(ctx, d, files[1:2])
    wait_until(done(2), 30, "the second article")
    ran = [[p["plugin"] for p in out["pipeline"]] for out in d.outputs().values()
           if out["source"]["file"] == "a0001.txt"]
    check(ran and "sleepy" in ran[0], "the reloaded pipeline did not run: %r" % ran)
    good = dict(d.config)
    d.config["sinks"] = ["nope"]
    d.write_config()
    d.send(signal.SIGHUP)
    d.wait_log("still running the previous configuration")
    d.config = good
    d.write_config()
    submit(ctx, d, files[2:])
    wait_until(done(3), 30, "the third article, after a refused reload")
    check(d.stop() == 0, "the node did not exit 0")


def stream_count(url, stream="LECTOR"):
    n = Nats(url)
    try:
        return n.api("STREAM.INFO." + stream)["state"]["messages"]
    finally:
        n.close()


def test_submit_exit_status_and_watch(ctx):
    server = NatsServer(ctx).start()
    d = node(ctx, "n", [server.url], ["outbox"])
    folder = os.path.join(ctx.tmp, "in")
    files = [os.path.join(folder, n) for n in write_articles(folder, 5)]
    r = subprocess.run([ctx.lectord, "submit", "-c", d.config_path, files[0],
                        os.path.join(folder, "missing.txt")],
                       capture_output=True, text=True, timeout=60)
    check(r.returncode == 1 and "missing.txt" in r.stderr,
          "a missing file: status %d, %r" % (r.returncode, r.stderr))
    r = subprocess.run([ctx.lectord, "submit", "-c", d.config_path,
                        "--name", "piped.txt", "-"], input=b"From a pipe.\n",
                       capture_output=True, timeout=60)
    check(r.returncode == 0, "from standard input: %r" % r.stderr)
    check(stream_count(server.url) == 2, "two articles in the stream")
    drop = os.path.join(ctx.tmp, "drop")
    os.makedirs(drop)
    d.config["settle_seconds"] = 0.2
    d.write_config()
    watcher = subprocess.Popen([ctx.lectord, "submit", "-c", d.config_path,
                                "--watch", drop], stdout=subprocess.DEVNULL)
    try:
        for f in files:          # written under a dot name, then renamed
            tmp = os.path.join(drop, "." + os.path.basename(f))
            shutil.copy(f, tmp)
            os.rename(tmp, os.path.join(drop, os.path.basename(f)))
        wait_until(lambda: not os.listdir(drop), 30, "the folder to empty")
        # files[0] was submitted before: recognised by its content.
        check(stream_count(server.url) == 2 + len(files) - 1,
              "stream holds %d" % stream_count(server.url))
        watcher.send_signal(signal.SIGTERM)
        check(watcher.wait(30) == 0, "submit --watch did not exit 0")
    finally:
        if watcher.poll() is None:
            watcher.kill()


def test_spool_source_with_a_postgres_sink(ctx):
    pg = Postgres(ctx).init()
    d = ctx.daemon("spool", sinks=["outbox", "postgres"],
                   plugins={"postgres": {"conninfo": pg.conninfo}})
    d.start()
    names = ["s%02d.txt" % i for i in range(20)]
    for i, name in enumerate(names):
        write_file(os.path.join(d.inbox, name), article(i))
    d.wait_settled(len(names))
    check(len(d.names("outbox")) == len(names), "outbox: %s" % d.names("outbox"))
    check_pg_exactly_once(pg, names)
    check(d.stop() == 0, "the daemon did not exit 0")


def refusing_table(pg, refused):
    """The sink's table made beforehand, with a constraint one article breaks
    (SQLSTATE 23514: that article can never be written)."""
    pg.psql("CREATE TABLE articles (id text PRIMARY KEY, doc jsonb NOT NULL, "
            "received timestamptz, published date, language text, "
            "CONSTRAINT not_this CHECK (doc->'source'->>'file' <> '%s'))" % refused)


def scrape(port):
    with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port,
                                timeout=10) as r:
        return r.read().decode()


def metric(text, line_start):
    """The value of the sample whose line starts with line_start, or None."""
    for line in text.splitlines():
        if line.startswith(line_start + " "):
            return float(line.split()[-1])
    return None


def test_a_sink_refusal_fails_that_article_alone(ctx):
    server = NatsServer(ctx).start()
    pg = Postgres(ctx).init()
    refusing_table(pg, "a0007.txt")
    names = write_articles(os.path.join(ctx.tmp, "in"), 40)
    port = free_port()
    d = node(ctx, "n", [server.url], ["postgres"], pg=pg,
             plugin_dirs=[ctx.plugin_dir], pipeline=["stats"],
             metrics={"listen": "127.0.0.1:%d" % port})
    submit(ctx, d, [os.path.join(ctx.tmp, "in", n) for n in names])
    d.start()
    good = [n for n in names if n != "a0007.txt"]
    try:
        wait_until(lambda: running(d) and pg_count(pg) >= len(good) and
                   settled(server.url), 60, "every article settled")
    except Failure as e:
        raise Failure("%s (rows %d; queue: %r)" % (e, pg_count(pg), last_state))
    check_pg_exactly_once(pg, good)
    failed = failed_files(server.url)
    check([f for f, _, _ in failed] == ["a0007.txt"],
          "failed subject holds %r, not the refused article alone" %
          [f for f, _, _ in failed])
    report = failed[0][1]
    check(report.get("plugin") == "postgres" and "23514" in report["reason"],
          "the refusal's report: %r" % report)
    # The workers tell the node's master, which serves the metrics.
    wait_until(lambda: metric(scrape(port), "lector_articles_done_total") ==
               len(good), 30, "the articles done to be counted")
    m = scrape(port)
    check(metric(m, 'lector_articles_failed_total{reason="sink"}') == 1,
          "the refusal counted as a sink failure")
    check(metric(m, 'lector_end_up{end="postgres"}') == 1, "postgres up")
    check(d.stop() == 0, "the node did not exit 0")


def test_a_node_starts_before_its_servers(ctx):
    server = NatsServer(ctx)                        # not started yet
    pg = Postgres(ctx).init()
    pg.stop(signal.SIGINT)
    names = write_articles(os.path.join(ctx.tmp, "in"), 20)
    port = free_port()
    d = node(ctx, "n", [server.url], ["postgres"], pg=pg,
             plugin_dirs=[ctx.plugin_dir], pipeline=["stats"],
             metrics={"listen": "127.0.0.1:%d" % port})
    d.start()
    d.wait_log("no server answers")
    d.wait_log("postgres: cannot connect")
    check(running(d), "the node stopped")
    server.start()
    submit(ctx, d, [os.path.join(ctx.tmp, "in", n) for n in names])
    wait_until(lambda: running(d) and consumer(server.url).get(
               "delivered", {}).get("consumer_seq", 0) > 0, 30,
               "the node to take articles once NATS is up")
    wait_until(lambda: metric(scrape(port), 'lector_end_up{end="postgres"}') == 0,
               30, "lector_end_up to say postgres is down")
    pg.start()
    wait_until(lambda: running(d) and pg_count(pg) >= len(names) and
               settled(server.url), 60, "every article once PostgreSQL is up")
    check_pg_exactly_once(pg, names)
    check(failed_files(server.url) == [], "articles failed while the servers were down")
    d.wait_log("postgres: connected again")
    d.wait_log("nats: source: connected again")
    wait_until(lambda: metric(scrape(port), 'lector_end_up{end="postgres"}') == 1,
               30, "lector_end_up to say postgres is up")
    check(d.stop() == 0, "the node did not exit 0")


def consumer(url):
    n = Nats(url)
    try:
        return n.consumer("LECTOR", "lectord")
    finally:
        n.close()


def test_spool_sink_refused_or_unreachable(ctx):
    pg = Postgres(ctx).init()
    refusing_table(pg, "s03.txt")
    port = free_port()
    d = ctx.daemon("spool", sinks=["outbox", "postgres"], max_attempts=2,
                   timeout_seconds=2, workers=1,
                   metrics={"listen": "127.0.0.1:%d" % port},
                   plugins={"postgres": {"conninfo": pg.conninfo}})
    d.start()
    names = ["s%02d.txt" % i for i in range(6)]
    for i, name in enumerate(names):
        write_file(os.path.join(d.inbox, name), article(i))
    d.wait_settled(len(names))
    good = [n for n in names if n != "s03.txt"]
    check(len(d.names("outbox")) == len(good), "outbox: %s" % d.names("outbox"))
    reports = d.reports()
    check(list(reports) == ["s03.txt"], "failed: %s" % list(reports))
    r = reports["s03.txt"]
    check(r["plugin"] == "postgres" and "23514" in r["reason"] and
          r["attempts"] == 1, "refused at once, by the sink: %r" % r)
    check_pg_exactly_once(pg, good)
    m = scrape(port)
    check(metric(m, 'lector_articles_failed_total{reason="sink"}') == 1,
          "one sink failure counted")
    check(metric(m, 'lector_end_up{end="postgres"}') == 1, "postgres up")

    # The server goes: each attempt waits for it, then counts.
    pg.stop(signal.SIGINT)
    write_file(os.path.join(d.inbox, "s10.txt"), article(10))
    d.wait_settled(len(names) + 1)
    r = d.reports().get("s10.txt")
    check(r is not None and r["plugin"] == "postgres" and r["attempts"] == 2,
          "an unreachable sink fails the article after max_attempts: %r" % r)
    m = scrape(port)
    check(metric(m, 'lector_articles_failed_total{reason="sink"}') == 2,
          "two sink failures counted")
    check(metric(m, 'lector_end_up{end="postgres"}') == 0, "postgres down")

    # It comes back: so do the articles.
    pg.start()
    write_file(os.path.join(d.inbox, "s11.txt"), article(11))
    d.wait_settled(len(names) + 2)
    check("s11.txt" not in d.reports(), "failed after the server came back")
    check(metric(scrape(port), 'lector_end_up{end="postgres"}') == 1, "up again")
    check(d.stop() == 0, "the daemon did not exit 0")


def test_spool_node_waits_for_postgres(ctx):
    pg = Postgres(ctx).init()
    pg.stop(signal.SIGINT)
    d = ctx.daemon("spool", sinks=["outbox", "postgres"], timeout_seconds=20,
                   plugins={"postgres": {"conninfo": pg.conninfo}})
    d.start()
    d.wait_log("postgres: cannot connect")
    names = ["w%02d.txt" % i for i in range(5)]
    for i, name in enumerate(names):
        write_file(os.path.join(d.inbox, name), article(i))
    # Claimed, and held while the sink is tried again.
    wait_until(lambda: running(d) and d.names("work"), 30, "articles claimed")
    pg.start()
    d.wait_settled(len(names), timeout=60)
    check(d.reports() == {}, "failed while PostgreSQL came up: %s" % d.reports())
    check_pg_exactly_once(pg, names)
    check(d.stop() == 0, "the daemon did not exit 0")


def test_submit_with_no_server_exits_1_at_once(ctx):
    server = NatsServer(ctx)                        # never started
    d = node(ctx, "n", [server.url], ["outbox"])
    folder = os.path.join(ctx.tmp, "in")
    files = [os.path.join(folder, n) for n in write_articles(folder, 3)]
    r = subprocess.run([ctx.lectord, "submit", "-c", d.config_path] + files,
                       capture_output=True, text=True, timeout=20)
    check(r.returncode == 1, "status %d: %r" % (r.returncode, r.stderr))
    check("no NATS server answers at " + server.url in r.stderr and
          r.stderr.count("not submitted") == 1,
          "one clear message: %r" % r.stderr)


def test_failed_subject_report_is_the_spool_report(ctx):
    server = NatsServer(ctx).start()
    bad = b""
    spool = ctx.daemon("spool", pipeline=["stats"])
    spool.start()
    write_file(os.path.join(spool.inbox, "empty.txt"), bad)
    spool.wait_settled(1)
    want = spool.reports()["empty.txt"]
    check(spool.stop() == 0, "the spool daemon did not exit 0")
    folder = os.path.join(ctx.tmp, "in")
    os.makedirs(folder)
    write_file(os.path.join(folder, "empty.txt"), bad)
    d = node(ctx, "n", [server.url], ["outbox"], pipeline=["stats"])
    submit(ctx, d, [os.path.join(folder, "empty.txt")])
    d.start()
    wait_until(lambda: running(d) and settled(server.url) and
               failed_files(server.url), 30, "the article to fail")
    [(name, got, data)] = failed_files(server.url)
    check(name == "empty.txt" and data == bad, "the failed message: %r" % name)
    for r in (want, got):
        check(r.pop("time", "")[:2] == "20", "a report without a time: %r" % r)
    check(got == want, "failed subject report %r != failed/empty.txt.error.json %r"
          % (got, want))
    check(d.stop() == 0, "the node did not exit 0")


def test_a_result_over_max_payload_fails_that_article_alone(ctx):
    server = NatsServer(ctx, max_payload=8192).start()
    folder = os.path.join(ctx.tmp, "in")
    names = write_articles(folder, 10)
    # Its bytes fit a message; its result not: the text again, each
    # quotation mark escaped, and more.
    big = ('"a" ' * 1500).encode()
    write_file(os.path.join(folder, "big.txt"), big)
    check(len(big) < 8192 - 1024, "the article itself must fit")
    d = node(ctx, "n", [server.url], ["nats"], plugin_dirs=[ctx.plugin_dir],
             pipeline=["stats"])
    submit(ctx, d, [os.path.join(folder, n) for n in names + ["big.txt"]])
    d.start()
    wait_until(lambda: running(d) and settled(server.url) and
               failed_files(server.url), 30, "every article settled")
    failed = failed_files(server.url)
    check([f for f, _, _ in failed] == ["big.txt"], "failed: %r" %
          [f for f, _, _ in failed])
    report = failed[0][1]
    check(report.get("plugin") == "nats" and "payload" in report["reason"].lower(),
          "the refusal's report: %r" % report)
    n = Nats(server.url)
    try:
        results = n.stream_messages("LECTOR_RESULTS")
    finally:
        n.close()
    files = sorted(json.loads(data)["source"]["file"] for _, data in results)
    check(files == names, "results: %r" % files)
    check(d.stop() == 0, "the node did not exit 0")


if __name__ == "__main__":
    if not have_tools():
        print("nats-server or postgresql missing (scripts/deps.sh installs them)")
        sys.exit(77)
    sys.exit(main([test_two_nodes_one_killed_every_article_once,
                   test_postgres_restarted_the_sink_reconnects,
                   test_three_server_cluster_one_killed_nothing_lost,
                   test_sighup_reloads_a_node_and_keeps_it_on_a_bad_file,
                   test_submit_exit_status_and_watch,
                   test_spool_source_with_a_postgres_sink,
                   test_a_sink_refusal_fails_that_article_alone,
                   test_a_node_starts_before_its_servers,
                   test_spool_sink_refused_or_unreachable,
                   test_spool_node_waits_for_postgres,
                   test_submit_with_no_server_exits_1_at_once,
                   test_failed_subject_report_is_the_spool_report,
                   test_a_result_over_max_payload_fails_that_article_alone]))
