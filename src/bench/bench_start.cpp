// Starts: the wall time of a whole `mesomap score` / `mesomap render` process, cold (the
// geodesic cache emptied, so the solver is built) and cached (its links read from the file the
// cold run left). The cache is a folder of the bench's own, never the user's. With a display,
// also the window's time to its first frame (`window` rows).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/data_paths.h"
#include "bench/bench.h"
#include "core/base/error.h"

namespace mesomap::bench {

namespace {

namespace fs = std::filesystem;

// Runs `command` with the bench's cache; throws when it fails, since its time would mean nothing.
double processMilliseconds(const std::string& command) {
  const auto start = std::chrono::steady_clock::now();
  const int status = std::system((command + " >/dev/null").c_str());
  const double ms = secondsSince(start) * 1000.0;
  if (status != 0)
    throw Error(ErrorKind::Io, "start bench: '" + command + "' failed (status " + std::to_string(status) + ")");
  return ms;
}

// The window's own start (#17): `mesomap --print-startup` says when its first frame was on
// screen ("window shown", the body perhaps still opening) and when the first frame with the
// body was ("first frame"). Needs a display (run the bench under xvfb-run); skipped without one.
void runWindowStarts(const std::string& mesomap, const std::string& model, const std::string& name, int runs) {
  if (!std::getenv("DISPLAY")) {
    std::fprintf(stderr, "start bench: no DISPLAY, the window's first-frame rows are skipped (use xvfb-run)\n");
    return;
  }
  const fs::path scratch = fs::temp_directory_path() / "mesomap-bench-start-window";
  ::setenv("MESOMAP_SETTINGS", (scratch / "settings.json").c_str(), 1);
  const std::string command = mesomap + " --size 1400x900 --frames 3 --print-startup --data-dir " +
                              quotedArg((scratch / "data").string()) + model;
  std::vector<double> shown, firstFrame;
  for (int i = 0; i < runs; ++i) {
    fs::remove_all(scratch);
    std::string out;
    if (std::FILE* pipe = ::popen(command.c_str(), "r")) {
      char buffer[512];
      while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
      if (::pclose(pipe) != 0) throw Error(ErrorKind::Io, "start bench: '" + command + "' failed:\n" + out);
    }
    shown.push_back(numberAfter(out, "window shown done at"));
    firstFrame.push_back(numberAfter(out, "first frame after"));
    if (shown.back() < 0 || firstFrame.back() < 0)
      throw Error(ErrorKind::Io, "start bench: no start-up times in the output of '" + command + "':\n" + out);
  }
  fs::remove_all(scratch);
  for (const auto& [metric, times] : {std::pair{"window_shown", shown}, std::pair{"first_frame", firstFrame}}) {
    std::vector<double> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    emit({{"bench", "start"},
          {"model", name},
          {"command", "window"},
          {"metric", metric},
          {"ours", sorted[sorted.size() / 2]},
          {"min", sorted.front()},
          {"max", sorted.back()},
          {"peer", nullptr},
          {"unit", "ms"},
          {"runs", runs},
          {"statistic", "median"}});
  }
}

struct StartCase {
  std::string name;
  std::string command;
};

}  // namespace

int runStartBench(const BenchArgs& args) {
  const fs::path cache = fs::temp_directory_path() / "mesomap-bench-start-cache";
  ::setenv("MESOMAP_CACHE_DIR", cache.c_str(), 1);
  const std::string model = " --model " + quotedArg(args.model);
  // The bench runs from the build tree, whose data folder is the source tree's assets/.
  const fs::path assets = dataDirectory().path;
  const std::string knee = quotedArg((assets / "scenarios" / "knee_osteoarthritis_right.json").string());
  const std::string picture = quotedArg((fs::temp_directory_path() / "mesomap-bench-start.png").string());
  const std::string mesomap = quotedArg(MESOMAP_CLI_PATH);
  const std::vector<StartCase> cases = {
      {"score", mesomap + " score" + model + " --scenario " + knee + " " +
                    quotedArg((assets.parent_path() / "tests" / "data" / "attempts" / "knee_flawed.json").string())},
      // Zones are geodesic discs: this picture needs the solver.
      {"render_scenario", mesomap + " render" + model + " --scenario " + knee + " --size 600x800 --out " + picture},
      // A bare body needs no geodesics: cold and cached should be alike.
      {"render_body", mesomap + " render" + model + " --size 600x800 --out " + picture},
  };
  const int runs = args.quick ? 1 : 5;
  const std::string name = fs::path(args.model).filename().string();
  for (const StartCase& c : cases) {
    std::vector<double> cold, cached;
    for (int i = 0; i < runs; ++i) {
      fs::remove_all(cache);
      cold.push_back(processMilliseconds(c.command));
    }
    // The last cold run left the file the cached runs read.
    for (int i = 0; i < runs; ++i) cached.push_back(processMilliseconds(c.command));
    std::sort(cold.begin(), cold.end());
    std::sort(cached.begin(), cached.end());
    const double coldMs = cold[cold.size() / 2], cachedMs = cached[cached.size() / 2];
    for (const auto& [metric, times] : {std::pair{"cold", cold}, std::pair{"cached", cached}})
      emit({{"bench", "start"},
            {"model", name},
            {"command", c.name},
            {"metric", metric},
            {"ours", times[times.size() / 2]},
            {"max", times.back()},
            {"peer", nullptr},
            {"unit", "ms"},
            {"runs", runs},
            {"statistic", "median"}});
    emit({{"bench", "start"},
          {"model", name},
          {"command", c.name},
          {"metric", "cached_over_cold"},
          {"ours", cachedMs / coldMs},
          {"peer", nullptr},
          {"unit", "ratio"},
          {"runs", runs}});
  }
  runWindowStarts(mesomap, model, name, runs);
  fs::remove_all(cache);
  return 0;
}

}  // namespace mesomap::bench
