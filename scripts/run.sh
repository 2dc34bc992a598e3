#!/usr/bin/env bash
# Installs what is missing, builds in Release and opens mesomap on the default body.
# Extra arguments go to the app, e.g. scripts/run.sh --model ~/bodies/patient.glb
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing "${MESOMAP_PACKAGES[@]}"
configure_and_build -DMESOMAP_BUILD_TESTS=OFF -DMESOMAP_BUILD_BENCH=OFF
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "mesomap: no display here. Render headless instead:" >&2
  echo "  $MESOMAP_BUILD/mesomap render --out body.png" >&2
  exit 1
fi
exec "$MESOMAP_BUILD/mesomap" "$@"
