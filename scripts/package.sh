#!/bin/sh
# Builds the Debian packages lector and lector-dev (debian/) into
# build-deb/, from a copy of this tree so that nothing is written beside
# it. Prints the paths of the .deb files.
# usage: scripts/package.sh
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh

# One version for both: CMake's project() and debian/changelog.
cmake_version=$(sed -n 's/^project(lector VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
deb_version=$(dpkg-parsechangelog -S Version)
case $deb_version in
"$cmake_version"|"$cmake_version"-*) ;;
*)
	echo "package: debian/changelog says $deb_version, CMakeLists.txt $cmake_version" >&2
	exit 1
	;;
esac

out=$PWD/build-deb
rm -rf "$out"
mkdir -p "$out/src"
tar -cf - --exclude=./.git --exclude=./build --exclude='./build-*' \
	--exclude=./spool . | tar -xf - -C "$out/src"
(cd "$out/src" && dpkg-buildpackage -b -us -uc -j"$(nproc)") \
	>"$out/build.log" 2>&1 || {
	tail -n 40 "$out/build.log" >&2
	echo "package: dpkg-buildpackage failed; log in $out/build.log" >&2
	exit 1
}
rm -rf "$out/src"
ls "$out"/*.deb
