#include "core/patient/patient.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>

#include "core/base/error.h"

namespace mesomap {

namespace {

constexpr std::array<const char*, 2> kGenders = {"female", "male"};
constexpr std::array<const char*, 4> kAges = {"baby", "child", "young", "old"};
constexpr std::array<double, 4> kAgeYears = {1.0, 11.0, 25.0, 90.0};  // where each age target is whole
constexpr std::array<double, 4> kAgeSlider = {0.0, 0.1875, 0.5, 1.0};
constexpr std::array<const char*, 3> kMuscles = {"minmuscle", "averagemuscle", "maxmuscle"};
constexpr std::array<const char*, 3> kWeights = {"minweight", "averageweight", "maxweight"};


// Weights of a slider between three targets (min 0, average 0.5, max 1).
std::array<double, 3> threeWay(double slider) {
  if (slider < 0.5) return {1.0 - 2.0 * slider, 2.0 * slider, 0.0};
  return {0.0, 2.0 - 2.0 * slider, 2.0 * slider - 1.0};
}

// Weights of the four age targets: piecewise linear between the slider knots.
std::array<double, 4> ageWeights(double slider) {
  std::array<double, 4> w{};
  for (size_t k = 0; k + 1 < kAgeSlider.size(); ++k) {
    if (slider <= kAgeSlider[k + 1] || k + 2 == kAgeSlider.size()) {
      const double t = std::clamp((slider - kAgeSlider[k]) / (kAgeSlider[k + 1] - kAgeSlider[k]), 0.0, 1.0);
      w[k] = 1.0 - t;
      w[k + 1] = t;
      return w;
    }
  }
  return w;
}

}  // namespace

double ageSliderForYears(double years) {
  if (years <= kAgeYears.front()) return kAgeSlider.front();
  for (size_t k = 0; k + 1 < kAgeYears.size(); ++k)
    if (years <= kAgeYears[k + 1])
      return kAgeSlider[k] +
             (years - kAgeYears[k]) / (kAgeYears[k + 1] - kAgeYears[k]) * (kAgeSlider[k + 1] - kAgeSlider[k]);
  return kAgeSlider.back();
}

double weightSliderForBmi(double bmi) {
  if (bmi <= 22.0) return std::clamp((bmi - 16.0) / (22.0 - 16.0), 0.0, 1.0) * 0.5;
  return 0.5 + std::clamp((bmi - 22.0) / (40.0 - 22.0), 0.0, 1.0) * 0.5;
}

std::vector<WeightedTarget> macroTargetWeights(const PatientBodyData& data, const MacroSliders& s) {
  const std::array<double, 2> gender = {1.0 - s.gender, s.gender};
  const std::array<double, 4> age = ageWeights(s.age);
  const std::array<double, 3> muscle = threeWay(s.muscle), weight = threeWay(s.weight);
  std::vector<WeightedTarget> out;
  auto add = [&](const std::string& name, double w) {
    if (w <= 0.0) return;
    const PatientTarget* t = data.find(name);
    if (!t)
      throw Error(ErrorKind::InvalidInput, patientBodyDataPath().string() + ": has no target '" + name +
                                               "' (regenerate it with scripts/convert_makehuman.py)");
    out.push_back({t, w});
  };
  for (size_t g = 0; g < gender.size(); ++g)
    for (size_t a = 0; a < age.size(); ++a) {
      const double ga = gender[g] * age[a];
      if (ga <= 0.0) continue;
      add(std::string("race-") + kGenders[g] + "-" + kAges[a], ga);
      for (size_t m = 0; m < muscle.size(); ++m)
        for (size_t w = 0; w < weight.size(); ++w)
          add(std::string("universal-") + kGenders[g] + "-" + kAges[a] + "-" + kMuscles[m] + "-" + kWeights[w],
              ga * muscle[m] * weight[w]);
    }
  return out;
}

}  // namespace mesomap
