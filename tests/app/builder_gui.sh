#!/usr/bin/env bash
# The scenario builder driven like a person would, under Xvfb: real key presses and mouse
# clicks (xdotool) create a small scenario — three reference points clicked on the skin, a zone
# painted with the brush; then the app is killed as a crash would, restarted, offers the
# autosaved scenario back, and it is saved with Ctrl+S; then the saved file is checked.
# Usage (from ctest): xvfb-run -a -s "-screen 0 1400x900x24" builder_gui.sh MESOMAP OUT_DIR
set -euo pipefail
mesomap=$1
out=$2
rm -rf "$out"
mkdir -p "$out/data"
export MESOMAP_SETTINGS="$out/settings.json"
export MESOMAP_NATIVE_DIALOGS=0  # the builder's own Save As form, even where zenity is installed

# Starts the app (extra arguments passed on) and waits until its first frame is on screen (the
# log says so), plus a moment for the UI to settle.
start() {
  "$mesomap" --size 1280x800 --view front --data-dir "$out/data" --print-startup "$@" >"$out/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 120); do
    grep -q "first frame" "$out/app.log" && break
    kill -0 $app 2>/dev/null || { cat "$out/app.log"; echo "the app exited early"; exit 1; }
    sleep 0.5
  done
  grep -q "first frame" "$out/app.log" || { cat "$out/app.log"; echo "no first frame after 60 s"; exit 1; }
  window=$(xdotool search --sync --limit 1 --name '^mesomap')
  sleep 1
}
trap 'kill $app 2>/dev/null || true' EXIT
start --builder

# Presses held for a few frames: a tap shorter than a frame can be missed by the UI.
click() {
  xdotool mousemove --window "$window" "$1" "$2"
  sleep 0.3
  xdotool mousedown 1
  sleep 0.25
  xdotool mouseup 1
  sleep 0.4
}
key() {
  xdotool key --window "$window" --delay 200 "$@"
  sleep 0.4
}

key p                      # the Add point tool
click 620 330              # chest and belly, front view: skin under every click
click 660 330
click 640 390
key b                      # the brush: with no zone selected, the first dab starts a target zone
xdotool mousemove --window "$window" 600 450
sleep 0.3
xdotool mousedown 1
for x in 610 620 630 640 650 660 670 680; do
  sleep 0.15
  xdotool mousemove --window "$window" "$x" 450
done
sleep 0.3
xdotool mouseup 1
sleep 2                    # the autosave follows edits within a second
[ -f "$out/data/builder-autosave.json" ] || { echo "no autosave after editing"; exit 1; }
kill -9 $app               # a crash: nothing saved
wait $app 2>/dev/null || true
start                      # a plain start finds the autosave and offers it back
key Return                 # Recover
key ctrl+s                 # no file yet: Save As opens on <data>/scenarios/new_scenario.json
key Return
sleep 0.5
# The window closes on the press: the release that follows has no window to go to.
xdotool key --window "$window" ctrl+q 2>/dev/null || true
for _ in $(seq 1 40); do kill -0 $app 2>/dev/null || break; sleep 0.25; done
if kill -0 $app 2>/dev/null; then echo "the app did not quit after Ctrl+Q"; exit 1; fi
trap - EXIT

saved="$out/data/scenarios/new_scenario.json"
[ -f "$saved" ] || { cat "$out/app.log"; echo "nothing saved at $saved"; exit 1; }
python3 - "$saved" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["format"] == "mesomap-scenario", s
points, zones = s["points"], s.get("zones", [])
assert len(points) == 3, f"expected 3 points, got {len(points)}"
assert all("position_mm" in p for p in points), points
assert len(zones) == 1 and zones[0]["kind"] == "target", zones
assert len(zones[0].get("brush", [])) >= 3, f"expected a brush stroke, got {zones[0]}"
print(f"saved {len(points)} points and a zone painted with {len(zones[0]['brush'])} dabs")
PY
# Saving cleanly leaves no autosave to recover.
[ ! -e "$out/data/builder-autosave.json" ] || { echo "autosave left behind after saving"; exit 1; }
# What is missing is what a new scenario leaves empty, said as validate says it; the clicked
# points themselves are on the skin.
set +e
report=$("$mesomap" validate "$saved")
set -e
echo "$report"
grep -q "indication: is empty" <<<"$report" || { echo "validate did not ask for the indication"; exit 1; }
if grep -q "points\[" <<<"$report"; then echo "a clicked point has a problem"; exit 1; fi
