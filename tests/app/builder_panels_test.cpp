// The scenario builder's panels in an ImGui context with no backend: the mouse moves and
// clicks through io, the panels answer with actions, and the builder carries them out on its
// model, undo included.
#include <gtest/gtest.h>

#include <imgui.h>
#include <imgui_internal.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include <GLFW/glfw3.h>

#include "app/builder_panels.h"
#include "app/scenario_builder.h"
#include "app_test_support.h"

namespace mesomap::app {
namespace {

const std::filesystem::path kLibrary = std::filesystem::path(MESOMAP_ASSET_DIR) / "scenarios";
const std::filesystem::path kKnee = kLibrary / "knee_osteoarthritis_right.json";

using Draw = std::function<BuilderActions()>;

class BuilderPanels : public ::testing::Test {
 protected:
  void SetUp() override {
    test_support::createHeadlessImGui();

    const auto data =
        test_support::freshDirectory("builder_panels", testing::UnitTest::GetInstance()->current_test_info()->name());
    std::vector<std::string> problems;
    builder_.emplace(kLibrary, readScenarioLibrary(kLibrary, problems), data);
    builder_->setBody(test_support::defaultBody());
    builder_->openFile(kKnee);
    ASSERT_EQ(builder_->path(), kKnee) << builder_->model().message();
  }
  void TearDown() override {
    builder_.reset();
    ImGui::DestroyContext();
  }

  // One frame: the mouse where given, the panel drawn; returns what the panel asked for.
  static BuilderActions frame(const Draw& draw, ImVec2 mouse, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = mouse;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    BuilderActions actions = draw();
    ImGui::Render();
    return actions;
  }

  // Moves the mouse over window `window` until item `id` is hovered; where, or nothing.
  static std::optional<ImVec2> find(const Draw& draw, const char* window,
                                    const std::function<ImGuiID(ImGuiWindow*)>& id) {
    return test_support::hoverOver([&](ImVec2 p) { frame(draw, p, false); }, window, id);
  }

  // Clicks the item: press, then release; what the panel asked for over both frames.
  static BuilderActions click(const Draw& draw, ImVec2 at) {
    BuilderActions actions = frame(draw, at, true);
    for (BuilderAction& a : frame(draw, at, false)) actions.push_back(std::move(a));
    return actions;
  }

  static const BuilderAction* first(const BuilderActions& actions, BuilderAction::Kind kind) {
    for (const BuilderAction& a : actions)
      if (a.kind == kind) return &a;
    return nullptr;
  }

  // The id of an item in the builder window's tab `tab`, as ImGui builds it.
  static ImGuiID inTab(ImGuiWindow* w, const char* tab, const std::string& label, const char* table = nullptr) {
    ImGuiID seed = ImHashStr(tab, 0, w->GetIDNoKeepAlive("builder tabs"));
    if (table) seed = ImHashStr(table, 0, seed);
    return ImHashStr(label.c_str(), 0, seed);
  }

  const char* builderWindow() const { return "###builder"; }

