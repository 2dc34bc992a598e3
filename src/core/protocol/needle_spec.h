#pragma once
// Needles: what a needle text ("27G 4 mm") says, and the needles the app offers. One list for
// the trainee's needle panel, the scenario builder and new reference points.
#include <array>
#include <string>

namespace mesomap {

struct NeedleSpec {
  int gauge = 0;              // 27 for "27G"; 0 when the text names none
  double outerDiameterMm = 0.4;
  double lengthMm = 0.0;      // the needle's own length ("4 mm"); 0 when not given
};

// "27G 4 mm" -> gauge 27, 0.41 mm outer diameter (ISO 9626 nominal sizes), 4 mm long. Unknown
// gauges keep the 27G diameter, the most common mesotherapy needle.
NeedleSpec parseNeedleSpec(const std::string& text);

// The needles offered in the app, first = the default for new points. Sizes from the domain
// notes (shared/domain/mesotherapy.md section 2): 27G 4 mm and 30G/32G 13 mm (Mammucari 2016),
// 30G 4 mm (the lateral epicondylitis trials).
inline constexpr std::array<const char*, 4> kNeedleChoices = {"27G 4 mm", "30G 4 mm", "30G 13 mm", "32G 13 mm"};
inline constexpr const char* kDefaultNeedle = kNeedleChoices[0];

// The needle's own length in mm, or `fallbackMm` when the text names none.
double needleLengthMm(const std::string& text, double fallbackMm = 4.0);

}  // namespace mesomap
