"""Servers for the cluster tests, each started by the test on a free
loopback port in its temporary folder: nats-server with JetStream (alone or
three in a cluster) and a throwaway PostgreSQL cluster. Plus the least of a
NATS client (the text protocol, standard library only) to look into
streams, and psql to look into tables.

Each server looks like a harness Daemon (proc, root, log()), so that the
harness kills it after the test and prints its log when the test fails.
"""
import base64
import glob
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import time

from harness import Failure, check, wait_until


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout, what):
    def up():
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return True
        except OSError:
            return False
    wait_until(up, timeout, what)


class Process:
    """A server process with its log in its folder."""

    def __init__(self, root, name):
        self.root = os.path.join(root, name)
        os.makedirs(self.root, exist_ok=True)
        self.log_path = os.path.join(self.root, name + ".log")
        self.proc = None

    def spawn(self, argv, preexec_fn=None):
        self.log_file = open(self.log_path, "ab")
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                     stdout=self.log_file,
                                     stderr=subprocess.STDOUT,
                                     preexec_fn=preexec_fn)

    def kill9(self):
        self.proc.kill()
        self.proc.wait()
        self.proc = None
        self.log_file.close()

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.proc is None:
            return None
        self.proc.send_signal(sig)
        rc = self.proc.wait(timeout)
        self.proc = None
        self.log_file.close()
        return rc

    def log(self):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""


class NatsServer(Process):
    """nats-server -js; with routes, one member of a cluster."""

    def __init__(self, ctx, name="nats", port=None, cluster_port=None,
                 routes=(), max_payload=None):
        super().__init__(ctx.tmp, name)
        self.max_payload = max_payload
        self.name = name
        self.port = port or free_port()
        self.cluster_port = cluster_port
        self.routes = list(routes)
        self.url = "nats://127.0.0.1:%d" % self.port
        ctx.daemons.append(self)

    def start(self):
        argv = ["nats-server", "-js", "-a", "127.0.0.1", "-p", str(self.port),
                "-sd", os.path.join(self.root, "store"), "-n", self.name]
        if self.cluster_port:
            argv += ["--cluster_name", "lector", "--cluster",
                     "nats://127.0.0.1:%d" % self.cluster_port,
                     "--routes", ",".join(self.routes)]
        if self.max_payload:                        # no flag for it: a file
            conf = os.path.join(self.root, "nats.conf")
            with open(conf, "w") as f:
                f.write("max_payload: %d\n" % self.max_payload)
            argv += ["-c", conf]
        self.spawn(argv)
        wait_port(self.port, 20, "nats-server %s on port %d" % (self.name, self.port))
        return self


def nats_cluster(ctx, n=3):
    ports = [free_port() for _ in range(n)]
    routes = ["nats://127.0.0.1:%d" % p for p in ports]
    return [NatsServer(ctx, "nats%d" % i, cluster_port=ports[i],
                       routes=[r for j, r in enumerate(routes) if j != i])
            for i in range(n)]