  std::optional<ScenarioBuilder> builder_;
};

TEST_F(BuilderPanels, ClickingAPointRowAsksToSelectItAndTheBuilderFocusesIt) {
  BuilderUi ui;
  ui.tab = kPointsTab;
  const Draw draw = [&] { return drawBuilderWindow(builder_->model(), ui, 0.0f); };
  const size_t row = 2;
  const std::string label = builder_->scenario().points[row].id + "##pt" + std::to_string(row);
  const auto at = find(draw, builderWindow(), [&](ImGuiWindow* w) { return inTab(w, "Points", label, "points"); });
  ASSERT_TRUE(at) << "no row " << label << " in the points table";
  const BuilderActions actions = click(draw, *at);
  const BuilderAction* select = first(actions, BuilderAction::Kind::Select);
  ASSERT_NE(select, nullptr);
  EXPECT_EQ(select->item, ItemKind::Point);
  EXPECT_EQ(select->index, row);
  EXPECT_FALSE(select->add);

  // Carried out: the point is the one edited, and the camera is asked to look at it.
  builder_->apply(*select);
  EXPECT_EQ(builder_->ui().selection.kind, ItemKind::Point);
  EXPECT_EQ(builder_->ui().selection.index, row);
  EXPECT_EQ(builder_->ui().selectedPoints, std::set<size_t>{row});
  const auto focus = builder_->takeFocus();
  ASSERT_TRUE(focus);
  EXPECT_EQ(*focus, *builder_->model().positionOf(ItemKind::Point, row));
}

TEST_F(BuilderPanels, DraggingTheToleranceEditsThePointAndUndoesInOneStep) {
  const size_t index = 1;
  builder_->apply([&] {
    BuilderAction a;
    a.kind = BuilderAction::Kind::Select;
    a.item = ItemKind::Point;
    a.index = index;
    return a;
  }());
  const double before = builder_->scenario().points[index].toleranceMm;
  const size_t pointCount = builder_->scenario().points.size();
  BuilderUi ui = builder_->ui();
  ui.tab = kPointsTab;
  // As the app does: each frame's actions are carried out before the next frame.
  BuilderActions seen;
  const Draw draw = [&] {
    BuilderActions actions = drawBuilderWindow(builder_->model(), ui, 0.0f);
    for (const BuilderAction& a : actions) {
      if (a.kind != BuilderAction::Kind::TabShown) builder_->apply(a);
      seen.push_back(a);
    }
    return actions;
  };
  const auto at = find(draw, builderWindow(), [&](ImGuiWindow* w) { return inTab(w, "Points", "Tolerance mm"); });
  ASSERT_TRUE(at) << "no tolerance field";
  seen.clear();
  frame(draw, *at, true);
  for (int step = 1; step <= 4; ++step) frame(draw, ImVec2(at->x + 10.0f * float(step), at->y), true);
  frame(draw, ImVec2(at->x + 40.0f, at->y), false);

  const BuilderAction* edit = first(seen, BuilderAction::Kind::EditPoint);
  ASSERT_NE(edit, nullptr) << "the drag asked for no edit";
  EXPECT_EQ(edit->index, index);
  const double after = builder_->scenario().points[index].toleranceMm;
  EXPECT_GT(after, before + 5.0);       // 40 pixels at half a millimetre each, less the drag threshold
  EXPECT_EQ(after, std::round(after));  // whole millimetres
  EXPECT_EQ(builder_->scenario().points.size(), pointCount);
  EXPECT_TRUE(builder_->dirty());

  builder_->update(false);  // the drag is over: its edits are one step
  builder_->apply([] {
    BuilderAction a;
    a.kind = BuilderAction::Kind::Undo;
    return a;
  }());
  EXPECT_EQ(builder_->scenario().points[index].toleranceMm, before);
  EXPECT_FALSE(builder_->model().history().canUndo());  // the whole drag was one step
}

TEST_F(BuilderPanels, ClickingAProblemSelectsItsItemOnItsTab) {
  builder_->execute(editScenarioCommand("Same id", [](Scenario& s) { s.points[2].id = s.points[0].id; }));
  builder_->model().update(false);  // the reader's checks need no body: at once
  ASSERT_FALSE(builder_->problems().empty());
  const Draw draw = [&] { return drawValidationWindow(builder_->model()); };
  const auto at = find(draw, "Validation", [](ImGuiWindow* w) { return w->GetIDNoKeepAlive("##problem0"); });
  ASSERT_TRUE(at);
  const BuilderActions actions = click(draw, *at);
  const BuilderAction* chosen = first(actions, BuilderAction::Kind::SelectProblem);
  ASSERT_NE(chosen, nullptr);
  EXPECT_EQ(chosen->index, 0u);

  builder_->apply(*chosen);
  EXPECT_EQ(builder_->ui().selection.kind, ItemKind::Point);
  EXPECT_EQ(builder_->ui().selection.index, 2u);
  EXPECT_EQ(builder_->ui().tab, kPointsTab);
}

TEST_F(BuilderPanels, DeleteRemovesTheSelectedZoneAndEscapeLeavesThePaintTool) {
  const size_t zones = builder_->scenario().zones.size();
  ASSERT_GT(zones, 0u);
  BuilderActions ask(2);
  ask[0].kind = BuilderAction::Kind::Select;
  ask[0].item = ItemKind::Zone;
  ask[1].kind = BuilderAction::Kind::SetTool;
  ask[1].tool = BuilderTool::Paint;
  for (const BuilderAction& a : ask) builder_->apply(a);
  EXPECT_EQ(builder_->ui().tool, BuilderTool::Paint);

  // Keys reach the builder through handleInput, which needs a camera and a frame.
  const OrbitCamera camera;
  ImGui::NewFrame();
  builder_->handleInput(camera, 1400, 900, {KeyPress{GLFW_KEY_ESCAPE, 0, false}});
  EXPECT_EQ(builder_->ui().tool, BuilderTool::Select);
  EXPECT_EQ(builder_->ui().selection.kind, ItemKind::Zone);  // the first Escape leaves the tool only
  builder_->handleInput(camera, 1400, 900, {KeyPress{GLFW_KEY_DELETE, 0, false}});
  ImGui::Render();
  EXPECT_EQ(builder_->scenario().zones.size(), zones - 1);
  EXPECT_EQ(builder_->ui().selection.kind, ItemKind::None);
}

}  // namespace
}  // namespace mesomap::app
