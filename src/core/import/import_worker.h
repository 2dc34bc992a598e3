#pragma once
// The worker side of importModelIsolated: a mesomap program relaunched with kImportWorkerFlag
// reads a model path on stdin, imports it with Assimp under a memory limit and writes the scene
// (or the error) on stdout. Which program serves as the worker, in this order:
//   1. $MESOMAP_IMPORT_WORKER, when set;
//   2. the running program itself, when its main() calls serveImportWorkerIfAsked (mesomap,
//      mesomap-bench);
//   3. "mesomap-import-worker" next to the running program (the test programs use this one).
#include <filesystem>
#include <optional>

namespace mesomap {

inline constexpr const char* kImportWorkerFlag = "--mesomap-import-worker";  // hidden from --help
inline constexpr const char* kImportWorkerVariable = "MESOMAP_IMPORT_WORKER";
inline constexpr const char* kImportWorkerProgram = "mesomap-import-worker";

// For main(): when argv[1] is kImportWorkerFlag, runs the worker and returns its exit status;
// otherwise notes that this program can serve as the worker and returns nullopt.
std::optional<int> serveImportWorkerIfAsked(int argc, char** argv);

// The worker itself (stdin to stdout); 0 when it answered, even with an error.
int runImportWorker();

// The program to start, by the order above; Error(Io) saying where it looked.
std::filesystem::path importWorkerProgram();

}  // namespace mesomap
