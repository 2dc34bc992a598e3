#!/usr/bin/env bash
# Installs what is missing, builds everything (app, tests, mesomap-bench) in Release and runs
# the whole test suite. Rendering tests run headless (EGL); the window test under Xvfb. Before
# it, scripts/sanitize.sh: the core tests under ASan + UBSan and every reader fuzzed briefly; and
# scripts/portable.sh: the core and rendering tests on the portable paths (SIMDe, no EGL).
# The class-server tests run against a throwaway PostgreSQL cluster (scripts/pg_cluster.sh).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing "${MESOMAP_PACKAGES[@]}" "${MESOMAP_TEST_PACKAGES[@]}"
configure_and_build -DMESOMAP_BUILD_TESTS=ON -DMESOMAP_BUILD_BENCH=ON
# Sanitizers and fuzzing first (a clang build of its own), so ctest's summary closes the run.
bash "$MESOMAP_ROOT/scripts/sanitize.sh" 10000
# The portable code paths (SIMDe, no EGL: a hidden GLFW window under Xvfb), a third build of only
# what their tests need (scripts/portable.sh; docs/portability.md has its cost on CI).
bash "$MESOMAP_ROOT/scripts/portable.sh"
# A throwaway class server for the store tests (tests/classroom): its own cluster in a temporary
# folder, stopped and removed on exit; here its tests must run, never be skipped.
class_server="$(mktemp -d /tmp/mesomap-class-server.XXXXXX)"
rmdir "$class_server"  # pg_cluster.sh creates it, owned by the server's user
trap 'bash "$MESOMAP_ROOT/scripts/pg_cluster.sh" remove "$class_server" || true' EXIT
MESOMAP_TEST_CLASS_DB="$(bash "$MESOMAP_ROOT/scripts/pg_cluster.sh" start "$class_server")"
export MESOMAP_TEST_CLASS_DB MESOMAP_TEST_PG_CLUSTER="$class_server" MESOMAP_REQUIRE_CLASS_SERVER=1
cd "$MESOMAP_BUILD"
ctest --output-on-failure --timeout 900 "$@"
