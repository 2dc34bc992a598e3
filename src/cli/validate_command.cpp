// `mesomap validate FILE...`: every problem of every scenario file, one per line with its JSON
// path; exit 0 only when all files are clean. Besides the file itself: geometry on the body,
// and the reference map scored against its own rules.
#include <cstdio>

#include "cli/arguments.h"
#include "cli/body_arguments.h"
#include "cli/commands.h"
#include "core/geometry/bvh.h"
#include "core/base/error.h"
#include "core/body/landmarks.h"
#include "core/protocol/scenario_anchors.h"
#include "core/protocol/scenario_landmarks.h"
#include "core/protocol/scenario_transfer.h"
#include "core/import/model_loader.h"
#include "core/protocol/scenario.h"
#include "core/scoring/scenario_validation.h"

namespace mesomap::cli {

namespace {

// A file's hm08 anchors: made again and written with --write-anchors (the upgrade of an older
// file, said in a note); otherwise stale ones are problems and missing ones a note.
std::vector<Problem> upgradeAnchors(const Scenario& scenario, const std::string& file, bool write) {
  if (write) {
    Scenario anchored = scenario;
    const ScenarioAnchoring done = anchorScenario(anchored);
    if (!done.message.empty()) {
      writeScenario(anchored, file);  // atomic: temporary file + rename
      std::printf("note: %s; written to %s\n", done.message.c_str(), file.c_str());
    }
    return {};
  }
  if (const int missing = unanchoredPositions(scenario))
    std::printf("note: %s: %d absolute position%s no hm08 anchor: on a patient %s carried by the landmarks "
                "(--write-anchors adds them)\n",
                file.c_str(), missing, missing == 1 ? " has" : "s have", missing == 1 ? "it is" : "they are");
  return staleAnchorProblems(scenario);
}

}  // namespace

CommandSpec validateCommand() {
  CommandSpec c{"validate", "check scenario files: every problem, with its JSON path; exit 3 if any",
                "SCENARIO.json...", "the scenario files to check",
                {{"-q,--quiet", "", "print problems only, not the files that are fine", ""},
                 {"--write-anchors", "",
                  "give every absolute position its hm08 anchor and rewrite the file (upgrades an older file)", ""}}, runValidate,
                "Geometry is checked on the body the scenarios are for: the built-in body unless --model or --patient."};
  append(c.options, bodyOptions());
  return c;
}

int runValidate(const Arguments& a) {
  if (a.positional().empty()) throw Error(ErrorKind::Usage, "validate: give one or more scenario files");
  // Geometry is checked on the body the scenarios are for (the default body unless --model).
  std::shared_ptr<const Body> body;
  bool notesShown = false;
  size_t problemCount = 0;
  for (const std::string& file : a.positional()) {
    ScenarioReadResult result;
    try {
      result = readScenario(file);
    } catch (const Error& e) {
      std::printf("%s\n", e.what());
      ++problemCount;
      continue;
    }
    std::vector<Problem> problems = result.problems;
    if (result.scenario && problems.empty()) {
      problems = upgradeAnchors(*result.scenario, file, a.flag("--write-anchors"));
    }
    size_t standardUsed = 0;
    if (result.scenario && result.problems.empty()) {
      if (!body) {
        body = loadBodyArgument(a);
      }
      const LandmarkSet& landmarks = body->landmarks();  // the standard ones, which scenarios may name
      if (const auto carried = putScenarioOnBody(*result.scenario, *body))
        std::printf("note: %s\n", carried->message.c_str());
      standardUsed = landmarksInUse(*result.scenario).size() - result.scenario->landmarks.size();
      // Estimated landmarks are approximate: say so once, where a scenario relies on them.
      if (standardUsed > 0 && !notesShown) {
        for (const std::string& note : landmarks.notes) std::printf("note: %s\n", note.c_str());
        notesShown = true;
      }
      std::vector<Problem> onBody = checkScenarioOnBody(*result.scenario, scoringBody(*body));
      problems.insert(problems.end(), onBody.begin(), onBody.end());
    }
    for (const Problem& p : problems) std::printf("%s\n", formatProblem(file, p).c_str());
    if (problems.empty() && !a.flag("--quiet")) {
      std::string standard;
      if (standardUsed > 0) standard = " + " + std::to_string(standardUsed) + " standard";
      std::printf("%s: ok (%zu landmarks%s, %zu points, %zu zones)\n", file.c_str(), result.scenario->landmarks.size(),
                  standard.c_str(), result.scenario->points.size(), result.scenario->zones.size());
    }
    problemCount += problems.size();
  }
  return problemCount == 0 ? 0 : 3;
}

}  // namespace mesomap::cli
