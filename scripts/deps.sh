#!/bin/sh
# Installs the Debian packages lector needs to build and test, when missing.
set -eu

packages="gcc g++ make cmake pkg-config libuv1-dev libjansson-dev libcmocka-dev
libstemmer-dev python3 python3-jsonschema systemd"

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "Installing:$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
