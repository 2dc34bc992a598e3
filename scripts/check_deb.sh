#!/usr/bin/env bash
# The .deb on a clean Debian 12: packs it with CPack from BUILD_DIR, makes a bare bookworm chroot
# with mmdebstrap (--variant=apt: essential packages and apt, nothing else), installs the .deb
# there with apt so its Depends alone must bring everything (no Recommends), then inside it:
# mesomap --version, a headless `mesomap render` (EGL surfaceless on Mesa's llvmpipe), and every
# library scenario's perfect attempt made and scored (each must be 100).
#
# Run by hand, as root, on a machine that reaches Debian's mirror; it downloads ~300 MB and takes
# minutes, so it is not a ctest (CI has tests/install/package_deb.cmake, which unpacks the .deb
# without a clean system). Needs: cmake/cpack, mmdebstrap (apt-get install mmdebstrap).
#
# usage: sudo scripts/check_deb.sh [BUILD_DIR] [OUT_DIR]
#   BUILD_DIR  a configured, built tree (default: build)
#   OUT_DIR    where the log and the picture go (default: BUILD_DIR/check_deb)
#   MESOMAP_BOOKWORM_TARBALL=FILE  a bookworm base made before with
#              `mmdebstrap --variant=apt bookworm FILE.tar`: saves the download on reruns
set -euo pipefail
build=$(realpath "${1:-build}")
out=$(realpath -m "${2:-$build/check_deb}")
[ "$(id -u)" = 0 ] || { echo "check_deb.sh: run as root (chroot, mounts)" >&2; exit 2; }
command -v mmdebstrap >/dev/null || { echo "check_deb.sh: mmdebstrap is missing (apt-get install mmdebstrap)" >&2; exit 2; }
[ -f "$build/CPackConfig.cmake" ] || { echo "check_deb.sh: $build is not a configured build tree" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out"

root=$(mktemp -d /tmp/mesomap-bookworm.XXXXXX)
mounted=()
xvfb=
cleanup() {  # always: the X server, the mounts (newest first), then the chroot
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || true; done
  if ! grep -q " $root/" /proc/mounts; then rm -rf --one-file-system "$root"; else echo "left $root: still mounted" >&2; fi
}
trap cleanup EXIT
mount_in() {  # mount_in TYPE|--bind SOURCE TARGET
  mount "$@"
  mounted+=("${*: -1}")
}
step() { echo "== $*"; }

step "packing the .deb from $build"
(cd "$out" && cpack -G DEB --config "$build/CPackConfig.cmake" >"$out/cpack.log")
deb=$(ls "$out"/mesomap_*.deb)
dpkg-deb --field "$deb" Package Version Depends Recommends Suggests | tee "$out/fields.txt"

if [ -n "${MESOMAP_BOOKWORM_TARBALL:-}" ]; then
  step "clean bookworm from $MESOMAP_BOOKWORM_TARBALL"
  tar -xf "$MESOMAP_BOOKWORM_TARBALL" -C "$root"
else
  step "clean bookworm from Debian's mirror (mmdebstrap --variant=apt)"
  mmdebstrap --variant=apt bookworm "$root" >"$out/mmdebstrap.log" 2>&1
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount_in --bind /dev "$root/dev"
mount_in -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"
mount_in -t proc proc "$root/proc"
mount_in -t sysfs sysfs "$root/sys"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

step "apt install ./$(basename "$deb") (Depends only)"
cp "$deb" "$root/tmp/"
in_root apt-get update -q >"$out/apt.log" 2>&1
in_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" >>"$out/apt.log" 2>&1 ||
  { tail -30 "$out/apt.log"; echo "FAILED: apt could not install the .deb"; exit 1; }
grep -E "^(Setting up|The following NEW)" "$out/apt.log" | wc -l | xargs echo "packages set up:"

step "mesomap --version, and every library it links found"
in_root mesomap --version | tee "$out/version.txt"
if in_root ldd /usr/bin/mesomap | grep "not found"; then echo "FAILED: libraries missing"; exit 1; fi

step "mesomap render, headless"
in_root mesomap render --out /tmp/body.png --size 480x720 2>&1 | tee "$out/render.log"
cp "$root/tmp/body.png" "$out/body.png"

# The window too, when this machine has Xvfb: the host's X server, its socket bound into the
# chroot; the app draws a few frames with the chroot's GLFW, libGL and Mesa, and saves them.
if command -v Xvfb >/dev/null; then
  step "the app's window on the host's Xvfb (:${MESOMAP_CHECK_DISPLAY:=97})"
  Xvfb ":$MESOMAP_CHECK_DISPLAY" -screen 0 1280x800x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
  xvfb=$!
  sleep 2
  mkdir -p "$root/tmp/.X11-unix"
  mount_in --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
  in_root env DISPLAY=":$MESOMAP_CHECK_DISPLAY" mesomap --size 1024x640 --frames 5 --screenshot /tmp/window.png \
    >"$out/window.log" 2>&1 || { cat "$out/window.log"; echo "FAILED: the window"; exit 1; }
  cp "$root/tmp/window.png" "$out/window.png"
  grep -o "first frame.*" "$out/window.log" || true
fi

step "every library scenario's perfect attempt, scored"
for scenario in "$root"/usr/share/mesomap/scenarios/*.json; do
  name=$(basename "$scenario" .json)
  inside=/usr/share/mesomap/scenarios/$name.json
  in_root mesomap attempt --perfect "$inside" --out "/tmp/${name}_perfect.json" >/dev/null
  text=$(in_root mesomap score --scenario "$inside" "/tmp/${name}_perfect.json" 2>&1)
  if ! grep -q "Score 100\.0 / 100: PASS" <<<"$text" || grep -qiE "estimated|warning" <<<"$text"; then
    echo "$text"
    echo "FAILED: $name's perfect attempt"
    exit 1
  fi
  echo "$name: 100"
done | tee "$out/scores.txt"
[ "$(grep -c ': 100$' "$out/scores.txt")" -ge 8 ] || { echo "FAILED: fewer than 8 library scenarios scored 100"; exit 1; }
echo "OK: the .deb installs on a clean bookworm and renders and scores there ($(date -u +%Y-%m-%d)); see $out"
