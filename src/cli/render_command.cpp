// `mesomap render`: a PNG of the scene with no display (EGL), through the app's renderer.
// With --reference it also compares with a baseline, like a rendering test (f3d-style).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>

#include "cli/arguments.h"
#include "cli/body_arguments.h"
#include "cli/commands.h"
#include "cli/image_comparison.h"
#include "cli/overlay_file.h"
#include "core/body/body_regions.h"
#include "core/geometry/bvh.h"
#include "core/geometry/camera.h"
#include "core/base/error.h"
#include "core/body/human_check.h"
#include "core/geometry/geodesic.h"
#include "core/patient/patient_body.h"
#include "core/protocol/attempt.h"
#include "core/view/attempt_overlay.h"
#include "core/base/image.h"
#include "core/base/strings.h"
#include "core/body/landmark_estimator.h"
#include "core/body/landmarks.h"
#include "core/protocol/scenario_landmarks.h"
#include "core/import/model_loader.h"
#include "core/protocol/scenario.h"
#include "core/view/scenario_camera.h"
#include "core/view/scenario_overlay.h"
#include "core/view/scenario_zones.h"
#include "core/view/skin_section.h"
#include "render/gl_context.h"
#include "render/scene_renderer.h"
#include "render/skin_section_figure.h"
#include "core/base/utf8_path.h"

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

// What --overlay draws. Scene layers (reference, zones, landmarks) say what of a scenario is on
// the body; annotation layers (labels, legend, scale-bar) what is written over the picture.
struct OverlayLayers {
  bool reference = true, zones = true, landmarks = true;
  bool labels = true, legend = false, scaleBar = false;
};

// --overlay LAYER,LAYER... or none. A list that names no scene layer keeps all of them, so
// "labels,scale-bar" decorates the whole scene as it always has.
OverlayLayers parseOverlayLayers(const std::string& text) {
  OverlayLayers layers;
  layers.reference = layers.zones = layers.landmarks = layers.labels = false;
  if (text == "none") return layers;
  bool anySceneLayer = false;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find(',', start), text.size());
    const std::string layer = text.substr(start, end - start);
    bool* flag = layer == "reference"   ? &layers.reference
                 : layer == "zones"     ? &layers.zones
                 : layer == "landmarks" ? &layers.landmarks
                 : layer == "labels"    ? &layers.labels
                 : layer == "legend"    ? &layers.legend
                 : layer == "scale-bar" ? &layers.scaleBar
                                        : nullptr;
    if (!flag)
      throw Error(ErrorKind::Usage, "option --overlay: unknown layer '" + layer +
                                        "' (known: reference, zones, landmarks, labels, legend, scale-bar, none)");
    *flag = true;
    anySceneLayer = anySceneLayer || flag == &layers.reference || flag == &layers.zones || flag == &layers.landmarks;
    start = end + 1;
  }
  if (!anySceneLayer) layers.reference = layers.zones = layers.landmarks = true;
  return layers;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

// --camera NAME: a preset view, "region" (the scenario's points from the side they face), or a
// bookmark stored in the scenario file. `scenario` may be null.
OrbitCamera cameraFromOption(const std::string& name, const Scenario* scenario, const std::string& scenarioName,
                             const Mesh& mesh, const Bvh* skin, float aspect) {
  OrbitCamera camera;
  if (auto preset = parseViewPreset(name)) {
    camera.setPreset(*preset);
    if (!scenario || !frameScenario(camera, *scenario, *skin, aspect)) camera.frame(mesh.bounds(), aspect);
    return camera;
  }
  if (!scenario && name == "region") throw Error(ErrorKind::Usage, "option --camera: 'region' needs --scenario FILE.json");
  if (!scenario) {
    throw Error(ErrorKind::Usage, "option --camera: '" + name +
                                      "' is not front, back, left, right or top (region and bookmarks need --scenario)");
  }
  if (name == "region") {
    if (auto region = regionCamera(*scenario, *skin, aspect)) return *region;
    throw Error(ErrorKind::InvalidInput, "option --camera: no point of " + scenarioName + " can be placed on this body");
  }
  if (const CameraBookmark* bookmark = scenario->findCamera(name)) return cameraFromBookmark(*bookmark);
  std::vector<std::string> names;
  for (const CameraBookmark& c : scenario->cameras) names.push_back("'" + c.name + "'");
  throw Error(ErrorKind::Usage, "option --camera: '" + name + "' is not a preset (front, back, left, right, top, region) or a camera of " +
                                    scenarioName + (names.empty() ? " (it has none)" : " (cameras: " + joined(names) + ")"));
}

