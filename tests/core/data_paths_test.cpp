// mesomap's data folder is found at run time: the override, the build tree's marker, the
// installed layout, in that order; a missing folder or file is an error naming it and
// MESOMAP_DATA_DIR, never a quiet default (issue 16).
#include <cstdlib>
#include <fstream>
#include <functional>

#include <gtest/gtest.h>

#include "core/base/data_paths.h"
#include "core/base/error.h"
#include "core/body/landmarks.h"

namespace mesomap {
namespace {

namespace fs = std::filesystem;

// A fresh, empty folder under the test output.
fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(MESOMAP_TEST_OUTPUT) / "data_paths" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string errorOf(const std::function<void()>& run) {
  try {
    run();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Io);
    return e.what();
  }
  return "(no error)";
}

TEST(DataPaths, TheOverrideWinsAndMustBeAFolder) {
  const fs::path data = scratch("override");
  const fs::path bin = scratch("override_bin");
  std::ofstream(bin / kDataDirMarker) << "/nowhere\n";  // not even looked at
  const DataDirectory found = locateDataDirectory(data.string(), bin);
  EXPECT_EQ(found.path, data);
  EXPECT_EQ(found.foundBy, "MESOMAP_DATA_DIR");
  EXPECT_EQ(errorOf([&] { locateDataDirectory((data / "absent").string(), bin); }),
            "MESOMAP_DATA_DIR='" + (data / "absent").string() +
                "' is not a folder; set MESOMAP_DATA_DIR to the folder that holds mesomap's scenarios/, landmarks/, "
                "makehuman/ and schemas/, or unset it");
}

TEST(DataPaths, TheBuildTreeMarkerNamesTheSourceAssets) {
  const fs::path data = scratch("marked");
  const fs::path bin = scratch("marked_bin");
  std::ofstream(bin / kDataDirMarker) << data.string() << "\n";
  EXPECT_EQ(locateDataDirectory(std::nullopt, bin).path, data);
  EXPECT_EQ(locateDataDirectory(std::string(), bin).path, data);  // MESOMAP_DATA_DIR= counts as unset
  std::ofstream(bin / kDataDirMarker) << "/moved/source/assets\n";
  EXPECT_NE(errorOf([&] {
              locateDataDirectory(std::nullopt, bin);
            }).find("names the data folder '/moved/source/assets', which does not exist"),
            std::string::npos);
}

TEST(DataPaths, InstalledItIsBesideTheProgram) {
  const fs::path prefix = scratch("prefix");
  fs::create_directories(prefix / "bin");
  EXPECT_NE(errorOf([&] { locateDataDirectory(std::nullopt, prefix / "bin"); })
                .find("mesomap's data folder is not where it is installed ('" + (prefix / "share/mesomap").string() +
                      "') and there is no mesomap-data-dir.txt next to the program; set MESOMAP_DATA_DIR"),
            std::string::npos);
  fs::create_directories(prefix / "share/mesomap");
  const DataDirectory found = locateDataDirectory(std::nullopt, prefix / "bin");
  EXPECT_EQ(found.path, prefix / "share/mesomap");
  EXPECT_EQ(found.foundBy, "the installed layout");
}

TEST(DataPaths, ThisTestFindsTheSourceTreeThroughItsMarker) {
  ASSERT_EQ(std::getenv(kDataDirVariable), nullptr) << "run the tests without MESOMAP_DATA_DIR";
  EXPECT_EQ(fs::canonical(dataDirectory().path), fs::canonical(MESOMAP_SOURCE_DIR "/assets"));
  EXPECT_EQ(fs::canonical(defaultBodyLandmarksPath()),
            fs::canonical(MESOMAP_SOURCE_DIR "/assets/landmarks/default_body.json"));
}

TEST(DataPaths, AMissingFileThatGradingNeedsIsAnErrorNamingIt) {
  const fs::path empty = scratch("empty");
  ::setenv(kDataDirVariable, empty.c_str(), 1);
  const std::string message = errorOf([] { defaultBodyLandmarksPath(); });
  const std::string listing = errorOf([] { requiredDataPath("scenarios", "the picker lists it"); });
  ::unsetenv(kDataDirVariable);
  EXPECT_EQ(message, "'" + (empty / "landmarks/default_body.json").string() +
                         "' is missing, and the default body's scenarios are graded on it (data folder '" +
                         empty.string() +
                         "', from MESOMAP_DATA_DIR); reinstall mesomap, or set MESOMAP_DATA_DIR to "
                         "the folder that holds mesomap's scenarios/, landmarks/, makehuman/ and schemas/");
  EXPECT_NE(listing.find("'" + (empty / "scenarios").string() + "' is missing, and the picker lists it"),
            std::string::npos);
}

}  // namespace
}  // namespace mesomap
