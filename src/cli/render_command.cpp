// `mesomap render`: a PNG of the scene with no display (EGL), through the app's renderer.
// With --reference it also compares with a baseline, like a rendering test (f3d-style).
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/image_comparison.h"
#include "cli/overlay_file.h"
#include "core/bvh.h"
#include "core/camera.h"
#include "core/error.h"
#include "core/image.h"
#include "core/landmark_estimator.h"
#include "core/landmarks.h"
#include "core/model_loader.h"
#include "core/scenario.h"
#include "core/scenario_overlay.h"
#include "render/gl_context.h"
#include "render/scene_renderer.h"

namespace mesomap::cli {

namespace {

// "#rrggbb" -> sRGB colour in 0..1.
std::optional<glm::vec3> parseHexColor(const std::string& text) {
  unsigned r = 0, g = 0, b = 0;
  char extra = 0;
  if (text.size() != 7 || std::sscanf(text.c_str(), "#%2x%2x%2x%c", &r, &g, &b, &extra) != 3) return std::nullopt;
  return glm::vec3(r, g, b) / 255.0f;
}

// --background gradient | transparent | #rrggbb | #top,#bottom
render::SceneStyle parseBackground(const std::string& text, render::SceneStyle style) {
  if (text == "gradient") return style;
  if (text == "transparent") {
    style.background = render::Background::Transparent;
    return style;
  }
  const auto comma = text.find(',');
  auto top = parseHexColor(text.substr(0, comma));
  auto bottom = comma == std::string::npos ? top : parseHexColor(text.substr(comma + 1));
  if (!top || !bottom) {
    throw Error(ErrorKind::Usage, "option --background: '" + text +
                                      "' is not gradient, transparent, #rrggbb or #rrggbb,#rrggbb (top, bottom)");
  }
  style.backgroundTopSrgb = *top;
  style.backgroundBottomSrgb = *bottom;
  return style;
}

// --overlay labels,scale-bar (comma-separated layers; "none" for a bare body).
render::SceneStyle parseOverlayLayers(const std::string& text, render::SceneStyle style) {
  style.labels = style.scaleBar = false;
  if (text == "none") return style;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find(',', start), text.size());
    const std::string layer = text.substr(start, end - start);
    if (layer == "labels") style.labels = true;
    else if (layer == "scale-bar") style.scaleBar = true;
    else throw Error(ErrorKind::Usage, "option --overlay: unknown layer '" + layer + "' (known: labels, scale-bar, none)");
    start = end + 1;
  }
  return style;
}

// The body's landmark set; what the user should know about it (estimates, a file set aside)
// goes to stderr, as the loader's warnings do.
LandmarkSet bodyLandmarksWithNotes(const LoadedModel& model, const Bvh& skin) {
  LandmarkSet set = bodyLandmarks(model.path, model.mesh, skin);
  for (const std::string& note : set.notes) std::fprintf(stderr, "mesomap: note: %s\n", note.c_str());
  return set;
}

}  // namespace

