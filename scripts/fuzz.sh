#!/usr/bin/env bash
# Long fuzzing of the readers (libFuzzer, ASan + UBSan): scripts/fuzz.sh [RUNS] [HARNESS...]
# Default: 1,000,000 executions of each harness in tests/fuzz. Corpora grow in build-sanitize/;
# crashes are written there as crash-* files, with the input that caused them.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing "${MESOMAP_PACKAGES[@]}" "${MESOMAP_TEST_PACKAGES[@]}"
runs="${1:-1000000}"
shift || true
build="${MESOMAP_SANITIZE_BUILD:-$MESOMAP_ROOT/build-sanitize}"
CC=clang CXX=clang++ cmake -S "$MESOMAP_ROOT" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMESOMAP_SANITIZE=ON -DMESOMAP_FUZZ=ON -DMESOMAP_BUILD_TESTS=OFF -DMESOMAP_BUILD_BENCH=OFF -DMESOMAP_WERROR=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target mesomap_fuzzers
run_fuzzers "$build" "$runs" "$@"
