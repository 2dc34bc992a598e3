#!/usr/bin/env bash
# The desktop's file dialogs, end to end under Xvfb with real key presses (xdotool): a fake
# zenity first on PATH records its arguments and answers with a file. Ctrl+O must open the model
# it names (the window title says so) and Shift+F12 must save the picture where it says, after
# passing the title, start folder, filters and overwrite question. Then, with no helper on PATH,
# Ctrl+O must open the built-in browser instead.
# Usage (from ctest): xvfb-run -a -s "-screen 0 1400x900x24" native_dialog_run.sh MESOMAP MODEL OUT_DIR
set -euo pipefail
mesomap=$1
model=$2
out=$3
rm -rf "$out"
mkdir -p "$out/bin" "$out/data" "$out/Pictures" "$out/Chosen"
export MESOMAP_SETTINGS="$out/settings.json" XDG_PICTURES_DIR="$out/Pictures" MESOMAP_NATIVE_DIALOGS=1
picked="$out/Chosen/picked body.${model##*.}"
cp "$model" "$picked"
cat >"$out/bin/zenity" <<EOF
#!/bin/sh
# Each call's arguments, one per line, then an empty line.
for a in "\$@"; do printf '%s\n' "\$a"; done >>"$out/zenity-args"
echo >>"$out/zenity-args"
case " \$* " in
  *" --save "*) printf '%s\n' "$out/Chosen/saved picture" ;;
  *) printf '%s\n' "$picked" ;;
esac
EOF
chmod +x "$out/bin/zenity"

app=
start() {  # $1: PATH for the app
  PATH="$1" "$mesomap" --size 800x600 --data-dir "$out/data" --print-startup >"$out/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 120); do
    grep -q "first frame" "$out/app.log" && break
    kill -0 $app 2>/dev/null || { cat "$out/app.log"; echo "the app exited early"; exit 1; }
    sleep 0.5
  done
  window=$(xdotool search --sync --limit 1 --name '^mesomap')
  sleep 1
}
stop() {
  xdotool key --window "$window" --delay 200 ctrl+q 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 $app 2>/dev/null || break; sleep 0.25; done
  kill $app 2>/dev/null || true
  wait $app 2>/dev/null || true
}
trap 'kill $app 2>/dev/null || true' EXIT
fail() { cat "$out/app.log"; [ -f "$out/zenity-args" ] && cat "$out/zenity-args"; echo "FAILED: $1"; exit 1; }

start "$out/bin:$PATH"
xdotool key --window "$window" --delay 200 ctrl+o
xdotool search --sync --limit 1 --name "^mesomap - picked body" >/dev/null &
finder=$!
for _ in $(seq 1 60); do kill -0 $finder 2>/dev/null || break; sleep 0.5; done
kill $finder 2>/dev/null && fail "the chosen model did not open (window title)"
xdotool key --window "$window" --delay 200 shift+F12
for _ in $(seq 1 40); do [ -f "$out/Chosen/saved picture.png" ] && break; sleep 0.25; done
stop
grep -q "file dialog 'Open model': zenity" "$out/app.log" || fail "Ctrl+O did not use zenity"
[ -f "$out/Chosen/saved picture.png" ] || fail "no picture where zenity said"
args=$(cat "$out/zenity-args")
for expected in "--title=Open model" "--attach=$((window))" "--filename=$(dirname "$model")/" "--title=Save picture" "--save" \
                "--confirm-overwrite" "--filename=$out/Pictures/mesomap-" "--file-filter=PNG pictures | *.png *.PNG"; do
  grep -qF -- "$expected" <<<"$args" || fail "zenity was not given '$expected'"
done
grep -q -- "--file-filter=3D models | .*\*\.${model##*.}" <<<"$args" || fail "no model filter for .${model##*.}"
[ -z "$(ls -A "$out/Pictures")" ] || fail "the picture went to Pictures too"

# No helper on PATH (an empty folder: zenity may be installed in /usr/bin): the built-in browser.
mkdir -p "$out/empty"
start "$out/empty"
xdotool key --window "$window" --delay 200 ctrl+o
for _ in $(seq 1 20); do grep -q "file dialog 'Open model'" "$out/app.log" && break; sleep 0.25; done
stop
grep -q "file dialog 'Open model': built-in" "$out/app.log" || fail "no built-in dialog without zenity"
echo "zenity opened '$(basename "$picked")' and saved 'saved picture.png'; without it the built-in dialog opened"