int runRender(const std::vector<std::string>& args) {
  Arguments a(args,
              {"--out", "--model", "--view", "--size", "--samples", "--units", "--up", "--reference",
               "--reference-threshold", "--markers", "--look-at", "--distance", "--background", "--overlay", "--scenario",
               "--landmarks"},
              {"--verbose"});
  if (!a.positional().empty()) throw Error(ErrorKind::Usage, "render: unexpected argument '" + a.positional()[0] + "'");
  auto out = a.value("--out");
  if (!out) throw Error(ErrorKind::Usage, "render: --out FILE.png is required");
  ViewPreset view = ViewPreset::Front;
  if (auto name = a.value("--view")) {
    auto parsed = parseViewPreset(*name);
    if (!parsed) throw Error(ErrorKind::Usage, "option --view: '" + *name + "' is not front, back, left, right or top");
    view = *parsed;
  }
  auto [width, height] = a.size("--size").value_or(std::make_pair(1200, 1600));
  int samples = static_cast<int>(a.number("--samples", 1, 16).value_or(8));
  double threshold = a.number("--reference-threshold", 0.0, 1.0).value_or(0.005);

  auto start = std::chrono::steady_clock::now();
  LoadedModel model = loadModel(a.value("--model").value_or(MESOMAP_DEFAULT_MODEL), a.loadOptions());
  for (const auto& warning : model.normalization.warnings) std::fprintf(stderr, "mesomap: warning: %s\n", warning.c_str());
  auto context = render::createHeadlessContext();
  render::SceneRenderer renderer;
  renderer.setMesh(model.mesh);
  render::SceneStyle style = renderer.style();
  if (auto background = a.value("--background")) style = parseBackground(*background, style);
  if (auto overlay = a.value("--overlay")) style = parseOverlayLayers(*overlay, style);
  renderer.setStyle(style);
  Overlay overlay;
  if (auto markers = a.value("--markers")) overlay = readOverlayFile(*markers);
  std::optional<Bvh> skin;  // built only when something is drawn on the body
  OrbitCamera camera;
  camera.setPreset(view);
  camera.frame(model.mesh.bounds(), static_cast<float>(width) / height);
  if (auto scenarioPath = a.value("--scenario")) {
    Scenario scenario = readValidScenario(*scenarioPath);
    skin = Bvh::build(model.mesh);
    useBodyLandmarks(scenario, bodyLandmarksWithNotes(model, *skin));
    const Overlay drawn = scenarioOverlay(scenario, *skin);
    overlay.markers.insert(overlay.markers.end(), drawn.markers.begin(), drawn.markers.end());
    overlay.needles.insert(overlay.needles.end(), drawn.needles.begin(), drawn.needles.end());
    // Frame the scenario's region, with a margin of skin around it.
    Bounds region = scenarioBounds(scenario, *skin);
    if (!region.empty()) {
      region.grow(region.min - glm::vec3(0.05f));
      region.grow(region.max + glm::vec3(0.05f));
      camera.frame(region, static_cast<float>(width) / height);
    }
  }
  if (auto which = a.value("--landmarks")) {
    if (*which != "body" && *which != "estimated" && *which != "both")
      throw Error(ErrorKind::Usage, "option --landmarks: '" + *which + "' is not body, estimated or both");
    if (!skin) skin = Bvh::build(model.mesh);
    // The body's set (hand-placed where it has one) in grey with labels, estimates in orange.
    if (*which != "estimated") {
      for (const PlacedLandmark& l : bodyLandmarksWithNotes(model, *skin).landmarks)
        overlay.markers.push_back({glm::vec3(l.landmark.positionMm * 0.001), 0.003f, {0.35f, 0.38f, 0.42f}, l.landmark.id});
    }
    if (*which != "body") {
      for (const PlacedLandmark& l : estimateLandmarks(model.mesh, *skin).landmarks)
        overlay.markers.push_back({glm::vec3(l.landmark.positionMm * 0.001), 0.0025f, {0.95f, 0.50f, 0.10f},
                                   *which == "both" ? "" : l.landmark.id});
    }
  }
  // Close-ups: aim at a point (mm, body frame) from the chosen side.
  if (auto lookAt = a.value("--look-at")) {
    float x = 0, y = 0, z = 0;
    char extra = 0;
    if (std::sscanf(lookAt->c_str(), "%f,%f,%f%c", &x, &y, &z, &extra) != 3)
      throw Error(ErrorKind::Usage, "option --look-at: '" + *lookAt + "' is not X,Y,Z in millimetres");
    camera.target = glm::vec3(x, y, z) * 0.001f;
    camera.distance = static_cast<float>(a.number("--distance", 10.0, 100000.0).value_or(400.0)) * 0.001f;
  } else if (auto distance = a.number("--distance", 10.0, 100000.0)) {
    camera.distance = static_cast<float>(*distance) * 0.001f;
  }
  if (!overlay.empty()) {
    if (!skin) skin = Bvh::build(model.mesh);
    hideOccludedLabels(overlay, camera.eye(), *skin);
    renderer.setOverlay(overlay);
  }
  Image image = renderer.renderImage(camera, width, height, samples);
  writePng(image, *out);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (a.flag("--verbose")) {
    std::printf("%s: %dx%d, %s view, %zu triangles, %s, %.3f s\n", out->c_str(), width, height, toString(view),
                model.mesh.triangleCount(), context->description().c_str(), seconds);
  }
  if (auto reference = a.value("--reference")) return compareWithReference(image, *out, *reference, threshold);
  return 0;
}

int runInfo(const std::vector<std::string>& args) {
  Arguments a(args, {"--model", "--units", "--up"}, {});
  LoadedModel model = loadModel(a.value("--model").value_or(MESOMAP_DEFAULT_MODEL), a.loadOptions());
  const auto& n = model.normalization;
  Bounds b = model.mesh.bounds();
  std::printf("model:      %s\n", model.path.c_str());
  std::printf("vertices:   %zu (%zu merged at seams)\n", model.mesh.vertexCount(), model.weldedVertices);
  std::printf("triangles:  %zu\n", model.mesh.triangleCount());
  for (const auto& part : model.mesh.parts)
    std::printf("  part %-28s %7u triangles%s\n", ("'" + part.name + "'").c_str(), part.triangleCount,
                part.isSkin ? "  skin" : "  (not skin: drawn, never picked)");
  std::printf("height:     %.3f m\n", n.heightMetres);
  std::printf("bounds:     (%.3f, %.3f, %.3f) .. (%.3f, %.3f, %.3f) m\n", b.min.x, b.min.y, b.min.z, b.max.x, b.max.y,
              b.max.z);
  std::printf("units:      x%g to metres, %s\n", n.scale, n.unitsSource.c_str());
  std::printf("up axis:    %s, %s\n", toString(n.up).c_str(), n.upSource.c_str());
  std::printf("front:      %s\n", toString(n.front).c_str());
  std::printf("load time:  %.1f ms\n", model.loadSeconds * 1000.0);
  for (const auto& warning : n.warnings) std::printf("warning:    %s\n", warning.c_str());
  return 0;
}

}  // namespace mesomap::cli
