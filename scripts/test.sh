#!/bin/sh
# Installs what is missing, builds, and runs every test twice: once as
# built for users, once under AddressSanitizer and UndefinedBehaviorSanitizer.
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
