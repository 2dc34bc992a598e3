# Shared by scripts/run.sh and scripts/test.sh: installs the Debian packages mesomap needs
# (only those missing) and configures + builds in Release.
set -euo pipefail

MESOMAP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MESOMAP_BUILD="${MESOMAP_BUILD:-$MESOMAP_ROOT/build}"

# Product: compiler, CMake, GLFW, Dear ImGui, Assimp, glm, EGL/GL (Mesa), glad, stb, JSON,
# the Inter font and the default body. Tests: GoogleTest, Xvfb, python3-jsonschema (schema
# check). Benchmarks: Embree, CGAL.
MESOMAP_PACKAGES=(
  g++ cmake pkg-config python3-glad
  libglfw3-dev libimgui-dev libassimp-dev libglm-dev libstb-dev nlohmann-json3-dev libfreetype-dev libsqlite3-dev
  libegl-dev libgl-dev libegl-mesa0 libgl1-mesa-dri libglx-mesa0
  fonts-inter fonts-dejavu-core assimp-testmodels
)
MESOMAP_TEST_PACKAGES=(libgtest-dev xvfb xauth xdotool python3-jsonschema libembree-dev libcgal-dev libeigen3-dev)

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

configure_and_build() {
  cmake -S "$MESOMAP_ROOT" -B "$MESOMAP_BUILD" -DCMAKE_BUILD_TYPE=Release "$@"
  cmake --build "$MESOMAP_BUILD" --parallel "$(nproc)"
}
