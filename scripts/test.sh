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
# intercept_tls_get_addr=0: with many libraries that use thread-local
# storage loaded at once (every plugin is, libnats, libcrypto and libpq among
# them), gcc 12's LeakSanitizer reads a stale dynamic-TLS entry and its
# tracer crashes at exit; leaks are still checked without that tracking.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:intercept_tls_get_addr=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j 2)

scripts/package.sh
tests/package/test_package.sh build-deb

scripts/fuzz.sh "${FUZZ_SECONDS:-10}"
