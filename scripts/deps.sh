#!/bin/sh
# Installs the Debian packages lector needs to build and test, when missing.
set -eu

packages="gcc g++ make cmake pkg-config libuv1-dev libjansson-dev libcmocka-dev
libstemmer-dev libxml2-dev python3 python3-jsonschema"
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
want=$(missing $optional)
[ -z "$need$want" ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
if [ -n "$need" ]; then
	echo "Installing:$need"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need >/dev/null
fi
if [ -n "$want" ]; then
	echo "Installing:$want"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $want >/dev/null ||
		echo "deps: could not install$want; the systemd unit test will be skipped"
fi
