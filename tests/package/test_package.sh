#!/bin/sh
# Installs the lector packages (scripts/package.sh) on this machine with
# apt, uses what was installed, and purges it: nothing may be left but the
# spool, which holds users' articles. It changes the machine, so it runs as
# a step of scripts/test.sh, never beside other tests; it needs root (or
# sudo) and dpkg, and fails when it has neither.
#
# usage: tests/package/test_package.sh DEB_FOLDER
set -eu
cd "$(dirname "$0")/../.."
src=$PWD
debs=$(cd "${1:?usage: test_package.sh DEB_FOLDER}" && pwd)
passed=0

fail() {
	echo "package test: FAILED: $*" >&2
	exit 1
}
ok() {
	passed=$((passed + 1))
	echo "package test: ok: $*"
}

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || fail "needs root or sudo to install packages"
	sudo="sudo"
fi
command -v dpkg >/dev/null && command -v apt-get >/dev/null ||
	fail "needs dpkg and apt-get (a Debian machine)"
set -- "$debs"/lector_*.deb "$debs"/lector-dev_*.deb
[ -f "$1" ] && [ -f "$2" ] || fail "no lector and lector-dev .deb in $debs"

apt() {
	DEBIAN_FRONTEND=noninteractive $sudo apt-get -y -q \
		-o DPkg::Lock::Timeout=300 "$@"
}
installed() {
	dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^.[ic]'
}
# Every path naming lector outside the spool, dpkg's own records included.
traces() {
	find /etc /usr /lib /var /opt /srv -path /var/spool/lector -prune -o \
		-path /var/log -prune -o -path /var/cache -prune -o \
		-name '*lector*' -print 2>/dev/null | sort
}

tmp=$(mktemp -d)
cleanup() {
	if installed lector || installed lector-dev; then
		apt purge lector lector-dev >/dev/null 2>&1 || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# A run stopped half-way leaves the packages: start from none.
if installed lector || installed lector-dev; then
	echo "package test: purging lector left installed by an earlier run"
	apt purge lector lector-dev >/dev/null
fi
traces >"$tmp/before"

apt install "$@" >"$tmp/install.log" 2>&1 ||
	{ cat "$tmp/install.log"; fail "apt-get install"; }
ok "apt-get install $(basename "$1") $(basename "$2")"

dpkg-query -W -f='${Conffiles}\n' lector | grep -q '^ /etc/lector/lectord.json ' ||
	fail "/etc/lector/lectord.json is not a conffile"
ok "/etc/lector/lectord.json is a conffile"

version=$(/usr/bin/lectord --version) || fail "lectord --version"
expected=$(dpkg-query -W -f='${Version}' lector | sed 's/-[^-]*$//')
case $version in
*"$expected"*) ok "lectord --version: $version" ;;
*) fail "lectord --version says '$version', the package is $expected" ;;
esac

/usr/bin/lectord check-config -c /etc/lector/lectord.json >"$tmp/check.log" 2>&1 ||
	{ cat "$tmp/check.log"; fail "lectord check-config -c /etc/lector/lectord.json"; }
ok "lectord check-config -c /etc/lector/lectord.json"

# The unit, its user and spool, as the unit expects them.
[ -f /lib/systemd/system/lectord.service ] || fail "no lectord.service"
grep -q '^ExecStart=/usr/bin/lectord run -c /etc/lector/lectord.json' \
	/lib/systemd/system/lectord.service || fail "lectord.service runs something else"
getent passwd lector >/dev/null || fail "no lector user"
for d in inbox work outbox failed done; do
	[ "$(stat -c %U "/var/spool/lector/$d")" = lector ] ||
		fail "/var/spool/lector/$d missing or not lector's"
done
ok "unit, lector user and /var/spool/lector/{inbox,work,outbox,failed,done}"

# The sample article through the installed plugins, from a folder with no
# plugins beside it, as a user would run it.
plugindir=$(pkg-config --variable=plugindir lector-plugin) ||
	fail "pkg-config lector-plugin"
plugindir=$(realpath "$plugindir")
(cd "$tmp" && /usr/bin/lectord plugins) >"$tmp/plugins.txt" 2>&1 ||
	{ cat "$tmp/plugins.txt"; fail "lectord plugins"; }
for p in text json html stats langid entities summary keywords nats-source nats-sink postgres; do
	path=$(sed -n "s|^    \(/.*/$p\.so\)\$|\1|p" "$tmp/plugins.txt")
	[ -n "$path" ] && [ "$(realpath "$path")" = "$plugindir/$p.so" ] ||
		{ cat "$tmp/plugins.txt"; fail "plugin $p not loaded from $plugindir"; }
done
ok "lectord plugins: every one from $plugindir"
(cd "$tmp" && /usr/bin/lectord process "$src/tests/data/hanoi-summit.txt") \
	>"$tmp/out.json" 2>"$tmp/process.log" ||
	{ cat "$tmp/process.log"; fail "lectord process tests/data/hanoi-summit.txt"; }
python3 - "$tmp/out.json" <<'PY' || fail "the output of lectord process"
import json, sys
doc = json.load(open(sys.argv[1]))
steps = [s["plugin"] for s in doc["pipeline"]]
assert steps == ["text", "langid", "entities", "summary", "keywords", "stats"], steps
assert doc["language"]["code"] == "en", doc["language"]
names = {e["text"] for e in doc["entities"]}
assert any("Hanoi" in n for n in names), sorted(names)[:10]
assert len(doc["summary"]) > 0 and len(doc["keywords"]) > 0
assert doc["stats"]["words"] > 300, doc["stats"]
PY
ok "lectord process hanoi-summit.txt: text, langid, entities, summary, keywords, stats"

# The SDK: a plugin built with pkg-config runs in the installed lectord.
cc -shared -fPIC $(pkg-config --cflags lector-plugin) \
	"$src/plugins/example/quotes.c" -o "$tmp/quotes.so" ||
	fail "building plugins/example/quotes.c with pkg-config lector-plugin"
(cd "$tmp" && /usr/bin/lectord process --plugin-dir . --only quotes \
	"$src/tests/data/hanoi-summit.txt") >"$tmp/quotes.json" 2>&1 ||
	{ cat "$tmp/quotes.json"; fail "lectord process --only quotes"; }
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert "quotes" in d' \
	"$tmp/quotes.json" || fail "no quotes in the output of the SDK's plugin"
ok "plugin built with pkg-config lector-plugin runs in the installed lectord"

# Purge: the spool stays, nothing else.
apt purge lector lector-dev >"$tmp/purge.log" 2>&1 ||
	{ cat "$tmp/purge.log"; fail "apt-get purge"; }
! installed lector && ! installed lector-dev || fail "still installed after purge"
traces >"$tmp/after"
if ! diff -u "$tmp/before" "$tmp/after" >"$tmp/left"; then
	cat "$tmp/left"
	fail "purge left files behind"
fi
[ -d /var/spool/lector/inbox ] || fail "purge removed the spool"
ok "apt-get purge: nothing left but /var/spool/lector"
echo "package test: $passed passed, 0 failed"
