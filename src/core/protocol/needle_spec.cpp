#include "core/protocol/needle_spec.h"

#include <string_view>

namespace mesomap {

namespace {

// ISO 9626 nominal outer diameters (mm).
struct GaugeSize {
  int gauge;
  double outerDiameterMm;
};
constexpr GaugeSize kGauges[] = {{25, 0.51}, {26, 0.46}, {27, 0.41}, {28, 0.36}, {29, 0.33},
                                 {30, 0.31}, {31, 0.26}, {32, 0.235}, {33, 0.21}, {34, 0.18}};

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isWordChar(char c) {
  return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
size_t skipSpaces(const std::string& text, size_t i) {
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  return i;
}
// `word` at `i`, not followed by a letter, digit or underscore.
bool isWord(const std::string& text, size_t i, std::string_view word) {
  if (text.compare(i, word.size(), word) != 0) return false;
  return i + word.size() >= text.size() || !isWordChar(text[i + word.size()]);
}

}  // namespace

NeedleSpec parseNeedleSpec(const std::string& text) {
  NeedleSpec spec;
  spec.outerDiameterMm = 0.41;
  // The first "27G" (1-3 digits) and the first "4 mm" / "12.7mm" (1-4 digits, up to 4 decimals),
  // each a word of its own. A linear scan: needle texts come from files (no regex, whose
  // backtracking can exhaust the stack on long runs of spaces).
  bool gaugeFound = false, lengthFound = false;
  for (size_t i = 0; i < text.size() && !(gaugeFound && lengthFound); ++i) {
    if (!isDigit(text[i]) || (i > 0 && isWordChar(text[i - 1]))) continue;
    size_t end = i;
    while (end < text.size() && isDigit(text[end])) ++end;
    const size_t whole = end - i;
    size_t decimals = 0, numberEnd = end;
    if (numberEnd + 1 < text.size() && text[numberEnd] == '.' && isDigit(text[numberEnd + 1])) {
      size_t j = numberEnd + 1;
      while (j < text.size() && isDigit(text[j])) ++j;
      decimals = j - numberEnd - 1;
      numberEnd = j;
    }
    const size_t unit = skipSpaces(text, numberEnd);
    if (!gaugeFound && decimals == 0 && whole <= 3 && isWord(text, unit, "G")) {
      gaugeFound = true;
      const int gauge = std::stoi(text.substr(i, whole));
      for (const GaugeSize& g : kGauges)
        if (g.gauge == gauge) {
          spec.gauge = gauge;
          spec.outerDiameterMm = g.outerDiameterMm;
        }
    } else if (!lengthFound && whole <= 4 && decimals <= 4 && isWord(text, unit, "mm")) {
      lengthFound = true;
      spec.lengthMm = std::stod(text.substr(i, numberEnd - i));
    }
    i = numberEnd - 1;  // the loop's ++i moves past the number
  }
  return spec;
}

double needleLengthMm(const std::string& text, double fallbackMm) {
  const double mm = parseNeedleSpec(text).lengthMm;
  return mm > 0.0 ? mm : fallbackMm;
}

}  // namespace mesomap
