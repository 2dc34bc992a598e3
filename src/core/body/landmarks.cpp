#include "core/body/landmarks.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/base/data_paths.h"
#include "core/base/error.h"
#include "core/base/json_reader.h"
#include "core/body/landmark_estimator.h"
#include "core/base/safe_write.h"
#include "core/body/landmark.h"
#include "core/base/strings.h"

namespace mesomap {

namespace {

struct PairedLandmark {
  const char* stem;       // "acromion" -> acromion_right, acromion_left
  const char* rightName;  // "Right acromion (lateral edge)"; the left name swaps the side word
};

std::string swapSide(std::string text) {
  for (auto [from, to] : {std::pair<const char*, const char*>{"Right", "Left"}, {"right", "left"}}) {
    const size_t at = text.find(from);
    if (at != std::string::npos) text.replace(at, std::string(from).size(), to);
  }
  return text;
}

// Built once: ids and names live as long as the program, so StandardLandmark can hold pointers.
struct StandardTable {
  std::vector<std::string> texts;
  std::vector<StandardLandmark> landmarks;

  StandardTable() {
    struct Entry {
      std::string id, name;
      BodySide side;
    };
    std::vector<Entry> entries;
    auto midline = [&](const char* id, const char* name) { entries.push_back({id, name, BodySide::Midline}); };
    auto paired = [&](PairedLandmark p) {
      entries.push_back({std::string(p.stem) + "_right", p.rightName, BodySide::Right});
      entries.push_back({std::string(p.stem) + "_left", swapSide(p.rightName), BodySide::Left});
    };
    // Head to feet; the ids the first scenarios used are kept.
    midline("C7_spinous", "C7 spinous process (vertebra prominens)");
    midline("sternal_notch", "Suprasternal (jugular) notch");
    paired({"acromion", "Right acromion (lateral edge)"});
    paired({"greater_tuberosity", "Right greater tuberosity of the humerus"});
    midline("T12_spinous", "T12 spinous process");
    midline("L1_spinous", "L1 spinous process");
    midline("L2_spinous", "L2 spinous process");
    midline("L3_spinous", "L3 spinous process");
    midline("umbilicus", "Umbilicus");
    midline("L4_spinous", "L4 spinous process");
    midline("L5_spinous", "L5 spinous process");
    paired({"iliac_crest", "Top of the right iliac crest"});
    paired({"psis", "Right posterior superior iliac spine (PSIS)"});
    paired({"lateral_epicondyle", "Right lateral epicondyle"});
    paired({"medial_epicondyle", "Right medial epicondyle"});
    paired({"olecranon", "Right olecranon"});
    paired({"patella_base", "Base of the right patella"});
    paired({"patella_apex", "Apex of the right patella"});
    paired({"medial_joint_line", "Medial joint line, right knee"});
    paired({"lateral_joint_line", "Lateral joint line, right knee"});
    paired({"tibial_tuberosity", "Right tibial tuberosity"});
    paired({"pes_anserine", "Right pes anserine insertion"});
    paired({"lateral_malleolus", "Right lateral malleolus"});
    paired({"medial_malleolus", "Right medial malleolus"});
    paired({"achilles_insertion", "Right Achilles insertion"});
    paired({"calcaneus", "Right calcaneus (posterior)"});
    texts.reserve(entries.size() * 2);
    for (const Entry& e : entries) {
      texts.push_back(e.id);
      texts.push_back(e.name);
    }
    for (size_t i = 0; i < entries.size(); ++i)
      landmarks.push_back({texts[2 * i].c_str(), texts[2 * i + 1].c_str(), entries[i].side});
  }
};

const StandardTable& table() {
  static const StandardTable t;
  return t;
}

size_t standardIndex(const std::string& id) {
  const auto& all = standardLandmarks();
  for (size_t i = 0; i < all.size(); ++i)
    if (id == all[i].id) return i;
  return all.size();
}

void sortStandard(std::vector<PlacedLandmark>& landmarks) {
  std::stable_sort(landmarks.begin(), landmarks.end(), [](const PlacedLandmark& a, const PlacedLandmark& b) {
    return standardIndex(a.landmark.id) < standardIndex(b.landmark.id);
  });
}

bool isEstimated(const PlacedLandmark& l) { return l.method.rfind("estimated", 0) == 0; }

}  // namespace

const std::vector<StandardLandmark>& standardLandmarks() { return table().landmarks; }

const StandardLandmark* findStandardLandmark(const std::string& id) {
  const size_t i = standardIndex(id);
  return i < standardLandmarks().size() ? &standardLandmarks()[i] : nullptr;
}

std::string suggestStandardLandmark(const std::string& id) {
  std::string best;
  size_t bestDistance = 3, ties = 0;
  for (const StandardLandmark& s : standardLandmarks()) {
    const size_t d = editDistance(toLower(id), toLower(s.id));
    if (d < bestDistance) {
      bestDistance = d;
      best = s.id;
      ties = 1;
    } else if (d == bestDistance) {
      ++ties;
    }
  }
  return ties == 1 ? best : "";
}

const Landmark* LandmarkSet::find(const std::string& id) const {
  for (const PlacedLandmark& l : landmarks)
    if (l.landmark.id == id) return &l.landmark;
  return nullptr;
}

size_t LandmarkSet::estimatedCount() const {
  return static_cast<size_t>(std::count_if(landmarks.begin(), landmarks.end(), isEstimated));
}

LandmarkSetReadResult parseLandmarkSet(const std::string& text) {
  using nlohmann::json;
  LandmarkSetReadResult result;
  // The reader boundary every format shares: any JSON failure (1e999 included) is a problem.
  auto parsed = parseVersionedDocument(text, kLandmarkFormatVersion, "a landmark", result.problems);
  if (!parsed) return result;
  const json& root = *parsed;
  auto& problems = result.problems;
  LandmarkSet set;
  {
    ObjectReader r(root, "", problems);
    r.schemaReference();
    const std::string format = r.text("format");
    if (!format.empty() && format != "mesomap-landmarks")
      r.problem("format", "'" + format + "' is not a mesomap landmark set (expected \"mesomap-landmarks\")");
    r.field("version", true);  // checked above
    r.text("body", false);
    r.text("description", false);
    std::set<std::string> ids;
    r.array("landmarks", true, [&](ObjectReader& l, size_t) {
      PlacedLandmark placed;
      placed.landmark.id = l.text("id");
      const StandardLandmark* standard = findStandardLandmark(placed.landmark.id);
      if (!placed.landmark.id.empty() && !standard) {
        const std::string hint = suggestStandardLandmark(placed.landmark.id);
        l.problem("id", "'" + placed.landmark.id + "' is not a standard landmark" +
                            (hint.empty() ? " (see docs/landmarks.md)" : " (did you mean '" + hint + "'?)"));
      }
      if (!placed.landmark.id.empty() && !ids.insert(placed.landmark.id).second)
        l.problem("id", "'" + placed.landmark.id + "' is used twice");
      placed.landmark.name = l.text("name", false);
      if (placed.landmark.name.empty() && standard) placed.landmark.name = standard->name;
      placed.landmark.positionMm = l.vector("position_mm", true).value_or(glm::dvec3(0.0));
      placed.method = l.text("method", false);
      set.landmarks.push_back(placed);
    });
  }
  result.set = std::move(set);
  return result;
}

LandmarkSetReadResult readLandmarkSet(const std::filesystem::path& path) {
  const std::string text = readWholeFile(path, "landmark set");
  if (text.empty()) {
    LandmarkSetReadResult result;
    result.problems.push_back({"", "file is empty (0 bytes)"});
    return result;
  }
  LandmarkSetReadResult result = parseLandmarkSet(text);
  if (result.set) result.set->source = path.string();
  return result;
}

std::string landmarkSetToJson(const LandmarkSet& set, const std::string& body, const std::string& description) {
  nlohmann::ordered_json j;
  j["format"] = "mesomap-landmarks";
  j["version"] = kLandmarkFormatVersion;
  j["body"] = body;
  if (!description.empty()) j["description"] = description;
  std::vector<PlacedLandmark> sorted = set.landmarks;
  sortStandard(sorted);
  j["landmarks"] = nlohmann::ordered_json::array();
  for (const PlacedLandmark& l : sorted) {
    // Tenths of a millimetre: finer than any landmark is known, and the file stays readable.
    auto tenth = [](double v) { return std::round(v * 10.0) / 10.0 + 0.0; };
    nlohmann::ordered_json e{{"id", l.landmark.id}, {"name", l.landmark.name}};
    e["position_mm"] = {tenth(l.landmark.positionMm.x), tenth(l.landmark.positionMm.y), tenth(l.landmark.positionMm.z)};
    if (!l.method.empty()) e["method"] = l.method;
    j["landmarks"].push_back(e);
  }
  return j.dump(2) + "\n";
}

void writeLandmarkSet(const LandmarkSet& set, const std::filesystem::path& path, const std::string& body,
                      const std::string& description) {
  writeFileAtomically(path, landmarkSetToJson(set, body, description));
}

std::filesystem::path defaultBodyLandmarksPath() {
  return requiredDataPath(kDefaultBodyLandmarksFile, "the default body's scenarios are graded on it");
}

const std::vector<Landmark>& defaultBodyLandmarkList() {
  // A missing file throws (and is looked for again next time); one with problems gives an empty
  // list, and scenarios naming standard landmarks then fail to resolve, saying why.
  static const std::vector<Landmark> list = [] {
    std::vector<Landmark> landmarks;
    LandmarkSetReadResult read = readLandmarkSet(defaultBodyLandmarksPath());
    if (read.ok())
      for (const PlacedLandmark& l : read.set->landmarks) landmarks.push_back(l.landmark);
    return landmarks;
  }();
  return list;
}

bool isDefaultBodyModel(const std::filesystem::path& modelPath) {
  std::error_code ec;
  const auto model = std::filesystem::weakly_canonical(modelPath, ec);
  const auto defaultModel = std::filesystem::weakly_canonical(MESOMAP_DEFAULT_MODEL, ec);
  return !model.empty() && model == defaultModel;
}

std::filesystem::path landmarkFileFor(const std::filesystem::path& modelPath) {
  if (isDefaultBodyModel(modelPath)) return defaultBodyLandmarksPath();
  return modelPath.parent_path() / (modelPath.stem().string() + ".landmarks.json");
}

LandmarkSet bodyLandmarks(const std::filesystem::path& modelPath, const Mesh& mesh, const Bvh& skin) {
  LandmarkSet set;
  const std::filesystem::path file = landmarkFileFor(modelPath);
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) {
    LandmarkSetReadResult read;
    try {
      read = readLandmarkSet(file);
    } catch (const Error& e) {
      read.problems.push_back({"", e.what()});
    }
    if (!read.ok()) {
      const Problem& first = read.problems.empty() ? Problem{"", "unreadable"} : read.problems.front();
      set.notes.push_back("landmark file " + quoted(file) + " not used: " + formatProblem(file.string(), first) +
                          " (mesomap landmarks --model shows every problem)");
    } else {
      // A file made for another body (or another --units / --up) does not lie on this skin.
      for (const PlacedLandmark& l : read.set->landmarks) {
        auto hit = skin.closestPoint(glm::vec3(l.landmark.positionMm * 0.001), PartFilter::Skin);
        const double offMm = hit ? hit->distance * 1000.0 : 1e9;
        if (offMm > kMaxOffSkinMm) {
          std::ostringstream s;
          s.precision(1);
          s << std::fixed << offMm;
          set.notes.push_back("landmark file " + quoted(file) + " not used: '" + l.landmark.id + "' lies " + s.str() +
                              " mm from this body's skin (a file for another body, or other --units/--up)");
          break;
        }
      }
      if (set.notes.empty()) set = std::move(*read.set);
    }
  }
  size_t missing = 0;
  for (const StandardLandmark& s : standardLandmarks())
    if (!set.find(s.id)) ++missing;
  if (missing > 0) {
    LandmarkSet estimate = estimateLandmarks(mesh, skin);
    for (const PlacedLandmark& l : estimate.landmarks)
      if (!set.find(l.landmark.id)) set.landmarks.push_back(l);
    set.notes.insert(set.notes.end(), estimate.notes.begin(), estimate.notes.end());
    set.notes.push_back(std::to_string(missing) + " of " + std::to_string(standardLandmarks().size()) +
                        " standard landmarks estimated from the body's proportions (docs/landmarks.md gives their accuracy)");
    set.source = set.source.empty() ? "estimated from the body's proportions" : set.source + " + estimates";
  }
  sortStandard(set.landmarks);
  return set;
}

}  // namespace mesomap