class Nats:
    """Requests to one server over the NATS text protocol."""

    def __init__(self, url, timeout=5):
        host, port = url.rsplit("/", 1)[-1].split(":")
        self.sock = socket.create_connection((host, int(port)), timeout)
        self.buf = b""
        self.line()                                 # INFO
        self.sock.sendall(b'CONNECT {"verbose":false,"headers":true,'
                          b'"no_responders":true,"protocol":1}\r\nPING\r\n')
        while self.line() != b"PONG":
            pass
        self.sid = 0

    def close(self):
        self.sock.close()

    def line(self):
        while b"\r\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise Failure("nats: connection closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def take(self, n):
        while len(self.buf) < n + 2:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise Failure("nats: connection closed")
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n + 2:]
        return data

    def request(self, subject, payload=b""):
        """Returns the reply's payload (bytes)."""
        self.sid += 1
        inbox = "_INBOX.lectortest.%d" % self.sid
        self.sock.sendall(("SUB %s %d\r\nPUB %s %s %d\r\n" % (
            inbox, self.sid, subject, inbox, len(payload))).encode() +
            payload + b"\r\n")
        while True:
            parts = self.line().split()
            if not parts or parts[0] in (b"PING",):
                self.sock.sendall(b"PONG\r\n")
                continue
            if parts[0] == b"MSG":
                return self.take(int(parts[-1]))
            if parts[0] == b"HMSG":
                data = self.take(int(parts[-1]))
                hlen = int(parts[-2])
                if b"503" in data[:hlen]:
                    raise Failure("nats: no responders for %s" % subject)
                return data[hlen:]
            if parts[0] == b"-ERR":
                raise Failure("nats: %r" % parts)

    def api(self, what, body=None):
        reply = self.request("$JS.API." + what,
                             json.dumps(body).encode() if body else b"")
        return json.loads(reply)

    def stream_messages(self, stream):
        """Every message of a stream: [(headers dict, data bytes)]."""
        info = self.api("STREAM.INFO." + stream)
        check("error" not in info, "stream %s: %r" % (stream, info.get("error")))
        out = []
        state = info["state"]
        for seq in range(state["first_seq"], state["last_seq"] + 1):
            r = self.api("STREAM.MSG.GET." + stream, {"seq": seq})
            if "error" in r:
                continue                            # deleted
            m = r["message"]
            headers = {}
            if m.get("hdrs"):
                for line in base64.b64decode(m["hdrs"]).decode().split("\r\n")[1:]:
                    if ":" in line:
                        k, v = line.split(":", 1)
                        headers[k.strip()] = v.strip()
            out.append((headers, base64.b64decode(m.get("data", ""))))
        return out

    def consumer(self, stream, durable):
        return self.api("CONSUMER.INFO.%s.%s" % (stream, durable))


def pg_bin(name):
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/" + name))
    if not found:
        raise Failure("%s not found: install postgresql-15" % name)
    return found[-1]


class Postgres(Process):
    """A throwaway cluster: initdb into the test's folder, postgres -k there.

    initdb refuses to run as root: as root, the server runs as the
    `postgres` user (setpriv, so that our child is the server itself)."""

    def __init__(self, ctx, name="pg"):
        super().__init__(ctx.tmp, name)
        self.port = free_port()
        self.data = os.path.join(self.root, "data")
        self.sock = os.path.join(self.root, "sock")
        self.user = None
        if os.geteuid() == 0:
            self.user = pwd.getpwnam("postgres")
            os.chmod(ctx.tmp, 0o755)
            os.chmod(self.root, 0o755)
        for d in (self.data, self.sock):
            os.makedirs(d, exist_ok=True)
            if self.user:
                os.chown(d, self.user.pw_uid, self.user.pw_gid)
        self.conninfo = "host=%s port=%d dbname=lector user=lector" % (
            self.sock, self.port)
        ctx.daemons.append(self)

    def as_owner(self):
        if self.user:
            os.setgid(self.user.pw_gid)
            os.setgroups([])
            os.setuid(self.user.pw_uid)

    def init(self):
        subprocess.run([pg_bin("initdb"), "-D", self.data, "-A", "trust",
                        "-U", "lector", "-E", "UTF8", "--no-sync"],
                       check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.STDOUT, preexec_fn=self.as_owner)
        self.start()
        self.psql("CREATE DATABASE lector", db="postgres")
        return self

    def start(self):
        self.spawn([pg_bin("postgres"), "-D", self.data, "-k", self.sock,
                    "-p", str(self.port), "-c", "listen_addresses=",
                    "-c", "fsync=off"], preexec_fn=self.as_owner)
        wait_until(lambda: os.path.exists(
            os.path.join(self.sock, ".s.PGSQL.%d" % self.port)), 30,
            "postgres to listen")
        wait_until(lambda: self.ready(), 30, "postgres to accept connections")
        return self

    def ready(self):
        r = subprocess.run(["psql", "-h", self.sock, "-p", str(self.port),
                            "-U", "lector", "-d", "postgres", "-tAc", "select 1"],
                           capture_output=True)
        return r.returncode == 0

    def psql(self, sql, db="lector"):
        r = subprocess.run(["psql", "-h", self.sock, "-p", str(self.port),
                            "-U", "lector", "-d", db, "-v", "ON_ERROR_STOP=1",
                            "-tAc", sql], capture_output=True, text=True)
        check(r.returncode == 0, "psql %r: %s" % (sql, r.stderr.strip()))
        return r.stdout.strip()

    def rows(self, sql):
        out = self.psql(sql)
        return [line.split("|") for line in out.splitlines() if line]


def have_tools():
    return shutil.which("nats-server") is not None and \
        bool(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
