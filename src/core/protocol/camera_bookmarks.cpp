#include "core/protocol/camera_bookmarks.h"

#include <set>

#include "core/base/error.h"
#include "core/base/safe_write.h"

namespace mesomap {

std::vector<CameraBookmark> readCameraBookmarks(ObjectReader& r, const std::string& key) {
  std::vector<CameraBookmark> cameras;
  std::set<std::string> names;
  r.array(key, false, [&](ObjectReader& c, size_t) {
    CameraBookmark camera;
    camera.name = c.text("name");
    if (!camera.name.empty() && !names.insert(camera.name).second) c.problem("name", "'" + camera.name + "' is used twice");
    for (const char* preset : kCameraPresetNames)
      if (camera.name == preset) c.problem("name", "'" + camera.name + "' is a preset view; choose another name");
    camera.targetMm = c.vector("target_mm", true).value_or(glm::dvec3(0.0));
    camera.eyeMm = c.vector("eye_mm", false);
    const auto yaw = c.number("yaw_deg", false, -360.0, 360.0);
    const auto pitch = c.number("pitch_deg", false, -90.0, 90.0);
    const auto distance = c.number("distance_mm", false, 10.0, 10000.0);
    if (camera.eyeMm) {
      if (yaw || pitch || distance) c.problem("eye_mm", "give either eye_mm or yaw_deg, pitch_deg and distance_mm, not both");
      const double apart = glm::length(*camera.eyeMm - camera.targetMm);
      if (apart < 10.0) c.problem("eye_mm", formatNumber(apart) + " mm from target_mm (at least 10 mm)");
    } else if (c.valid()) {
      if (!yaw) c.problem("yaw_deg", "missing (give yaw_deg, pitch_deg and distance_mm, or eye_mm)");
      if (!distance) c.problem("distance_mm", "missing (give yaw_deg, pitch_deg and distance_mm, or eye_mm)");
    }
    camera.yawDeg = yaw.value_or(0.0);
    camera.pitchDeg = pitch.value_or(0.0);
    camera.distanceMm = distance.value_or(400.0);
    cameras.push_back(camera);
  });
  return cameras;
}

nlohmann::ordered_json cameraBookmarksToJson(const std::vector<CameraBookmark>& cameras) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const auto& c : cameras) {
    nlohmann::ordered_json e{{"name", c.name}, {"target_mm", {c.targetMm.x, c.targetMm.y, c.targetMm.z}}};
    if (c.eyeMm) {
      e["eye_mm"] = {c.eyeMm->x, c.eyeMm->y, c.eyeMm->z};
    } else {
      e["yaw_deg"] = c.yawDeg;
      e["pitch_deg"] = c.pitchDeg;
      e["distance_mm"] = c.distanceMm;
    }
    array.push_back(e);
  }
  return array;
}

UserCameraBookmarksReadResult parseUserCameraBookmarks(const std::string& text) {
  UserCameraBookmarksReadResult result;
  auto root = parseVersionedDocument(text, kCameraBookmarksFormatVersion, "a camera bookmarks", result.problems);
  if (!root) return result;
  UserCameraBookmarks bookmarks;
  {
    ObjectReader r(*root, "", result.problems);
    r.schemaReference();
    if (r.text("format") != "mesomap-camera-bookmarks")
      r.problem("format", "expected \"mesomap-camera-bookmarks\"");
    r.number("version", true, 1, kCameraBookmarksFormatVersion);
    if (const nlohmann::json* scenarios = r.field("scenarios", true)) {
      if (!scenarios->is_object()) {
        r.problem("scenarios", "expected an object of scenario id -> bookmarks");
      } else {
        ObjectReader each(*scenarios, "scenarios", result.problems);
        for (const auto& item : scenarios->items()) bookmarks.byScenario[item.key()] = readCameraBookmarks(each, item.key());
      }
    }
  }
  if (result.problems.empty()) result.bookmarks = std::move(bookmarks);
  return result;
}

UserCameraBookmarksReadResult readUserCameraBookmarks(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {UserCameraBookmarks{}, {}};
  return parseUserCameraBookmarks(readWholeFile(path, "camera bookmarks"));
}

void writeUserCameraBookmarks(const UserCameraBookmarks& bookmarks, const std::filesystem::path& path) {
  nlohmann::ordered_json j;
  j["format"] = "mesomap-camera-bookmarks";
  j["version"] = kCameraBookmarksFormatVersion;
  j["scenarios"] = nlohmann::ordered_json::object();
  for (const auto& [id, cameras] : bookmarks.byScenario)
    j["scenarios"][id] = cameraBookmarksToJson(cameras);  // empty too: the user deleted the shipped ones
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  writeFileAtomically(path, j.dump(2) + "\n");
}

}  // namespace mesomap
