#!/usr/bin/env bash
# The core test suite under AddressSanitizer + UndefinedBehaviorSanitizer, then every reader's
# libFuzzer harness for a short fixed number of executions (scripts/fuzz.sh runs them long).
# One clang build in build-sanitize/ serves both (warnings are not errors there: -Werror is for
# the GCC build). scripts/test.sh calls this; it can run alone.
#   scripts/sanitize.sh [FUZZ_RUNS]      (default 20000 executions per harness)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing "${MESOMAP_PACKAGES[@]}" "${MESOMAP_TEST_PACKAGES[@]}"
runs="${1:-20000}"
build="${MESOMAP_SANITIZE_BUILD:-$MESOMAP_ROOT/build-sanitize}"
CC=clang CXX=clang++ cmake -S "$MESOMAP_ROOT" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMESOMAP_SANITIZE=ON -DMESOMAP_FUZZ=ON -DMESOMAP_BUILD_TESTS=ON -DMESOMAP_BUILD_BENCH=OFF -DMESOMAP_WERROR=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target mesomap_core_tests mesomap_fuzzers

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Two tests are for the Release build only: the isolated importer's address-space limit cannot
# hold ASan's shadow memory (ASan aborts where the limit makes Assimp throw), and the geodesic
# accuracy bound is measured on GCC's floating point, which clang rounds a little differently.
echo "sanitize: core tests under ASan + UBSan"
"$build/tests/mesomap_core_tests" --gtest_brief=1 \
  --gtest_filter=-BrokenModel.CorruptCountsFailFastInsteadOfExhaustingMemory:Geodesic.PlaneDistancesAreEuclidean

echo "sanitize: fuzzing every reader, $runs executions each"
run_fuzzers "$build" "$runs"
