"""What `cmake --install` lays down for a service, as a package would ship
it: installed into a DESTDIR, then the system user and the spool made from
the installed files by systemd-sysusers and systemd-tmpfiles with --root."""
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lectortest as lt  # noqa: E402

SPOOL = "/var/spool/lector"
SUBDIRS = {"inbox": 0o2775, "work": 0o750, "outbox": 0o755, "failed": 0o755,
           "done": 0o750}


def cache_value(key):
    with open(os.path.join(lt.BUILD, "CMakeCache.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith(key + ":"):
                return line.split("=", 1)[1].strip()
    raise AssertionError("%s not in CMakeCache.txt" % key)


class InstallForService(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.root = os.path.join(cls.tmp.name, "root")
        cls.prefix = cache_value("CMAKE_INSTALL_PREFIX")
        env = dict(os.environ, DESTDIR=cls.root)
        proc = subprocess.run(["cmake", "--install", lt.BUILD], env=env,
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        cls.install_log = proc.stdout

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def installed(self, *parts):
        return os.path.join(self.root, self.prefix.lstrip("/"), *parts)

    def read(self, *parts):
        with open(self.installed(*parts), encoding="utf-8") as f:
            return f.read()

    def test_unit_runs_the_installed_binary_on_the_installed_config(self):
        unit = self.read("lib", "systemd", "system", "lectord.service")
        start = re.search(r"^ExecStart=(\S+) run -c (\S+) --spool (\S+)$", unit, re.M)
        self.assertIsNotNone(start, unit)
        binary, config, spool = start.groups()
        self.assertEqual(binary, os.path.join(self.prefix, "bin", "lectord"))
        self.assertTrue(os.access(os.path.join(self.root, binary.lstrip("/")), os.X_OK))
        self.assertTrue(os.path.isfile(os.path.join(self.root, config.lstrip("/"))),
                        config)
        self.assertEqual(spool, SPOOL)
        self.assertIn("\nUser=lector\n", unit)
        self.assertIn("\nReadWritePaths=%s\n" % SPOOL, unit)

    def test_installed_config_is_the_shipped_one_and_valid(self):
        with open(os.path.join(lt.ROOT, "configs", "lectord.json"), encoding="utf-8") as f:
            shipped = f.read()
        unit = self.read("lib", "systemd", "system", "lectord.service")
        config = re.search(r" -c (\S+)", unit).group(1)
        config = os.path.join(self.root, config.lstrip("/"))
        with open(config, encoding="utf-8") as f:
            self.assertEqual(f.read(), shipped)
        proc = subprocess.run([self.installed("bin", "lectord"), "check-config",
                               "-c", config], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_sysusers_and_tmpfiles_describe_the_user_and_spool(self):
        users = self.read("lib", "sysusers.d", "lector.conf").split()
        self.assertEqual(users[:3], ["u", "lector", "-"])
        self.assertEqual(users[-1], SPOOL)
        lines = [line.split() for line in
                 self.read("lib", "tmpfiles.d", "lector.conf").splitlines()]
        dirs = {line[1]: (int(line[2], 8), line[3], line[4]) for line in lines
                if line and line[0] == "d"}
        self.assertEqual(dirs[SPOOL], (0o755, "lector", "lector"))
        for sub, mode in SUBDIRS.items():
            self.assertEqual(dirs[os.path.join(SPOOL, sub)], (mode, "lector", "lector"))

    def test_destdir_install_leaves_the_host_alone(self):
        self.assertNotIn("lector: user and spool", self.install_log)
        self.assertFalse(os.path.exists(os.path.join(self.root, "var")))

    def test_user_and_spool_made_from_the_installed_files(self):
        sysusers = shutil.which("systemd-sysusers")
        tmpfiles = shutil.which("systemd-tmpfiles")
        if os.geteuid() != 0 or sysusers is None or tmpfiles is None:
            self.skipTest("needs root, systemd-sysusers and systemd-tmpfiles")
        os.makedirs(os.path.join(self.root, "etc"), exist_ok=True)
        subprocess.run([sysusers, "--root", self.root,
                        self.installed("lib", "sysusers.d", "lector.conf")],
                       check=True, capture_output=True)
        with open(os.path.join(self.root, "etc", "passwd"), encoding="utf-8") as f:
            users = {e.split(":")[0]: e.split(":") for e in f.read().splitlines()}
        self.assertIn("lector", users)
        uid, gid, home = int(users["lector"][2]), int(users["lector"][3]), users["lector"][5]
        self.assertEqual(home, SPOOL)
        self.assertLess(uid, 1000, "a system user")
        subprocess.run([tmpfiles, "--root", self.root, "--create",
                        self.installed("lib", "tmpfiles.d", "lector.conf")],
                       check=True, capture_output=True)
        for sub, mode in SUBDIRS.items():
            st = os.stat(os.path.join(self.root, SPOOL.lstrip("/"), sub))
            self.assertEqual(stat.S_IMODE(st.st_mode), mode, sub)
            self.assertEqual((st.st_uid, st.st_gid), (uid, gid), sub)


if __name__ == "__main__":
    lt.main()
