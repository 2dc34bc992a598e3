#pragma once
// The class report's picture of one scenario: the body with the reference points coloured by
// the class's mean error at each (core/view/class_heat_overlay.h) and every needle the class
// placed, from the side the scenario's camera suggests. Needs a current GL context
// (createHeadlessContext); `mesomap class report` embeds the PNG in the page.
#include <map>
#include <string>
#include <vector>

#include "core/base/image.h"
#include "core/classroom/class_report.h"
#include "core/geometry/camera.h"
#include "core/protocol/scenario.h"

namespace mesomap::render {

struct ClassPicture {
  Image image;
  OrbitCamera camera;            // what it was drawn with (tests project points through it)
  std::string body;              // the body it shows: "the default body" or "patient: ..."
  size_t drawnAttempts = 0;      // whose needles are drawn (those made on that body)
  size_t otherBodyAttempts = 0;  // in the colours, but made on another body: not drawn
};

// The picture for `summary` (built from `attempts`, the class's attempts at that scenario) on the
// body most of them were made on: the scenario's own body, or the patient of their --patient text.
// The body is framed in the picture's left square; the legend takes the room on the right.
// Throws Error when the scenario does not resolve on it at all.
ClassPicture renderClassPicture(const Scenario& scenario, const ScenarioSummary& summary,
                                const std::vector<StoredAttempt>& attempts, int width = 1350, int height = 900);

// One picture per scenario of the report (its own headless context), each scenario taken from
// `scenarios` by id. Whatever stops a picture (no GL context, a scenario in none of them, one
// that does not resolve on the body) is said in its `missing`: the report is still written.
std::map<std::string, ScenarioPicture> classReportPictures(const ClassReport& report,
                                                           const std::vector<Scenario>& scenarios);

}  // namespace mesomap::render
