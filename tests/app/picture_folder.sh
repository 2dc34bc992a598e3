#!/usr/bin/env bash
# F12 under Xvfb with a real key press (xdotool): the picture goes to the Pictures folder the
# desktop names ($XDG_PICTURES_DIR here), not to the folder the app was started from.
# Usage (from ctest): xvfb-run -a -s "-screen 0 1400x900x24" picture_folder.sh MESOMAP OUT_DIR
set -euo pipefail
mesomap=$1
out=$2
rm -rf "$out"
mkdir -p "$out/data" "$out/Pictures" "$out/started-here"
export MESOMAP_SETTINGS="$out/settings.json" XDG_PICTURES_DIR="$out/Pictures"
cd "$out/started-here"
"$mesomap" --size 800x600 --data-dir "$out/data" --print-startup >"$out/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "first frame" "$out/app.log" && break
  kill -0 $app 2>/dev/null || { cat "$out/app.log"; echo "the app exited early"; exit 1; }
  sleep 0.5
done
window=$(xdotool search --sync --limit 1 --name '^mesomap')
sleep 1
xdotool key --window "$window" --delay 200 F12
for _ in $(seq 1 40); do
  compgen -G "$out/Pictures/mesomap-*.png" >/dev/null && break
  sleep 0.25
done
xdotool key --window "$window" --delay 200 ctrl+q 2>/dev/null || true  # the window may be gone before the key is released
wait $app || true
ls -l "$out/Pictures" "$out/started-here"
compgen -G "$out/Pictures/mesomap-*.png" >/dev/null || { cat "$out/app.log"; echo "FAILED: no picture in \$XDG_PICTURES_DIR"; exit 1; }
[ -z "$(ls -A "$out/started-here")" ] || { echo "FAILED: something was written where the app was started"; exit 1; }
echo "F12 saved $(basename "$out"/Pictures/mesomap-*.png) into the Pictures folder"
