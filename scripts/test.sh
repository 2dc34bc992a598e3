#!/usr/bin/env bash
# Installs what is missing, builds everything (app, tests, mesomap-bench) in Release and runs
# the whole test suite. Rendering tests run headless (EGL); the window test under Xvfb. Before
# it, scripts/sanitize.sh: the core tests under ASan + UBSan and every reader fuzzed briefly.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing "${MESOMAP_PACKAGES[@]}" "${MESOMAP_TEST_PACKAGES[@]}"
configure_and_build -DMESOMAP_BUILD_TESTS=ON -DMESOMAP_BUILD_BENCH=ON
# Sanitizers and fuzzing first (a clang build of its own), so ctest's summary closes the run.
bash "$MESOMAP_ROOT/scripts/sanitize.sh" 10000
cd "$MESOMAP_BUILD"
ctest --output-on-failure --timeout 900 "$@"
