#include <gtest/gtest.h>

#include "core/editing/attempt_document.h"

namespace mesomap {
namespace {

struct Session {
  AttemptDocument document;
  AttemptHistory history;
  void run(std::unique_ptr<AttemptCommand> c) { history.execute(document, std::move(c)); }
};

std::vector<uint32_t> ids(const AttemptDocument& d) {
  std::vector<uint32_t> result;
  for (const auto& p : d.points()) result.push_back(p.id);
  return result;
}

TEST(AttemptDocument, PlaceUndoRedoKeepsIds) {
  Session s;
  s.run(addPointCommand({0, 1, 0}, {0, 0, 1}, {}));
  s.history.endGesture();
  s.run(addPointCommand({0, 1.1f, 0}, {0, 0, 1}, {}));
  EXPECT_EQ(ids(s.document), (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(s.history.undoLabel(), "Place point 2");
  ASSERT_TRUE(s.history.undo(s.document));
  EXPECT_EQ(ids(s.document), (std::vector<uint32_t>{1}));
  ASSERT_TRUE(s.history.redo(s.document));
  EXPECT_EQ(ids(s.document), (std::vector<uint32_t>{1, 2}));
  EXPECT_FALSE(s.history.canRedo());
}

TEST(AttemptDocument, DeleteRestoresThePointWhereItWas) {
  Session s;
  for (int i = 0; i < 3; ++i) {
    s.run(addPointCommand({0, 1 + 0.1f * i, 0}, {0, 0, 1}, {}));
    s.history.endGesture();
  }
  s.run(removePointCommand(2));
  EXPECT_EQ(ids(s.document), (std::vector<uint32_t>{1, 3}));
  s.history.undo(s.document);
  EXPECT_EQ(ids(s.document), (std::vector<uint32_t>{1, 2, 3}));
  EXPECT_FLOAT_EQ(s.document.find(2)->position.y, 1.1f);
}

TEST(AttemptDocument, ADragIsOneUndoStep) {
  Session s;
  s.run(addPointCommand({0, 1, 0}, {0, 0, 1}, {}));
  s.history.endGesture();
  for (int step = 1; step <= 10; ++step) s.run(movePointCommand(1, {0.01f * step, 1, 0}, {0, 0, 1}));
  s.history.endGesture();
  EXPECT_FLOAT_EQ(s.document.find(1)->position.x, 0.10f);
  EXPECT_EQ(s.history.undoDepth(), 2u);  // place + one drag
  s.history.undo(s.document);
  EXPECT_FLOAT_EQ(s.document.find(1)->position.x, 0.0f);
  s.history.redo(s.document);
  EXPECT_FLOAT_EQ(s.document.find(1)->position.x, 0.10f);
}

TEST(AttemptDocument, SeparateGesturesAreSeparateSteps) {
  Session s;
  s.run(addPointCommand({0, 1, 0}, {0, 0, 1}, {}));
  s.history.endGesture();
  NeedleSettings steep;
  steep.angles.angleDegrees = 60.0f;
  s.run(setNeedleCommand(1, steep));
  s.history.endGesture();
  NeedleSettings deep = steep;
  deep.insertedLength = 0.013f;
  s.run(setNeedleCommand(1, deep));
  s.history.undo(s.document);
  EXPECT_FLOAT_EQ(s.document.find(1)->needle.angles.angleDegrees, 60.0f);
  EXPECT_FLOAT_EQ(s.document.find(1)->needle.insertedLength, NeedleSettings{}.insertedLength);
  s.history.undo(s.document);
  EXPECT_FLOAT_EQ(s.document.find(1)->needle.angles.angleDegrees, NeedleSettings{}.angles.angleDegrees);
}

TEST(AttemptDocument, ClearAllUndoesToTheSamePoints) {
  Session s;
  for (int i = 0; i < 4; ++i) {
    s.run(addPointCommand({0.01f * i, 1, 0}, {0, 0, 1}, {}));
    s.history.endGesture();
  }
  s.run(clearPointsCommand());
  EXPECT_TRUE(s.document.points().empty());
  s.history.undo(s.document);
  EXPECT_EQ(ids(s.document), (std::vector<uint32_t>{1, 2, 3, 4}));
}

TEST(AttemptDocument, NewActionAfterUndoDropsTheRedoList) {
  Session s;
  s.run(addPointCommand({0, 1, 0}, {0, 0, 1}, {}));
  s.history.endGesture();
  s.history.undo(s.document);
  s.run(addPointCommand({0, 1.2f, 0}, {0, 0, 1}, {}));
  EXPECT_FALSE(s.history.canRedo());
  EXPECT_EQ(s.document.points().size(), 1u);
}

TEST(AttemptDocument, RevisionTracksEveryChange) {
  Session s;
  uint64_t r0 = s.document.revision();
  s.run(addPointCommand({0, 1, 0}, {0, 0, 1}, {}));
  uint64_t r1 = s.document.revision();
  EXPECT_GT(r1, r0);
  s.history.undo(s.document);
  EXPECT_GT(s.document.revision(), r1);
}

}  // namespace
}  // namespace mesomap
