#include "app/theme.h"

#include <string>

#include <imgui.h>
#include <imgui_freetype.h>

#include "render/text_renderer.h"

namespace mesomap::app {

std::string setUpFontsAndTheme(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  // FreeType reads Inter's OpenType (CFF) outlines, which stb_truetype cannot.
  io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  std::string used = render::findUiFont(render::FontWeight::Regular);
  ImFontConfig config;
  config.OversampleH = 1;  // FreeType hinting makes oversampling unnecessary
  // Latin-1 and Latin Extended-A (trainees' and authors' names: "Müller", "Dvořák"), the same
  // as pictures (render/text_renderer.cpp), plus the typography of feedback lines: en and em
  // dashes, bullet, minus, approximately, at most/at least.
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2013, 0x2014, 0x2022, 0x2022,
                                   0x2212, 0x2212, 0x2248, 0x2248, 0x2264, 0x2265, 0};
  if (used.empty() || !io.Fonts->AddFontFromFileTTF(used.c_str(), 15.0f * scale, &config, ranges)) used.clear();
  if (used.empty()) io.Fonts->AddFontDefault();
  // A larger weight of the same face for headlines (the score); Fonts[1].
  if (!used.empty()) {
    const std::string bold = render::findUiFont(render::FontWeight::Medium);
    io.Fonts->AddFontFromFileTTF((bold.empty() ? used : bold).c_str(), 24.0f * scale, &config, ranges);
  }

  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 6.0f;
  style.FrameRounding = 4.0f;
  style.PopupRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.WindowPadding = ImVec2(10, 10);
  style.FramePadding = ImVec2(8, 4);
  style.ItemSpacing = ImVec2(8, 6);
  style.WindowBorderSize = 0.0f;
  style.PopupBorderSize = 1.0f;
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 0.96f);
  c[ImGuiCol_PopupBg] = ImVec4(0.98f, 0.98f, 0.99f, 0.98f);
  c[ImGuiCol_MenuBarBg] = ImVec4(0.95f, 0.96f, 0.97f, 0.94f);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.20f, 0.45f, 0.55f, 1.0f);
  c[ImGuiCol_Header] = ImVec4(0.20f, 0.52f, 0.62f, 0.25f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.20f, 0.52f, 0.62f, 0.40f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.20f, 0.52f, 0.62f, 0.55f);
  c[ImGuiCol_Button] = ImVec4(0.20f, 0.52f, 0.62f, 0.18f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.20f, 0.52f, 0.62f, 0.38f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.20f, 0.52f, 0.62f, 0.60f);
  c[ImGuiCol_CheckMark] = ImVec4(0.12f, 0.42f, 0.52f, 1.0f);
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.1f, 0.12f, 0.15f, 0.35f);
  style.ScaleAllSizes(scale);
  return used;
}

}  // namespace mesomap::app
