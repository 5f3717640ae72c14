#!/bin/sh
# Builds the libFuzzer harnesses (fuzz/) with clang, ASan and UBSan, and
# runs each for SECONDS (default 60), one after the other, starting from
# its committed seeds (fuzz/corpus/NAME) and the inputs of crashes already
# fixed (fuzz/regress/NAME). Prints runs and coverage per harness; exits
# non-zero when any harness crashes, leaks, hangs or has no seeds.
#
# usage: scripts/fuzz.sh [SECONDS [NAME...]]
# What the fuzzer finds is kept in build-fuzz/corpus/NAME between runs;
# a crashing input is saved as build-fuzz/crashes/NAME-crash-*.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
scripts/deps.sh

CC=clang-14 cmake -S . -B build-fuzz -DLECTOR_FUZZ=ON \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target fuzzers >/dev/null

if [ $# -eq 0 ]; then
	set -- $(cd build-fuzz/fuzz && ls fuzz_* | sed 's/^fuzz_//')
fi
mkdir -p build-fuzz/corpus build-fuzz/crashes build-fuzz/logs
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

failed=0
passed=0
for name in "$@"; do
	seeds=fuzz/corpus/$name
	log=build-fuzz/logs/$name.log
	if [ ! -d "$seeds" ] || [ -z "$(ls "$seeds")" ]; then
		echo "fuzz $name: FAILED: no seeds in $seeds"
		failed=$((failed + 1))
		continue
	fi
	mkdir -p "build-fuzz/corpus/$name"
	set -- -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$name-"
	[ -f "fuzz/dict/$name.dict" ] && set -- "$@" -dict="fuzz/dict/$name.dict"
	set -- "$@" "build-fuzz/corpus/$name" "$seeds"
	[ -d "fuzz/regress/$name" ] && set -- "$@" "fuzz/regress/$name"
	if "build-fuzz/fuzz/fuzz_$name" "$@" >"$log" 2>&1; then
		status=ok
		passed=$((passed + 1))
	else
		status="FAILED (see $log)"
		failed=$((failed + 1))
	fi
	# The last status line: "#RUNS DONE cov: N ft: N corp: N/SIZE ..."
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	[ -n "$runs" ] || runs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -n 1)
	cov=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1 |
		sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+).*/cov \1, features \2, corpus \3/')
	echo "fuzz $name: ${seconds} s, ${runs:-0} runs, ${cov:-no coverage line}: $status"
	if [ "$status" != ok ]; then
		grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -n 5 | sed 's/^/  /'
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
