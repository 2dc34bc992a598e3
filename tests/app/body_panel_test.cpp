// The Body window, in an ImGui context with no backend: what it shows, and that Reload asks to
// read the model again with the options set in it.
#include <functional>
#include <optional>

#include <gtest/gtest.h>

#include "app/body_panel.h"
#include "app_test_support.h"
#include "core/import/model_loader.h"

namespace mesomap::app {
namespace {

class BodyPanel : public ::testing::Test {
 protected:
  void SetUp() override { test_support::createHeadlessImGui(); }
  void TearDown() override { ImGui::DestroyContext(); }

  std::optional<LoadOptions> frame(ImVec2 mouse, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = mouse;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    auto request = drawBodyWindow(open, draft, body);
    ImGui::Render();
    return request;
  }

  std::optional<LoadOptions> clickReload() {
    const auto at = test_support::hoverOver([&](ImVec2 p) { frame(p, false); }, "Body",
                                            [](ImGuiWindow* w) { return w->GetIDNoKeepAlive("Reload"); });
    if (!at) return std::nullopt;
    frame(*at, true);
    return frame(*at, false);
  }

  bool open = true;
  BodyDraft draft;
  BodyDescription body{"base.obj", false, 13380, 26756, 20.74, "assumed metres", "+y", "from the body's shape",
                       {"base.obj: it is 20.74 m tall"}};
};

TEST_F(BodyPanel, ReloadAsksForTheHeightTheUnitsAndTheUpAxisSetInIt) {
  draft = draftFrom(LoadOptions{}, body.heightMetres);
  EXPECT_FALSE(draft.scaleToHeight);
  EXPECT_FLOAT_EQ(draft.heightMetres, 1.75f);  // a 20 m "body" is offered an adult's height
  const auto unchanged = clickReload();
  ASSERT_TRUE(unchanged);
  EXPECT_FALSE(unchanged->heightMetres);
  EXPECT_FALSE(unchanged->units);
  EXPECT_FALSE(unchanged->up);

  draft.scaleToHeight = true;
  draft.heightMetres = 1.80f;
  draft.up = 6;  // -z
  const auto scaled = clickReload();
  ASSERT_TRUE(scaled);
  ASSERT_TRUE(scaled->heightMetres);
  EXPECT_FLOAT_EQ(*scaled->heightMetres, 1.80f);
  ASSERT_TRUE(scaled->up);
  EXPECT_EQ(scaled->up->axis, 2);
  EXPECT_EQ(scaled->up->sign, -1);

  draft.scaleToHeight = false;
  draft.units = 2;  // centimetres
  const auto inCentimetres = clickReload();
  ASSERT_TRUE(inCentimetres && inCentimetres->units);
  EXPECT_EQ(*inCentimetres->units, LengthUnit::Centimetre);
  EXPECT_FALSE(inCentimetres->heightMetres);
}

TEST_F(BodyPanel, TheDraftShowsTheOptionsInForce) {
  LoadOptions options;
  options.heightMetres = 1.62f;
  options.units = LengthUnit::Millimetre;
  options.up = SignedAxis{0, -1};
  const BodyDraft shown = draftFrom(options, 1.62);
  EXPECT_TRUE(shown.scaleToHeight);
  EXPECT_EQ(shown.units, 1);
  EXPECT_EQ(shown.up, 2);  // -x
  const LoadOptions back = loadOptionsFrom(shown);
  EXPECT_EQ(*back.units, LengthUnit::Millimetre);
  EXPECT_EQ(back.up->axis, 0);
  EXPECT_EQ(back.up->sign, -1);
}

TEST_F(BodyPanel, APatientIsResizedInThePatientWindowNotHere) {
  body.isPatient = true;
  EXPECT_FALSE(clickReload());
}

}  // namespace
}  // namespace mesomap::app
