// Loading: the whole path a user waits for when opening a body (isolated Assimp import,
// welding, classification, normalisation), and the import alone in and out of process.
#include <filesystem>

#include "bench/bench.h"
#include "core/import/assimp_import.h"
#include "core/import/model_loader.h"

namespace mesomap::bench {

int runLoadBench(const BenchArgs& args) {
  const int runs = args.quick ? 3 : 15;
  const std::string name = std::filesystem::path(args.model).filename().string();
  size_t triangles = loadModel(args.model).mesh.triangleCount();
  auto row = [&](const char* metric, double ms) {
    emit({{"bench", "load"}, {"model", name}, {"triangles", triangles}, {"metric", metric}, {"ours", ms},
          {"peer", nullptr}, {"unit", "ms"}, {"runs", runs}, {"statistic", "median"}});
  };
  row("load_model", medianMilliseconds(runs, [&] { loadModel(args.model); }));
  row("assimp_import_isolated", medianMilliseconds(runs, [&] { importModelIsolated(args.model); }));
  row("assimp_import_in_process", medianMilliseconds(runs, [&] { importModelInProcess(args.model); }));
  return 0;
}

}  // namespace mesomap::bench
