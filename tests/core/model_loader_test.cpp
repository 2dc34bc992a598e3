// Loading and normalisation of bodies, and the messages broken models produce.
#include <fstream>
#include <sstream>

#include <glm/gtc/matrix_transform.hpp>
#include <gtest/gtest.h>

#include "core/import/assimp_import.h"
#include "core/base/error.h"
#include "core/import/model_loader.h"

namespace mesomap {
namespace {

const std::filesystem::path kOutput = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "model_loader";

std::filesystem::path writeText(const std::string& name, const std::string& text) {
  std::filesystem::create_directories(kOutput);
  auto path = kOutput / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// Writes a mesh as OBJ after transforming it: OBJ declares no units or up axis, so the loader
// has to work them out from the body's shape alone.
std::filesystem::path writeObj(const std::string& name, const Mesh& mesh, const glm::mat4& transform) {
  std::ostringstream s;
  s.precision(9);
  for (const auto& p : mesh.positions) {
    glm::vec3 q = glm::vec3(transform * glm::vec4(p, 1.0f));
    s << "v " << q.x << ' ' << q.y << ' ' << q.z << '\n';
  }
  for (const auto& part : mesh.parts) {
    s << "o " << part.name << '\n';
    for (uint32_t t = part.firstTriangle; t < part.firstTriangle + part.triangleCount; ++t) {
      const auto& tri = mesh.triangles[t];
      s << "f " << tri.x + 1 << ' ' << tri.y + 1 << ' ' << tri.z + 1 << '\n';
    }
  }
  return writeText(name, s.str());
}

const LoadedModel& defaultBody() {
  static const LoadedModel model = loadModel(MESOMAP_DEFAULT_MODEL);
  return model;
}

void expectSameBounds(const Bounds& a, const Bounds& b, float tolerance) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(a.min[i], b.min[i], tolerance) << "min axis " << i;
    EXPECT_NEAR(a.max[i], b.max[i], tolerance) << "max axis " << i;
  }
}

TEST(ModelLoader, DefaultBodyIsAStandingAdultInMetres) {
  const LoadedModel& body = defaultBody();
  Bounds b = body.mesh.bounds();
  EXPECT_NEAR(b.size().y, 1.66f, 0.02f);       // MakeHuman default: 1.66 m
  EXPECT_NEAR(b.min.y, 0.0f, 1e-6f);           // feet on the ground
  EXPECT_NEAR(b.center().x, 0.0f, 1e-5f);      // centred on the vertical axis
  EXPECT_NEAR(b.center().z, 0.0f, 1e-5f);
  EXPECT_GT(body.mesh.triangleCount(), 25000u);
  EXPECT_GT(body.weldedVertices, 0u);  // UV seams were merged
  ASSERT_EQ(body.mesh.parts.size(), 2u);
  EXPECT_TRUE(body.mesh.parts[0].isSkin);
  EXPECT_FALSE(body.mesh.parts[1].isSkin);  // the eyes: drawn, never a needle target
  EXPECT_NE(body.mesh.parts[1].name.find("eye"), std::string::npos);
}

TEST(ModelLoader, DefaultBodyFacesPlusZ) {
  // The eyes sit in the front half of the head.
  const Mesh& mesh = defaultBody().mesh;
  const MeshPart& eyes = mesh.parts[1];
  float eyeZ = 0.0f;
  for (uint32_t t = eyes.firstTriangle; t < eyes.firstTriangle + eyes.triangleCount; ++t)
    eyeZ += mesh.positions[mesh.triangles[t].x].z;
  eyeZ /= eyes.triangleCount;
  float headMinZ = 1e9f, headMaxZ = -1e9f;
  for (const auto& p : mesh.positions) {
    if (p.y > 1.5f && std::abs(p.x) < 0.1f) {
      headMinZ = std::min(headMinZ, p.z);
      headMaxZ = std::max(headMaxZ, p.z);
    }
  }
  EXPECT_GT(eyeZ, 0.5f * (headMinZ + headMaxZ));
}

struct Variant {
  const char* name;
  glm::mat4 transform;
};

TEST(ModelLoader, MillimetresZUpAndOffsetGiveTheSameBody) {
  const Mesh& reference = defaultBody().mesh;
  const glm::mat4 zUp = glm::rotate(glm::mat4(1.0f), glm::radians(90.0f), glm::vec3(1, 0, 0));  // +Y -> +Z
  const glm::mat4 mm = glm::scale(glm::mat4(1.0f), glm::vec3(1000.0f));
  const glm::mat4 cm = glm::scale(glm::mat4(1.0f), glm::vec3(100.0f));
  const glm::mat4 offset = glm::translate(glm::mat4(1.0f), glm::vec3(12.5f, -3.0f, 40.0f));
  const glm::mat4 turned = glm::rotate(glm::mat4(1.0f), glm::radians(90.0f), glm::vec3(0, 1, 0));
  const Variant variants[] = {
      {"as_is.obj", glm::mat4(1.0f)},
      {"millimetres.obj", mm},
      {"centimetres.obj", cm},
      {"z_up.obj", zUp},
      {"offset.obj", offset},
      {"turned_sideways.obj", turned},
      {"mm_z_up_offset.obj", mm * offset * zUp},
      {"upside_down.obj", glm::rotate(glm::mat4(1.0f), glm::radians(180.0f), glm::vec3(1, 0, 0))},
      {"x_up_cm.obj", cm * glm::rotate(glm::mat4(1.0f), glm::radians(-90.0f), glm::vec3(0, 0, 1))},
  };
  for (const auto& v : variants) {
    SCOPED_TRACE(v.name);
    LoadedModel loaded = loadModel(writeObj(v.name, reference, v.transform));
    expectSameBounds(loaded.mesh.bounds(), reference.bounds(), 0.001f);  // within 1 mm
    // Same vertices in the same places, not just the same box: left stays left.
    ASSERT_EQ(loaded.mesh.vertexCount(), reference.vertexCount());
    float worst = 0.0f;
    for (size_t i = 0; i < reference.vertexCount(); ++i)
      worst = std::max(worst, glm::length(loaded.mesh.positions[i] - reference.positions[i]));
    EXPECT_LT(worst, 0.001f);
  }
}

TEST(ModelLoader, UserOverridesWin) {
  const Mesh& reference = defaultBody().mesh;
  auto path = writeObj("override_mm.obj", reference, glm::scale(glm::mat4(1.0f), glm::vec3(1000.0f)));
  LoadOptions options;
  options.units = LengthUnit::Metre;  // wrong on purpose: the user is obeyed, and told
  LoadedModel giant = loadModel(path, options);
  EXPECT_NEAR(giant.mesh.bounds().size().y, 1659.4f, 2.0f);
  EXPECT_EQ(giant.normalization.unitsSource, "set by the user (m)");
  options.units = LengthUnit::Millimetre;
  options.up = SignedAxis{1, +1};
  LoadedModel right = loadModel(path, options);
  EXPECT_NEAR(right.mesh.bounds().size().y, 1.6594f, 0.001f);
  EXPECT_EQ(right.normalization.upSource, "set by the user");
}

TEST(ModelLoader, ImplausibleSizeWarnsInsteadOfGuessingSilently) {
  const Mesh& reference = defaultBody().mesh;
  LoadedModel tiny = loadModel(writeObj("tiny.obj", reference, glm::scale(glm::mat4(1.0f), glm::vec3(0.01f))));
  ASSERT_EQ(tiny.normalization.warnings.size(), 1u);
  EXPECT_NE(tiny.normalization.warnings[0].find("--units"), std::string::npos);
}

// --- broken models: one clear message naming the file and the problem ---

std::string loadError(const std::filesystem::path& path) {
  try {
    loadModel(path);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

void expectError(const std::filesystem::path& path, const std::string& problem) {
  std::string message = loadError(path);
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
  EXPECT_NE(message.find(problem), std::string::npos) << message;
}

TEST(BrokenModel, Missing) { expectError(kOutput / "does_not_exist.obj", "file not found"); }

TEST(BrokenModel, ZeroBytes) { expectError(writeText("empty.obj", ""), "file is empty (0 bytes)"); }

TEST(BrokenModel, Truncated) {
  std::ifstream in(MESOMAP_DEFAULT_MODEL, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 1000u);
  expectError(writeText("truncated.zae", bytes.substr(0, bytes.size() / 3)), "cannot be read");
}

TEST(BrokenModel, TruncatedBinaryPly) {
  std::string header =
      "ply\nformat binary_little_endian 1.0\nelement vertex 100\nproperty float x\nproperty float y\n"
      "property float z\nelement face 50\nproperty list uchar int vertex_indices\nend_header\n";
  expectError(writeText("truncated.ply", header + std::string(40, '\0')), "cannot be read");
}

TEST(BrokenModel, NotAModel) {
  expectError(writeText("holiday.jpg", std::string("\xff\xd8\xff\xe0 not really a model")), "not a model file");
}

TEST(BrokenModel, NoTriangles) {
  expectError(writeText("lines_only.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nl 1 2\nl 2 3\n"), "contains no triangles");
}

// An axis-aligned box as OBJ faces (outward winding), its vertices numbered from `first`.
std::string objBox(glm::vec3 lo, glm::vec3 hi, int first) {
  std::string text;
  for (int k = 0; k < 8; ++k)
    text += "v " + std::to_string(k & 1 ? hi.x : lo.x) + " " + std::to_string(k & 2 ? hi.y : lo.y) + " " +
            std::to_string(k & 4 ? hi.z : lo.z) + "\n";
  const int faces[6][4] = {{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}};
  for (const auto& f : faces)
    text += "f " + std::to_string(first + f[0]) + " " + std::to_string(first + f[1]) + " " +
            std::to_string(first + f[2]) + " " + std::to_string(first + f[3]) + "\n";
  return text;
}

// MakeHuman's OBJ carries fitting proxies (a skirt and tights around the legs): geometry to
// fit clothes on, invisible in MakeHuman. Left in, their area below the waist turned the body
// upside down and their tube hid the legs from every pick; they are dropped at load.
TEST(ModelLoader, MakeHumansFittingProxiesAreDropped) {
  // A narrow "body" with a heavy head at the top, and a skirt far wider and larger below.
  std::string obj = "g body\n" + objBox({-0.15f, 0.0f, -0.1f}, {0.15f, 1.5f, 0.1f}, 1) +
                    objBox({-0.1f, 1.5f, -0.1f}, {0.1f, 1.75f, 0.1f}, 9) + "g helper-skirt\n" +
                    objBox({-0.5f, 0.05f, -0.4f}, {0.5f, 0.8f, 0.4f}, 17) + "g joint-ground\n" +
                    objBox({-0.02f, -0.01f, -0.02f}, {0.02f, 0.0f, 0.02f}, 25);
  const LoadedModel model = loadModel(writeText("proxies.obj", obj));
  ASSERT_EQ(model.mesh.parts.size(), 1u);
  EXPECT_EQ(model.mesh.parts[0].name, "body");
  EXPECT_EQ(model.mesh.vertexCount(), 16u);  // the proxies' vertices went with them
  EXPECT_EQ(toString(model.normalization.up), "+y");
  EXPECT_NEAR(model.normalization.heightMetres, 1.75, 1e-3);
}

TEST(BrokenModel, NanCoordinates) {
  expectError(writeText("nan.ply", "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
                                   "property float z\nelement face 1\nproperty list uchar int vertex_indices\n"
                                   "end_header\n0 0 0\nnan 1 0\n0 0 1\n3 0 1 2\n"),
              "non-finite coordinate");
}

TEST(BrokenModel, FaceIndexOutOfRange) {
  std::string message = loadError(writeText("bad_index.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 9\n"));
  EXPECT_NE(message.find("bad_index.obj"), std::string::npos) << message;
  EXPECT_NE(message.find("index"), std::string::npos) << message;
}

TEST(BrokenModel, AllVerticesAtOnePoint) {
  expectError(writeText("point.obj", "v 1 1 1\nv 1 1 1\nv 1 1 1\nf 1 2 3\n"), "at one point");
}

TEST(BrokenModel, CorruptCountsFailFastInsteadOfExhaustingMemory) {
  // Assimp's own regression sample declares 353 billion vertices.
  expectError("/usr/share/assimp/models/invalid/OutOfMemory.off", "more memory than allowed");
}

TEST(BrokenModel, EveryAssimpInvalidSampleGivesAMessageOrABody) {
  size_t files = 0, refused = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/share/assimp/models/invalid")) {
    ++files;
    SCOPED_TRACE(entry.path());
    try {
      LoadedModel model = loadModel(entry.path());
      EXPECT_GT(model.mesh.triangleCount(), 0u);
    } catch (const Error& e) {
      ++refused;
      EXPECT_NE(std::string(e.what()).find(entry.path().filename().string()), std::string::npos) << e.what();
    }
  }
  EXPECT_GE(files, 10u);
  EXPECT_GE(refused, files - 1);  // malformed2.obj is damaged but still readable
}

TEST(BrokenModel, ImporterThatRunsPastItsDeadlineIsStopped) {
  std::string message;
  try {
    importModelIsolated(MESOMAP_DEFAULT_MODEL, std::chrono::seconds(0));
  } catch (const Error& e) {
    message = e.what();
  }
  EXPECT_NE(message.find("did not finish within 0 s"), std::string::npos) << message;
}

TEST(ModelLoader, IsolatedImportMatchesInProcessImport) {
  ImportedScene direct = importModelInProcess(MESOMAP_DEFAULT_MODEL);
  ImportedScene isolated = importModelIsolated(MESOMAP_DEFAULT_MODEL);
  EXPECT_EQ(direct.mesh.positions, isolated.mesh.positions);
  EXPECT_EQ(direct.mesh.triangles, isolated.mesh.triangles);
  ASSERT_EQ(direct.mesh.parts.size(), isolated.mesh.parts.size());
  EXPECT_EQ(direct.mesh.parts[1].name, isolated.mesh.parts[1].name);
  EXPECT_EQ(direct.declaredUp, isolated.declaredUp);
}

}  // namespace
}  // namespace mesomap
