"""The systemd unit in configs/: `systemd-analyze verify` is clean and the
exposure of `systemd-analyze security --offline=true` is 2.0 or lower.

Exits 77 (reported by ctest as skipped, not passed) where systemd-analyze
is not installed. Run by ctest as: python3 test_unit.py --lectord PATH --build DIR
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--lectord", required=True)
    p.add_argument("--build", required=True)
    a = p.parse_args()
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        print("SKIP: systemd-analyze is not installed")
        return 77
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.path.join(root, "configs", "lectord.service")) as f:
        unit = f.read()
    # Verify against the built binary: verify checks that ExecStart exists.
    unit = unit.replace("@LECTOR_BINDIR@", os.path.dirname(os.path.abspath(a.lectord)))
    unit = unit.replace("@LECTOR_SYSCONFDIR@", "/etc")
    check_missing = re.findall(r"@[A-Z_]+@", unit)
    if check_missing:
        print("FAIL: unsubstituted %r" % check_missing)
        return 1
    tmp = tempfile.mkdtemp(prefix="lectord-unit-")
    try:
        path = os.path.join(tmp, "lectord.service")
        with open(path, "w") as f:
            f.write(unit)
        v = subprocess.run([analyze, "verify", path], capture_output=True, text=True)
        if v.returncode != 0 or v.stdout.strip() or v.stderr.strip():
            print("FAIL: systemd-analyze verify:\n%s%s" % (v.stdout, v.stderr))
            return 1
        s = subprocess.run([analyze, "security", "--offline=true", path],
                           capture_output=True, text=True)
        m = re.search(r"Overall exposure level for lectord.service: ([0-9.]+)", s.stdout)
        if m is None:
            print("FAIL: no exposure level in:\n%s%s" % (s.stdout[-2000:], s.stderr))
            return 1
        exposure = float(m.group(1))
        print("exposure %.1f" % exposure)
        if exposure > 2.0:
            print("FAIL: exposure %.1f is above 2.0" % exposure)
            return 1
    finally:
        shutil.rmtree(tmp)
    print("ok   unit verifies; exposure %.1f" % exposure)
    return 0


if __name__ == "__main__":
    sys.exit(main())
