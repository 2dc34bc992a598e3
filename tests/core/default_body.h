#pragma once
// The default body, loaded once per test process, with what most tests query on it.
#include "core/body/body_regions.h"
#include "core/geometry/bvh.h"
#include "core/geometry/geodesic.h"
#include "core/import/model_loader.h"
#include "core/scoring/scoring.h"

namespace mesomap::test {

struct DefaultBody {
  LoadedModel model = loadModel(MESOMAP_DEFAULT_MODEL);
  Bvh skin = Bvh::build(model.mesh);
  BodyRegionMap regions{model.mesh};
  // Builds the geodesic solver (0.7 s) on first use only: most tests never need it.
  ScoringBody scoring() const { return {model.mesh, skin, *geodesicSolverFor(model.mesh), regions, {}}; }
};

inline const DefaultBody& defaultBody() {
  static const DefaultBody body;
  return body;
}

}  // namespace mesomap::test
