#include "core/protocol/needle_spec.h"

#include <regex>

namespace mesomap {

namespace {

// ISO 9626 nominal outer diameters (mm).
struct GaugeSize {
  int gauge;
  double outerDiameterMm;
};
constexpr GaugeSize kGauges[] = {{25, 0.51}, {26, 0.46}, {27, 0.41}, {28, 0.36}, {29, 0.33},
                                 {30, 0.31}, {31, 0.26}, {32, 0.235}, {33, 0.21}, {34, 0.18}};

}  // namespace

NeedleSpec parseNeedleSpec(const std::string& text) {
  NeedleSpec spec;
  spec.outerDiameterMm = 0.41;
  std::smatch match;
  // Short numbers only: anything longer is no needle, and would overflow stoi / stod.
  if (std::regex_search(text, match, std::regex(R"(\b(\d{1,3})\s*G\b)"))) {
    const int gauge = std::stoi(match[1]);
    for (const GaugeSize& g : kGauges)
      if (g.gauge == gauge) {
        spec.gauge = gauge;
        spec.outerDiameterMm = g.outerDiameterMm;
      }
  }
  if (std::regex_search(text, match, std::regex(R"(\b(\d{1,4}(?:\.\d{1,4})?)\s*mm\b)"))) spec.lengthMm = std::stod(match[1]);
  return spec;
}

double needleLengthMm(const std::string& text, double fallbackMm) {
  const double mm = parseNeedleSpec(text).lengthMm;
  return mm > 0.0 ? mm : fallbackMm;
}

}  // namespace mesomap
