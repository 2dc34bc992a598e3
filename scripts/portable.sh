#!/usr/bin/env bash
# The code paths other platforms take, exercised on Linux (issue #16): a second build with
# -DMESOMAP_FORCE_PORTABLE=ON (SIMDe instead of native SSE; headless rendering through a hidden
# GLFW window instead of EGL, hence Xvfb; the model import in a relaunched worker as everywhere)
# of only the targets its tests need, then those tests: the core suite (import, picking, ...) and
# the rendering ones (the renderer in-process and every `mesomap render` picture against its
# baseline). scripts/test.sh calls this; it can run alone.
#   scripts/portable.sh [ctest arguments...]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing "${MESOMAP_PACKAGES[@]}" "${MESOMAP_TEST_PACKAGES[@]}"
build="${MESOMAP_PORTABLE_BUILD:-$MESOMAP_ROOT/build-portable}"
start=$SECONDS
# With ccache (scripts/common.sh), every object but the few the option changes comes from the
# default build's; without it, this is a full build of the four targets.
# shellcheck disable=SC2046  # two flags or none
cmake -S "$MESOMAP_ROOT" -B "$build" -DCMAKE_BUILD_TYPE=Release -DMESOMAP_FORCE_PORTABLE=ON \
  -DMESOMAP_BUILD_TESTS=ON -DMESOMAP_BUILD_BENCH=OFF $(compiler_cache_flags) >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target mesomap mesomap_core_tests mesomap_render_tests mesomap-import-worker
built=$SECONDS
# One virtual X server for the whole run: every headless context is a hidden window on it.
# -noreset: by default Xvfb resets when its last client leaves, and a test connecting during
# that reset fails to open the display (a rare flake seen here at the end of this step). Only
# here: the app tests' own servers keep the reset, because without it a second app started on
# the server after the first quit died within a second of its first frame (native_dialog_run.sh;
# cause not found yet).
(cd "$build" && xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" \
  ctest --output-on-failure --timeout 900 --parallel "$(nproc)" -L '^(core|render)$' "$@")
echo "portable: built in $((built - start)) s, tested in $((SECONDS - built)) s"
