#!/bin/sh
# Installs the Debian packages lector needs to build and test, when missing.
set -eu

# libmicrohttpd serves the metrics. libnats and libpq: the NATS JetStream
# and PostgreSQL plugins; nats-server and PostgreSQL: their tests.
packages="gcc g++ make cmake pkg-config libuv1-dev libjansson-dev libcmocka-dev
libstemmer-dev libmicrohttpd-dev python3 python3-jsonschema
libnats-dev libssl-dev libpq-dev nats-server postgresql-15 postgresql-client-15"
# promtool, which the metrics test runs on the daemon's output, comes only
# with the Prometheus server: installed without its recommended exporter,
# and its service, which the tests do not need, is not left running.
tools="prometheus"
# systemd-analyze checks the unit; without it that one test reports itself
# skipped, so a machine where systemd cannot be installed still builds.
optional="systemd"

missing() {
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
			printf ' %s' "$p"
	done
}

need=$(missing $packages)
tool=$(missing $tools)
want=$(missing $optional)
[ -z "$need$tool$want" ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
if [ -n "$need" ]; then
	echo "Installing:$need"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need >/dev/null
fi
if [ -n "$tool" ]; then
	echo "Installing:$tool"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		--no-install-recommends $tool >/dev/null
	if [ -d /run/systemd/system ]; then
		$sudo systemctl disable --now prometheus >/dev/null 2>&1 || true
	fi
fi
if [ -n "$want" ]; then
	echo "Installing:$want"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $want >/dev/null ||
		echo "deps: could not install$want; the systemd unit test will be skipped"
fi
