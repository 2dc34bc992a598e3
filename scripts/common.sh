# Shared by scripts/run.sh and scripts/test.sh: installs the Debian packages mesomap needs
# (only those missing) and configures + builds in Release.
set -euo pipefail

MESOMAP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MESOMAP_BUILD="${MESOMAP_BUILD:-$MESOMAP_ROOT/build}"

# Product: compiler, CMake, GLFW, Dear ImGui, Assimp, glm, EGL/GL (Mesa), glad, stb, JSON,
# Eigen, CLI11 (the command line), SIMDe (the portable vector path), the Inter font, the default
# body and libpq (the class server's client). Tests: PostgreSQL (a throwaway class server), GoogleTest, Xvfb, python3-jsonschema (schema
# check), clang with libFuzzer (sanitizer and fuzz runs), the man page and packaging checkers
# (help2man, dpkg-dev for cpack's .deb, the freedesktop validators), ccache (the portable build
# reuses the default build's objects: scripts/portable.sh). Benchmarks: Embree, CGAL.
MESOMAP_PACKAGES=(
  g++ cmake pkg-config python3-glad
  libglfw3-dev libimgui-dev libassimp-dev libglm-dev libstb-dev nlohmann-json3-dev libfreetype-dev libsqlite3-dev libpq-dev
  libeigen3-dev libcli11-dev libsimde-dev
  libegl-dev libgl-dev libegl-mesa0 libgl1-mesa-dri libglx-mesa0
  fonts-inter fonts-dejavu-core assimp-testmodels
)
MESOMAP_TEST_PACKAGES=(libgtest-dev postgresql xvfb xauth xdotool python3-jsonschema libembree-dev libcgal-dev libeigen3-dev ccache
  clang libclang-rt-14-dev
  help2man dpkg-dev desktop-file-utils appstream libxml2-utils shared-mime-info)

install_missing() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "mesomap: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# A compiler cache where there is one, never required: the build folders share objects through
# it (paths relative to the source tree), so scripts/portable.sh compiles only what differs.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$MESOMAP_ROOT}"
compiler_cache_flags() {
  command -v ccache >/dev/null && echo "-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
  return 0
}

configure_and_build() {
  # shellcheck disable=SC2046  # two flags or none
  cmake -S "$MESOMAP_ROOT" -B "$MESOMAP_BUILD" -DCMAKE_BUILD_TYPE=Release $(compiler_cache_flags) "$@"
  cmake --build "$MESOMAP_BUILD" --parallel "$(nproc)"
}

# Runs each libFuzzer harness in $1 for $2 executions (the harnesses named after, else all), each
# from its seed corpus (tests/fuzz/corpus/<harness> plus the project's own files of that kind).
run_fuzzers() {
  local build="$1" runs="$2"
  shift 2
  local harnesses=("$@")
  [ ${#harnesses[@]} -eq 0 ] && harnesses=(fuzz_scenario fuzz_attempt fuzz_landmarks fuzz_markups fuzz_bookmarks fuzz_settings)
  for harness in "${harnesses[@]}"; do
    local corpus="$build/corpus/$harness"
    mkdir -p "$corpus"
    local seeds=("$MESOMAP_ROOT/tests/fuzz/corpus/$harness")
    case "$harness" in
      fuzz_scenario) seeds+=("$MESOMAP_ROOT/assets/scenarios" "$MESOMAP_ROOT/tests/data/scenarios") ;;
      fuzz_attempt) seeds+=("$MESOMAP_ROOT/tests/data/attempts") ;;
      fuzz_landmarks) seeds+=("$MESOMAP_ROOT/assets/landmarks" "$MESOMAP_ROOT/tests/data/landmarks") ;;
      fuzz_markups) seeds+=("$MESOMAP_ROOT/tests/data") ;;
    esac
    local existing=()
    for s in "${seeds[@]}"; do [ -d "$s" ] && existing+=("$s"); done
    local log="$build/$harness.log"
    if (cd "$build" && "./tests/fuzz/$harness" -runs="$runs" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
          -print_final_stats=1 "$corpus" "${existing[@]}" >"$log" 2>&1); then
      echo "fuzz: $harness: $(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$') executions, no crash"
    else
      grep -E "ERROR|SUMMARY|Test unit written|==[0-9]+==" "$log" | head -40
      echo "fuzz: $harness failed (full log: $log)"
      return 1
    fi
  done
}
