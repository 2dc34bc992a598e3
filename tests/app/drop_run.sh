#!/usr/bin/env bash
# Drag-and-drop onto the real window under Xvfb: a small XDND drag source (xdnd_drop.c) drops
# files on the app as a file manager would; the app says on stdout what it opened and on stderr
# what it refused. One run drops, in turn: a file that is none of mesomap's, a model (under a
# name with a space and a non-ASCII letter, to exercise the file:// URI decoding), a scenario and
# an attempt; each must be opened (or refused) as the command line's FILE would be.
# Usage (from ctest): xvfb-run -a -s "-screen 0 1400x900x24" drop_run.sh MESOMAP XDND_DROP MODEL SCENARIO ATTEMPT OUT_DIR
set -euo pipefail
mesomap=$1 dropper=$2 model=$3 scenario=$4 attempt=$5 out=$6
rm -rf "$out"
mkdir -p "$out/data" "$out/a folder"
export MESOMAP_SETTINGS="$out/settings.json"
dropped_model="$out/a folder/Körper $(basename "$model")"
cp "$model" "$dropped_model"
echo "just some notes" >"$out/notes.txt"

# --frames: a scripted run, which closes when asked (the dropper asks once the drop is done).
"$mesomap" --size 1024x700 --frames 1000000 --data-dir "$out/data" >"$out/app.log" 2>"$out/app.err" &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
"$dropper" mesomap "$out/notes.txt" "$dropped_model" "$scenario" "$attempt" | tee "$out/drop.log"
for _ in $(seq 1 60); do kill -0 $app 2>/dev/null || break; sleep 0.5; done
wait $app
cat "$out/app.log" "$out/app.err"

expect() {  # expect FILE TEXT: TEXT is a line of FILE
  grep -qxF -- "$2" "$1" || { echo "FAILED: no line '$2' in $1"; exit 1; }
}
expect "$out/app.err" "not opened: '$out/notes.txt': not understood: not a model (by its extension '.txt'), a scenario or an attempt (.json)"
expect "$out/app.log" "opened model $dropped_model"
expect "$out/app.log" "opened scenario $scenario"
expect "$out/app.log" "opened attempt $attempt"
echo "all dropped files were opened or refused as they should be"
