#include "cli/image_comparison.h"

#include <cstdio>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "core/base/error.h"
#include "core/base/utf8_path.h"

namespace mesomap::cli {

int compareWithReference(const Image& actual, const std::filesystem::path& actualPath,
                         const std::filesystem::path& reference, double threshold) {
  if (!std::filesystem::exists(reference)) {
    std::fprintf(stderr,
                 "mesomap: baseline '%s' does not exist. The image is at '%s': look at it, and if it is right, "
                 "copy it there.\n",
                 utf8(reference).c_str(), utf8(actualPath).c_str());
    return 1;
  }
  Image expected = readPng(reference);
  ImageDifference difference = compareImages(actual, expected);
  if (!difference.sameSize) {
    std::fprintf(stderr, "mesomap: '%s' is %dx%d but the baseline '%s' is %dx%d\n", utf8(actualPath).c_str(), actual.width,
                 actual.height, utf8(reference).c_str(), expected.width, expected.height);
    return 1;
  }
  std::printf("compared with %s: %.4f%% of pixels differ (threshold %.4f%%), mean error %.3f levels\n",
              utf8(reference).c_str(), difference.fractionDiffering * 100.0, threshold * 100.0,
              difference.meanAbsoluteError);
  if (difference.fractionDiffering > threshold) {
    std::filesystem::path diffPath = actualPath;
    diffPath.replace_extension(".diff.png");
    writePng(difference.diff, diffPath);
    std::fprintf(stderr, "mesomap: image differs from the baseline; actual '%s', diff '%s'\n",
                 utf8(actualPath).c_str(), utf8(diffPath).c_str());
    return 1;
  }
  return 0;
}

CommandSpec compareCommand() {
  return {"compare",
          "compare two PNG images (exit 1 and a diff image when they differ)",
          "IMAGES...",
          "ACTUAL.png BASELINE.png",
          {{"--threshold", "F", "the fraction of pixels that may differ, 0-1 (default 0.005)", ""}},
          runCompare,
          ""};
}

int runCompare(const Arguments& a) {
  if (a.positional().size() != 2) throw Error(ErrorKind::Usage, "compare: needs ACTUAL.png and BASELINE.png");
  double threshold = a.number("--threshold", 0.0, 1.0).value_or(0.005);
  return compareWithReference(readPng(a.positional()[0]), a.positional()[0], a.positional()[1], threshold);
}

}  // namespace mesomap::cli