// `mesomap render --section POINT`: the skin at one reference point, to scale.
Image renderSection(const Scenario& scenario, const std::string& scenarioName, const std::string& pointId,
                    const Mesh& mesh, const Bvh& skin, int width, int height, int samples,
                    const std::optional<glm::vec3>& paper) {
  const BodyRegionMap regions(mesh);
  std::string problem;
  const auto section = skinSection(scenario, *findPoint(scenario, pointId), skin, regions, &problem);
  if (!section) throw Error(ErrorKind::InvalidInput, scenarioName + ": point '" + pointId + "': " + problem);
  render::SkinSectionFigure figure;
  return figure.renderImage(*section, width, height, samples, paper);
}

// The body's landmark set; what the user should know about it (estimates, a file set aside)
// goes to stderr, as the loader's warnings do.
LandmarkSet bodyLandmarksWithNotes(const LoadedModel& model, const Bvh& skin,
                                   const std::optional<LandmarkSet>& patientLandmarks) {
  if (patientLandmarks) return *patientLandmarks;  // exact on a patient
  LandmarkSet set = bodyLandmarks(model.path, model.mesh, skin);
  for (const std::string& note : set.notes) std::fprintf(stderr, "mesomap: note: %s\n", note.c_str());
  return set;
}

}  // namespace

CommandSpec renderCommand() {
  CommandSpec c{"render", "a PNG of the body, a scenario or an attempt, with no display", "", "", {}, runRender, ""};
  c.options = {
      {"-o,--out", "FILE.png", "the picture to write (required)", ""},
      {"--size", "WxH", "picture size in pixels (default 1200x1600; 1200x800 with --section)", ""},
      {"--samples", "N", "multisampling, 1-16 (default 8)", ""},
      {"--view", "front|back|left|right|top", "a preset view (default front)", "View"},
      {"--camera", "NAME",
       "front, back, left, right, top, region (from where --scenario's points face) or a camera bookmark of "
       "--scenario",
       "View"},
      {"--look-at", "X,Y,Z", "aim at this point (millimetres, body frame) for a close-up", "View"},
      {"--distance", "MM", "the camera's distance in millimetres (10-100000; 400 with --look-at)", "View"},
      {"--background", "gradient|transparent|#rrggbb|#top,#bottom", "what is behind the body (default gradient)",
       "View"},
      {"--scenario", "FILE.json", "draw this scenario's points, zones and landmarks on the body", "Drawn"},
      {"--section", "POINT_ID", "instead of the body, the skin's cross-section at this point of --scenario", "Drawn"},
      {"--attempt", "FILE.json", "draw a trainee's attempt and its errors against --scenario's reference", "Drawn"},
      {"--markers", "FILE.json", "extra markers, needles and labels (docs/formats.md, Markers)", "Drawn"},
      {"--landmarks", "body|estimated|both", "draw the body's standard landmarks, their estimates, or both", "Drawn"},
      {"--overlay", "LAYER,...",
       "what is drawn of a scenario: reference, zones, landmarks, labels, legend, scale-bar, or none (default "
       "reference,zones,landmarks,labels)",
       "Drawn"},
      {"--reference", "BASELINE.png", "compare with this baseline; exit 1 and write a diff image if they differ",
       "Regression check"},
      {"--reference-threshold", "F", "the fraction of pixels that may differ, 0-1 (default 0.005)",
       "Regression check"},
      {"-v,--verbose", "", "print the size, view, triangle count, GL renderer and time", ""},
  };
  append(c.options, bodyOptions());
  c.footer = "Exit codes: 0 ok, 1 differs from --reference, 2 bad arguments, 3 invalid input file, 4 file access, "
             "5 rendering.";
  return c;
}

CommandSpec infoCommand() {
  return {"info", "a model's statistics: size, parts, units, up axis, and whether it looks human", "", "",
          modelOptions(), runInfo, ""};
}

