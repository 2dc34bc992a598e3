#!/usr/bin/env bash
# Regenerates the pictures in docs/images from the command line alone (no display, no app):
# every built-in scenario with its painted zones and legend, a skin cross-section per scenario,
# and the README's scenario picture. Builds mesomap first if there is no build yet.
#
#   scripts/make_gallery.sh            # all pictures
#   MESOMAP=path/to/mesomap scripts/make_gallery.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MESOMAP="${MESOMAP:-${MESOMAP_BUILD:-$ROOT/build}/mesomap}"
if [ ! -x "$MESOMAP" ]; then
  source "$ROOT/scripts/common.sh"
  configure_and_build
fi
SCENARIOS="$ROOT/assets/scenarios"
IMAGES="$ROOT/docs/images"
mkdir -p "$IMAGES/scenarios" "$IMAGES/sections"

render() {
  echo "  $(basename "${@: -1}")"
  "$MESOMAP" render "$@"
}

echo "mesomap gallery with $("$MESOMAP" --version)"

# Each scenario from the side its points face, with the legend; 1000 px wide keeps the PNGs
# a few hundred kilobytes.
for file in "$SCENARIOS"/*.json; do
  id="$(basename "$file" .json)"
  render --scenario "$file" --camera region --overlay labels,legend,scale-bar --size 1000x750 \
    --out "$IMAGES/scenarios/$id.png"
done

# A scored attempt (tests/data/attempts/knee_flawed.json): the trainee's needles coloured by how
# well they match, the reference, links, the missed point; what the results panel shows.
render --scenario "$SCENARIOS/knee_osteoarthritis_right.json" --attempt "$ROOT/tests/data/attempts/knee_flawed.json" \
  --overlay labels,legend,scale-bar --size 1000x800 --out "$IMAGES/attempt_knee_flawed.png"

# Skin cross-sections: a deep (IDP) point of each scenario, and a superficial (IDS) one.
sections=(
  "knee_osteoarthritis_right JL1"
  "knee_osteoarthritis_right F1"
  "pes_anserine_right P1"
  "lateral_epicondylitis_right E1"
  "achilles_tendinopathy_right M1"
)
for entry in "${sections[@]}"; do
  read -r id point <<<"$entry"
  [ -f "$SCENARIOS/$id.json" ] || continue
  render --scenario "$SCENARIOS/$id.json" --section "$point" --size 1100x700 \
    --out "$IMAGES/sections/${id}_${point}.png"
done

# The README's picture: the knee scenario, front view, as `mesomap render` draws it by default
# plus the legend and the scale bar.
render --scenario "$SCENARIOS/knee_osteoarthritis_right.json" --overlay labels,legend,scale-bar --size 800x800 \
  --out "$IMAGES/scenario_knee_front.png"

echo "done: $(ls "$IMAGES"/scenarios/*.png "$IMAGES"/sections/*.png | wc -l) pictures in docs/images"
