// The app paints a scenario's zones with the regions scoring already built: given the prepared
// scenario, the view takes its regions and needs no geodesic solver of its own.
#include <gtest/gtest.h>

#include "app/scenario_view.h"
#include "core/import/model_loader.h"
#include "core/scoring/scoring.h"

namespace mesomap::app {
namespace {

TEST(ScenarioView, ZonesComeFromThePreparedScenario) {
  const ScoringModel body(loadModel(MESOMAP_DEFAULT_MODEL).mesh);
  const Scenario scenario = readValidScenario(std::string(MESOMAP_ASSET_DIR) + "/scenarios/knee_osteoarthritis_right.json");
  const PreparedScenario prepared = prepareScenario(scenario, body.body());
  ASSERT_EQ(prepared.zones.size(), scenario.zones.size());

  ScenarioView view;
  view.show(&scenario, "");
  view.setBody(&body.mesh, &body.skin);
  const uint64_t before = view.revision();
  // Neither a solver nor a prepared scenario yet: nothing to paint, and nothing changes.
  view.update(nullptr, nullptr);
  EXPECT_TRUE(view.zones().empty());
  EXPECT_EQ(view.revision(), before);
  // The prepared scenario's regions, without a solver: taken, not built again.
  view.update(nullptr, &prepared);
  ASSERT_EQ(view.zones().size(), prepared.zones.size());
  EXPECT_GT(view.revision(), before);
  for (size_t i = 0; i < prepared.zones.size(); ++i) {
    EXPECT_EQ(view.zones()[i].kind, prepared.zones[i].region.kind);
    EXPECT_EQ(view.zones()[i].vertexMarginMm, prepared.zones[i].region.vertexMarginMm);
  }
  // Once painted, later frames cost nothing.
  const uint64_t painted = view.revision();
  view.update(body.geodesics.get(), &prepared);
  EXPECT_EQ(view.revision(), painted);
}

}  // namespace
}  // namespace mesomap::app
