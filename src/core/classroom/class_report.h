#pragma once
// What an instructor reads about a class: every trainee's attempts and scores, each scenario's
// score distribution and its weakest component, built from whichever store holds the class and
// written as a self-contained HTML page or a gradebook CSV.
#include <array>
#include <map>
#include <string>
#include <vector>

#include "core/scoring/attempt_store.h"

namespace mesomap {

struct TraineeSummary {
  std::string trainee;
  size_t attempts = 0, passes = 0, late = 0;
  double bestScore = 0.0, lastScore = 0.0, meanScore = 0.0;
};

// Where the class's needles landed at one reference point: the learning analytics of a class.
struct ReferencePointSummary {
  std::string referenceId;
  size_t attempts = 0, matched = 0;                // attempts scored against it; those with a needle matched to it
  double meanDistanceMm = 0.0;                     // over the matched ones, along the skin
  double meanCranialMm = 0.0, meanMedialMm = 0.0;  // the class's systematic offset (+ cranial, + medial)
  double meanDepthScore = 0.0;                     // 0..1
};

struct ScenarioSummary {
  std::string scenarioId, scenarioTitle;
  size_t attempts = 0, passes = 0;
  double meanScore = 0.0, medianScore = 0.0;
  std::array<size_t, 10> histogram{};         // attempts scoring 0-10, 10-20, ... 90-100 (100 in the last)
  std::string weakestComponent;               // lowest mean score among the components that apply
  double weakestComponentScore = 0.0;         // 0..1
  std::vector<ReferencePointSummary> points;  // the scenario's order, from the stored score reports
};

struct ClassReport {
  ClassInfo info;
  std::vector<ClassMember> members;
  std::vector<Assignment> assignments;
  std::vector<TraineeSummary> trainees;    // every trainee member (those without attempts too), by name
  std::vector<ScenarioSummary> scenarios;  // by scenario id
  std::vector<StoredAttempt> attempts;     // oldest first
};

// A scenario's picture in the report: the PNG of the body with the class's heat map over it
// (render/class_picture.h), or why there is none (no GL context, the scenario not found...).
struct ScenarioPicture {
  std::string png;      // the file's bytes; "" when missing
  std::string missing;  // why there is no picture
  std::string caption;  // what it shows (the body, attempts not drawn)
};

// Error(InvalidInput) when the store has no such class (or the connected person may not see it).
ClassReport buildClassReport(const AttemptStore& store, const std::string& classId);
// `pictures` by scenario id; a scenario without an entry gets no picture and no word about one.
std::string classReportHtml(const ClassReport& report, const std::map<std::string, ScenarioPicture>& pictures = {});
// One row per attempt: class, trainee, scenario id and revision, patient, body, mode,
// submitted_at, score, passed, late (after the assignment's deadline), mesomap version and
// every component's score in percent.
std::string classReportCsv(const ClassReport& report);
// The same rows as a JSON document ("format": "mesomap-class-export", "version": 1), components
// as an object of percentages (null where a component does not apply).
std::string classReportJson(const ClassReport& report);

}  // namespace mesomap
