#!/bin/sh
# Installs what is missing, builds, and runs every test twice: once as
# built for users, once under AddressSanitizer and UndefinedBehaviorSanitizer.
# Then the Debian packages are built, installed, used and purged on this
# machine (as root, or through sudo), and every fuzz harness runs a short
# while on its seeds and on the inputs of crashes already fixed
# (FUZZ_SECONDS each, default 10).
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh

scripts/build.sh build
(cd build && ctest --output-on-failure -j 2)

scripts/build.sh build-asan -DLECTOR_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j 2)

scripts/package.sh
tests/package/test_package.sh build-deb

scripts/fuzz.sh "${FUZZ_SECONDS:-10}"