int runRender(const Arguments& a) {
  auto out = a.value("--out");
  if (!out) throw Error(ErrorKind::Usage, "render: --out FILE.png is required");
  if (a.value("--view") && a.value("--camera"))
    throw Error(ErrorKind::Usage, "options --view and --camera both choose the view: give one of them");
  std::optional<std::string> cameraName = a.value("--camera");
  if (auto name = a.value("--view")) {
    if (!parseViewPreset(*name)) throw Error(ErrorKind::Usage, "option --view: '" + *name + "' is not front, back, left, right or top");
    cameraName = name;
  }
  const auto section = a.value("--section");
  if (section) {
    if (!a.value("--scenario")) throw Error(ErrorKind::Usage, "option --section: needs --scenario FILE.json (the point's scenario)");
    for (const char* option : {"--view", "--camera", "--look-at", "--distance", "--markers", "--overlay"})
      if (a.value(option)) throw Error(ErrorKind::Usage, std::string("option ") + option + " does not apply to --section pictures");
  }
  auto [width, height] = a.size("--size").value_or(section ? std::make_pair(1200, 800) : std::make_pair(1200, 1600));
  const float aspect = static_cast<float>(width) / static_cast<float>(height);
  int samples = static_cast<int>(a.number("--samples", 1, 16).value_or(8));
  double threshold = a.number("--reference-threshold", 0.0, 1.0).value_or(0.005);
  const OverlayLayers layers = a.value("--overlay") ? parseOverlayLayers(*a.value("--overlay")) : OverlayLayers{};
  render::SceneStyle style;
  if (auto background = a.value("--background")) style = parseBackground(*background, style);

  // Files are read before the model and the GL context, so their mistakes come out at once.
  std::optional<Scenario> scenario;
  std::string scenarioName;
  if (auto path = a.value("--scenario")) {
    scenario = readValidScenario(*path);
    scenarioName = std::filesystem::path(*path).filename().string();
  }
  if (section && !findPoint(*scenario, *section)) {
    std::vector<std::string> ids;
    for (const ReferencePoint& p : scenario->points) ids.push_back(p.id);
    throw Error(ErrorKind::Usage, "option --section: no point '" + *section + "' in " + scenarioName + "; points are " + joined(ids));
  }
  // A trainee's attempt, drawn with its errors against the reference (as the results panel).
  std::optional<Attempt> attempt;
  if (auto path = a.value("--attempt")) {
    if (!scenario) throw Error(ErrorKind::Usage, "option --attempt: needs --scenario FILE.json (the scenario it attempts)");
    if (section) throw Error(ErrorKind::Usage, "option --attempt does not apply to --section pictures");
    attempt = readValidAttempt(*path);
    if (attempt->scenarioId != scenario->id)
      throw Error(ErrorKind::InvalidInput, "attempt " + mesomap::quoted(std::filesystem::path(*path)) + ": scenario.id: '" + attempt->scenarioId +
                                               "' is not the scenario drawn ('" + scenario->id + "')");
  }
  Overlay overlay;
  if (auto markers = a.value("--markers")) overlay = readOverlayFile(*markers);

  auto start = std::chrono::steady_clock::now();
  std::optional<LandmarkSet> patientLandmarks;
  LoadedModel model = loadModelArgument(a, &patientLandmarks, scenario ? &*scenario : nullptr);
  // Zones and scoring need the geodesic solver: it builds (or is read from the cache) while the
  // GL context comes up and the picture is set up. Pictures without them never ask for it.
  std::shared_future<std::shared_ptr<const GeodesicSolver>> geodesics;
  if (scenario && !section && (attempt || (layers.zones && !scenario->zones.empty())))
    geodesics = std::async(std::launch::async, [&mesh = model.mesh] { return geodesicSolverFor(mesh); }).share();
  auto context = render::createHeadlessContext();
  std::optional<Bvh> skin;  // built only when something is drawn on the body
  if (scenario || !overlay.empty() || a.value("--landmarks")) skin = Bvh::build(model.mesh);
  // Scenarios may name the body's standard landmarks without declaring them.
  if (scenario) {
    const LandmarkSet landmarks = bodyLandmarksWithNotes(model, *skin, patientLandmarks);
    if (patientLandmarks) {  // a patient: hm08 anchors place the scenario's absolute positions exactly
      const AnchoredSkin anchored{model.mesh, *patientTopology()};
      putScenarioOnCommandBody(*scenario, landmarks, *skin, model.path, &anchored);
    } else {
      putScenarioOnCommandBody(*scenario, landmarks, *skin, model.path);
    }
  }

  Image image;
  if (section) {
    // The figure's own paper, a --background colour, or nothing (transparent).
    std::optional<glm::vec3> paper = render::SkinSectionFigure::kPaperSrgb;
    if (style.background == render::Background::Transparent) paper.reset();
    else if (a.value("--background").value_or("gradient") != "gradient") paper = style.backgroundTopSrgb;
    image = renderSection(*scenario, scenarioName, *section, model.mesh, *skin, width, height, samples, paper);
  } else {
    render::SceneRenderer renderer;
    renderer.setMesh(model.mesh);
    style.labels = layers.labels;
    style.legend = layers.legend;
    style.scaleBar = layers.scaleBar;
    style.zones = layers.zones;
    renderer.setStyle(style);

    OrbitCamera camera;
    if (cameraName) {
      camera = cameraFromOption(*cameraName, scenario ? &*scenario : nullptr, scenarioName, model.mesh,
                                skin ? &*skin : nullptr, aspect);
    } else {
      camera.setPreset(ViewPreset::Front);
      if (!scenario || !frameScenario(camera, *scenario, *skin, aspect)) camera.frame(model.mesh.bounds(), aspect);
    }
    std::vector<ZoneRegion> zones;
    if (scenario) {
      ScenarioOverlayOptions options;
      options.points = layers.reference && !attempt;  // the attempt draws the reference its own way
      options.landmarks = layers.landmarks;
      options.zones = layers.zones;
      overlay.append(scenarioOverlay(*scenario, *skin, options));
      // Zones are geodesic discs. With an attempt, scoring builds the same regions; they are
      // taken from it below.
      if (layers.zones && !scenario->zones.empty() && !attempt)
        zones = scenarioZoneRegions(*scenario, model.mesh, *skin, *geodesics.get());
    }
    if (attempt) {
      const BodyRegionMap regions(model.mesh);
      const ScoringBody body{model.mesh, *skin, *geodesics.get(), regions, {}};
      const PreparedScenario prepared = prepareScenario(*scenario, body);
      const ScoreResult scored = scoreAttempt(prepared, *attempt, body);
      if (!scored.report) {
        std::string message = "attempt " + mesomap::quoted(std::filesystem::path(*a.value("--attempt"))) + " cannot be scored:";
        for (const Problem& p : scored.problems) message += "\n  " + formatProblem(*a.value("--attempt"), p);
        throw Error(ErrorKind::InvalidInput, message);
      }
      const Overlay drawn = attemptOverlay(prepared, *attempt, *scored.report, *skin);
      overlay.append(drawn);
      overlay.legendTitle = drawn.legendTitle;
      if (layers.zones)
        for (const PreparedZone& z : prepared.zones) zones.push_back(z.region);
    }
    renderer.setZones(zones);
    if (auto which = a.value("--landmarks")) {
      if (*which != "body" && *which != "estimated" && *which != "both")
        throw Error(ErrorKind::Usage, "option --landmarks: '" + *which + "' is not body, estimated or both");
      // The body's set (hand-placed where it has one) in grey with labels, estimates in orange.
      if (*which != "estimated") {
        for (const PlacedLandmark& l : bodyLandmarksWithNotes(model, *skin, patientLandmarks).landmarks)
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
    if (!overlay.empty() || !overlay.legend.empty()) {
      if (skin) hideOccludedLabels(overlay, camera.eye(), *skin);
      if (skin) dropUnseenZoneRows(overlay, zones, model.mesh, *skin, camera.eye());
      renderer.setOverlay(overlay);
    }
    image = renderer.renderImage(camera, width, height, samples);
  }
  writePng(image, *out);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (a.flag("--verbose")) {
    const std::string what = section ? "section at " + *section : cameraName.value_or("front") + " view";
    std::printf("%s: %dx%d, %s, %zu triangles, %s, %.3f s\n", out->c_str(), width, height, what.c_str(),
                model.mesh.triangleCount(), context->description().c_str(), seconds);
  }
  if (auto reference = a.value("--reference")) return compareWithReference(image, *out, *reference, threshold);
  return 0;
}

int runInfo(const Arguments& a) {
  LoadedModel model = loadModel(a.value("--model").value_or(MESOMAP_DEFAULT_MODEL), a.loadOptions());
  const auto& n = model.normalization;
  Bounds b = model.mesh.bounds();
  std::printf("model:      %s\n", utf8(model.path).c_str());
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
  const HumanShape shape = checkHumanShape(model.mesh, Bvh::build(model.mesh));
  std::printf("shape:      width %.2f and depth %.2f of the height, sides differ by %.1f mm, largest skin piece %.0f %%\n",
              shape.widthToHeight, shape.depthToHeight, shape.asymmetryMm, 100.0 * shape.largestSkinShare);
  for (const auto& warning : shape.warnings) std::printf("warning:    %s\n", warning.c_str());
  return 0;
}

}  // namespace mesomap::cli
