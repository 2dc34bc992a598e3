#include "core/editing/attempt_document.h"

#include <algorithm>

namespace mesomap {

const PlacedPoint* AttemptDocument::find(uint32_t id) const {
  auto it = std::find_if(points_.begin(), points_.end(), [id](const PlacedPoint& p) { return p.id == id; });
  return it == points_.end() ? nullptr : &*it;
}

PlacedPoint* AttemptDocument::findMutable(uint32_t id) { return const_cast<PlacedPoint*>(find(id)); }

uint32_t AttemptDocument::insert(const PlacedPoint& point, std::optional<size_t> index) {
  PlacedPoint p = point;
  if (p.id == 0) p.id = nextId_++;
  nextId_ = std::max(nextId_, p.id + 1);
  size_t at = std::min(index.value_or(points_.size()), points_.size());
  points_.insert(points_.begin() + static_cast<std::ptrdiff_t>(at), p);
  ++revision_;
  return p.id;
}

std::optional<std::pair<PlacedPoint, size_t>> AttemptDocument::erase(uint32_t id) {
  auto it = std::find_if(points_.begin(), points_.end(), [id](const PlacedPoint& p) { return p.id == id; });
  if (it == points_.end()) return std::nullopt;
  std::pair<PlacedPoint, size_t> removed{*it, static_cast<size_t>(it - points_.begin())};
  points_.erase(it);
  ++revision_;
  return removed;
}

namespace {

class AddPoint : public AttemptCommand {
 public:
  explicit AddPoint(PlacedPoint point) : point_(std::move(point)) {}
  // Redo puts the point back with the same id, so later commands that name it still apply.
  void apply(AttemptDocument& d) override { point_.id = d.insert(point_); }
  void revert(AttemptDocument& d) override { d.erase(point_.id); }
  std::string label() const override { return "Place point " + std::to_string(point_.id); }

 private:
  PlacedPoint point_;
};

class RemovePoint : public AttemptCommand {
 public:
  explicit RemovePoint(uint32_t id) : id_(id) {}
  void apply(AttemptDocument& d) override { removed_ = d.erase(id_); }
  void revert(AttemptDocument& d) override {
    if (removed_) d.insert(removed_->first, removed_->second);
  }
  std::string label() const override { return "Delete point " + std::to_string(id_); }

 private:
  uint32_t id_;
  std::optional<std::pair<PlacedPoint, size_t>> removed_;
};

// Changing one aspect of a point (where it is, or its needle). Successive edits of the same
// point within a gesture fold into one, so a drag or a slider undoes in one step.
template <typename Value, Value (*Get)(const PlacedPoint&), void (*Set)(PlacedPoint&, const Value&)>
class EditPoint : public AttemptCommand {
 public:
  EditPoint(uint32_t id, Value to, const char* what) : id_(id), to_(std::move(to)), what_(what) {}
  void apply(AttemptDocument& d) override {
    if (PlacedPoint* p = d.findMutable(id_)) {
      if (!from_) from_ = Get(*p);
      Set(*p, to_);
      d.touch();
    }
  }
  void revert(AttemptDocument& d) override {
    if (PlacedPoint* p = d.findMutable(id_); p && from_) {
      Set(*p, *from_);
      d.touch();
    }
  }
  std::string label() const override { return std::string(what_) + " " + std::to_string(id_); }
  bool absorb(const AttemptCommand& next) override {
    auto* edit = dynamic_cast<const EditPoint*>(&next);
    if (!edit || edit->id_ != id_) return false;
    to_ = edit->to_;
    return true;
  }

 private:
  uint32_t id_;
  Value to_;
  const char* what_;
  std::optional<Value> from_;
};

struct SkinPlace {
  glm::vec3 position, normal;
};
SkinPlace getPlace(const PlacedPoint& p) { return {p.position, p.normal}; }
void setPlace(PlacedPoint& p, const SkinPlace& v) {
  p.position = v.position;
  p.normal = v.normal;
}
NeedleSettings getNeedle(const PlacedPoint& p) { return p.needle; }
void setNeedle(PlacedPoint& p, const NeedleSettings& v) { p.needle = v; }

using MovePoint = EditPoint<SkinPlace, getPlace, setPlace>;
using SetNeedle = EditPoint<NeedleSettings, getNeedle, setNeedle>;

class ClearPoints : public AttemptCommand {
 public:
  void apply(AttemptDocument& d) override {
    removed_ = d.points();
    for (const auto& p : removed_) d.erase(p.id);
  }
  void revert(AttemptDocument& d) override {
    for (const auto& p : removed_) d.insert(p);
  }
  std::string label() const override { return "Clear all points"; }

 private:
  std::vector<PlacedPoint> removed_;
};

}  // namespace

std::unique_ptr<AttemptCommand> addPointCommand(const glm::vec3& position, const glm::vec3& normal,
                                                const NeedleSettings& needle) {
  return std::make_unique<AddPoint>(PlacedPoint{0, position, normal, needle});
}
std::unique_ptr<AttemptCommand> removePointCommand(uint32_t id) { return std::make_unique<RemovePoint>(id); }
std::unique_ptr<AttemptCommand> movePointCommand(uint32_t id, const glm::vec3& position, const glm::vec3& normal) {
  return std::make_unique<MovePoint>(id, SkinPlace{position, normal}, "Move point");
}
std::unique_ptr<AttemptCommand> setNeedleCommand(uint32_t id, const NeedleSettings& needle) {
  return std::make_unique<SetNeedle>(id, needle, "Change needle of point");
}
std::unique_ptr<AttemptCommand> clearPointsCommand() { return std::make_unique<ClearPoints>(); }

}  // namespace mesomap
