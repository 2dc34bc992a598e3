#!/usr/bin/env bash
# Installs what is missing, builds everything (app, tests, mesomap-bench) in Release and runs
# the whole test suite. Rendering tests run headless (EGL); the window test under Xvfb.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing "${MESOMAP_PACKAGES[@]}" "${MESOMAP_TEST_PACKAGES[@]}"
configure_and_build -DMESOMAP_BUILD_TESTS=ON -DMESOMAP_BUILD_BENCH=ON
cd "$MESOMAP_BUILD"
ctest --output-on-failure --timeout 900 "$@"
