// mesomap-bench [pick|geodesic|load|frame|score|render|builder|patient|start|class|large|window] [--model PATH] [--quick]
// One JSON object per line on stdout; diagnostics on stderr.
#include <cstdio>
#include <cstring>
#include <string>

#include "bench/bench.h"
#include "core/base/error.h"
#include "core/import/import_worker.h"

int main(int argc, char** argv) {
  using namespace mesomap::bench;
  if (auto worker = mesomap::serveImportWorkerIfAsked(argc, argv)) return *worker;  // isolated import
  BenchArgs args;
  args.model = MESOMAP_DEFAULT_MODEL;
  std::string which;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--model" && i + 1 < argc) args.model = argv[++i];
    else if (a == "--quick") args.quick = true;
    else if (a == "pick" || a == "geodesic" || a == "load" || a == "frame" || a == "score" || a == "render" || a == "builder" || a == "patient" || a == "start" ||
             a == "class" || a == "large" || a == "window")
      which = a;
    else {
      std::fprintf(stderr, "usage: mesomap-bench [pick|geodesic|load|frame|score|render|builder|patient|start|class|large|window] [--model PATH] [--quick]\n");
      return 2;
    }
  }
  try {
    int rc = 0;
    if (which.empty() || which == "pick") rc |= runPickBench(args);
    if (which.empty() || which == "geodesic") rc |= runGeodesicBench(args);
    if (which.empty() || which == "load") rc |= runLoadBench(args);
    if (which.empty() || which == "frame") rc |= runFrameBench(args);
    if (which.empty() || which == "score") rc |= runScoreBench(args);
    if (which.empty() || which == "render") rc |= runRenderBench(args);
    if (which.empty() || which == "builder") rc |= runBuilderBench(args);
    if (which.empty() || which == "patient") rc |= runPatientBench(args);
    if (which.empty() || which == "start") rc |= runStartBench(args);
    if (which.empty() || which == "class") rc |= runClassBench(args);
    if (which.empty() || which == "large") rc |= runLargeBench(args);
    if (which.empty() || which == "window") rc |= runWindowBench(args);
    return rc;
  } catch (const mesomap::Error& e) {
    std::fprintf(stderr, "mesomap-bench: %s\n", e.what());
    return mesomap::exitCodeFor(e.kind());
  }
}
