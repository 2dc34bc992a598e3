#!/usr/bin/env bash
# A large body in the window (#17): the default body subdivided twice (460k triangles) opens, a
# click on the skin places a needle while the geodesic solver is still being built (tens of
# seconds on two cores), and the window keeps drawing frames meanwhile. Real input (xdotool)
# under Xvfb; no timing assertions: the order of events is what is checked.
# Usage (from ctest): xvfb-run -a -s "-screen 0 1400x900x24" big_body_run.sh MESOMAP DENSE_BODY MODEL SCENARIO OUT_DIR
set -euo pipefail
mesomap=$1 dense=$2 model=$3 scenario=$4 out=$5
rm -rf "$out"
mkdir -p "$out/data"
export MESOMAP_SETTINGS="$out/settings.json"
export MESOMAP_CACHE_DIR=off  # the solver is built in this run, never read from a cache
"$dense" "$model" 2 "$out/big_body.obj"

# Closed while the start-up body is still opening: a normal exit (0), not an unreadable model's 3.
"$mesomap" --size 1024x700 --data-dir "$out/data" --print-startup "$out/big_body.obj" >"$out/early.log" 2>&1 &
early=$!
early_window=$(xdotool search --sync --limit 1 --name '^mesomap')
status=0
checked=1
# The key press sometimes meets BadWindow right after the window appears (about one run in
# three here, cause not found): then the early close is said to be unchecked, never a hang.
if ! xdotool key --window "$early_window" ctrl+q 2>/dev/null; then
  checked=0
  kill $early 2>/dev/null || true
  wait $early || true
  echo "Ctrl+Q met BadWindow (an xdotool/GLFW race): the early close was not checked"
else
  wait $early || status=$?
fi
if [ $checked = 0 ]; then
  :
elif grep -q "first frame after" "$out/early.log"; then
  echo "the body opened before Ctrl+Q (a faster machine?): the early close was not checked"
elif [ $status != 0 ]; then
  echo "FAILED: closed while the body was opening, the app exited with status $status"; cat "$out/early.log"; exit 1
else
  echo "closed while the body was opening: status 0"
fi

log=$out/app.log
# Not a scripted run (no --frames): the window waits for events as it does for a person.
"$mesomap" --size 1024x700 --data-dir "$out/data" --print-startup --scenario "$scenario" "$out/big_body.obj" >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
fail() { echo "FAILED: $*"; cat "$log"; exit 1; }
wait_for() {  # wait_for PATTERN SECONDS
  for _ in $(seq 1 $(($2 * 4))); do
    grep -q "$1" "$log" && return 0
    kill -0 $app 2>/dev/null || fail "the app exited early"
    sleep 0.25
  done
  return 1
}
wait_for "first frame after" 180 || fail "no frame with the body after 180 s"
window=$(xdotool search --sync --limit 1 --name '^mesomap')
grep -q "surface distances ready" "$log" && fail "the solver was ready before the click: nothing to check (a faster machine? use a larger body)"

# The knee scenario's camera looks at the right knee: the window's centre is on the skin.
xdotool mousemove --window "$window" 512 350
sleep 0.3
xdotool mousedown 1
sleep 0.2
xdotool mouseup 1
# The practice autosave follows every edit: the point is there once the click was handled.
placed=0
for _ in $(seq 1 120); do
  if [ -f "$out/data/autosave.json" ] && grep -q '"position_mm"' "$out/data/autosave.json"; then placed=1; break; fi
  sleep 0.25
done
[ $placed = 1 ] || fail "no point placed 30 s after the click"
grep -q "surface distances ready" "$log" &&
  fail "the point appeared only once the solver was ready: the click waited for it"
echo "point placed while the solver was building"

# The build finishes in the background and the window has kept drawing: more frames than the
# few around the first one (it wakes every 100 ms while the solver builds).
wait_for "surface distances ready" 600 || fail "the solver was not ready after 600 s"
line=$(grep "surface distances ready" "$log")
frames=$(echo "$line" | sed -n 's/.*(frame \([0-9]*\)).*/\1/p')
[ -n "$frames" ] && [ "$frames" -gt 20 ] || fail "only ${frames:-?} frames drawn while the solver was building: '$line'"
echo "$line"
xdotool key --window "$window" ctrl+q
for _ in $(seq 1 120); do kill -0 $app 2>/dev/null || break; sleep 0.25; done
kill -0 $app 2>/dev/null && fail "the app did not close after Ctrl+Q"
wait $app || fail "the app exited with status $?"
echo "the large body stayed usable while its solver was built"
