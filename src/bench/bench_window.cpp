// The window orbiting its body (#17): `mesomap --orbit N` under a display turns the camera one
// arrow-key step per frame once the body is on screen and times each whole window frame (input,
// UI, label checks, scene, UI drawing, swap, glFinish) against a bare draw of the same mesh from
// the same camera, at the window's size and one sample, in the same process, frame by frame
// (app/orbit_timing.h). Needs a display (xvfb-run); skipped without one.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "bench/bench.h"
#include "core/base/data_paths.h"
#include "core/base/error.h"

namespace mesomap::bench {

namespace {

namespace fs = std::filesystem;

std::string outputOf(const std::string& command) {
  std::string out;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) throw Error(ErrorKind::Io, "window bench: cannot run '" + command + "'");
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  if (::pclose(pipe) != 0) throw Error(ErrorKind::Io, "window bench: '" + command + "' failed:\n" + out);
  return out;
}

void runOrbit(const std::string& model, const std::string& metric, const std::string& extra, int frames) {
  const fs::path scratch = fs::temp_directory_path() / "mesomap-bench-window";
  fs::remove_all(scratch);
  ::setenv("MESOMAP_SETTINGS", (scratch / "settings.json").c_str(), 1);
  // Never the user's cache: the body's solver is built in the background of every run, as on a
  // body's first opening, and both draws share the machine with it alike.
  ::setenv("MESOMAP_CACHE_DIR", "off", 1);
  const std::string command = quotedArg(MESOMAP_CLI_PATH) + " --size 1400x900 --orbit " + std::to_string(frames) +
                              " --data-dir " + quotedArg((scratch / "data").string()) + " --model " + quotedArg(model) +
                              extra + " 2>&1";
  const std::string out = outputOf(command);
  fs::remove_all(scratch);
  const double window = numberAfter(out, "window median "), bare = numberAfter(out, "bare draw median ");
  if (window < 0 || bare < 0)
    throw Error(ErrorKind::Io, "window bench: no orbit times from '" + command + "':\n" + out);
  emit({{"bench", "window"},
        {"model", fs::path(model).filename().string()},
        {"metric", metric},
        {"samples", 1},
        {"frames", frames},
        {"ours", window},
        {"p90", numberAfter(out, "(p90 ")},
        {"scene", numberAfter(out, "scene median ")},
        {"peer", "bare-draw"},
        {"peer_value", bare},
        {"ratio", window / bare},
        {"unit", "ms"},
        {"statistic", "median"}});
}

}  // namespace

int runWindowBench(const BenchArgs& args) {
  if (!std::getenv("DISPLAY")) {
    std::fprintf(stderr, "window bench: no DISPLAY, skipped (use xvfb-run -a -s \"-screen 0 1400x900x24\")\n");
    return 0;
  }
  const int frames = args.quick ? 5 : 20;
  runOrbit(args.model, "orbit_1400x900", "", frames);
  // Practice on the knee: its region camera, landmarks and labels checked against the body.
  const std::string knee = (dataDirectory().path / "scenarios" / "knee_osteoarthritis_right.json").string();
  runOrbit(args.model, "orbit_knee_1400x900", " --scenario " + quotedArg(knee), frames);
  return 0;
}

}  // namespace mesomap::bench
