// mesomap-import-worker: the isolated model import's worker for the test programs, which have
// gtest's main() rather than mesomap's (core/import/import_worker.h finds it next to them).
#include <cstdio>

#include "core/import/import_worker.h"

int main(int argc, char** argv) {
  if (auto worker = mesomap::serveImportWorkerIfAsked(argc, argv)) return *worker;
  std::fprintf(stderr, "usage: mesomap-import-worker %s < model-path\n", mesomap::kImportWorkerFlag);
  return 2;
}
