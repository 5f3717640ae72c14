#!/bin/sh
# Builds lector in FOLDER (default build/) with extra CMake arguments.
# usage: scripts/build.sh [FOLDER [CMAKE_ARG...]]
set -eu
cd "$(dirname "$0")/.."
dir=${1:-build}
[ $# -gt 0 ] && shift
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$dir" -j "$(nproc)"
