#pragma once
// The trainee's work on a scenario: needles placed on the skin. Changed only through the
// commands below (via CommandHistory), so the app, scripted tests and the CLI share one path
// and every action can be undone.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/base/command_history.h"
#include "core/protocol/placed_point.h"

namespace mesomap {

class AttemptDocument {
 public:
  const std::vector<PlacedPoint>& points() const { return points_; }
  const PlacedPoint* find(uint32_t id) const;
  // Increases with every change, so views (overlays, panels) know when to refresh.
  uint64_t revision() const { return revision_; }

  // Low-level edits, used by the commands; callers go through AttemptHistory.
  uint32_t insert(const PlacedPoint& point, std::optional<size_t> index = std::nullopt);
  std::optional<std::pair<PlacedPoint, size_t>> erase(uint32_t id);
  PlacedPoint* findMutable(uint32_t id);
  void touch() { ++revision_; }

 private:
  std::vector<PlacedPoint> points_;
  uint32_t nextId_ = 1;
  uint64_t revision_ = 0;
};

using AttemptHistory = CommandHistory<AttemptDocument>;
using AttemptCommand = AttemptHistory::Command;

// The commands. Ids of added points are chosen by the document and reported by the command.
std::unique_ptr<AttemptCommand> addPointCommand(const glm::vec3& position, const glm::vec3& normal,
                                                const NeedleSettings& needle);
std::unique_ptr<AttemptCommand> removePointCommand(uint32_t id);
// Successive moves of one point within a gesture (a drag) undo as one step.
std::unique_ptr<AttemptCommand> movePointCommand(uint32_t id, const glm::vec3& position, const glm::vec3& normal);
// Successive edits of one point's needle within a gesture (a slider) undo as one step.
std::unique_ptr<AttemptCommand> setNeedleCommand(uint32_t id, const NeedleSettings& needle);
std::unique_ptr<AttemptCommand> clearPointsCommand();

}  // namespace mesomap
