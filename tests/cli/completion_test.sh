#!/usr/bin/env bash
# usage: completion_test.sh COMPLETION_SCRIPT
# Sources the generated bash completion and asks it what <TAB> offers, as bash would.
set -u
# shellcheck disable=SC1090
source "$1"
cd "$(mktemp -d)" || exit 1  # only the files made here can complete
touch body.glb knee.json
failures=0
expect() {
  local expected=$1
  shift
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMPREPLY=()
  _mesomap
  local got="${COMPREPLY[*]}"
  if [[ $got != "$expected" ]]; then
    echo "mesomap ${*:2}<TAB>: expected '$expected', got '$got'"
    failures=$((failures + 1))
  else
    echo "ok: mesomap ${*:2}<TAB> -> $got"
  fi
}
expect "render" mesomap ren
expect "--model" mesomap render --mo
expect "--mode --model" mesomap --mo
expect "front back left right top" mesomap render --view ""
expect "mm cm m" mesomap info --units ""
expect "body.glb" mesomap render --model b
expect "knee.json" mesomap score --scenario k
expect "export-markups" mesomap exp
expect "--csv" mesomap score --cs
expect "--quiet" mesomap validate --q
expect "body.glb" mesomap b
exit $((failures > 0))
