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

std::string number(double v, int decimals = 2) {
  std::ostringstream s;
  s.precision(decimals);
  s << std::fixed << v;
  std::string t = s.str();
  // "65.00" -> "65", "0.50" -> "0.5": ranges and values read as people write them.
  if (t.find('.') != std::string::npos) {
    t.erase(t.find_last_not_of('0') + 1);
    if (t.back() == '.') t.pop_back();
  }
  return t;
}

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

bool isParameterKey(const std::string& key) {
  for (const PatientParameterRange& r : patientParameterRanges())
    if (key == r.key) return true;
  return false;
}

std::string rangeText(const PatientParameterRange& r) {
  return number(r.min) + ".." + number(r.max) + (r.unit[0] ? std::string(" ") + r.unit : "");
}

double& field(PatientParameters& p, const std::string& key) {
  if (key == "sex") return p.sex;
  if (key == "age") return p.ageYears;
  if (key == "bmi") return p.bmi;
  if (key == "muscle") return p.muscle;
  return p.heightCm;
}

}  // namespace

const std::vector<PatientParameterRange>& patientParameterRanges() {
  static const std::vector<PatientParameterRange> ranges = {
      {"sex", 0.0, 1.0, "(0 female, 1 male)"}, {"age", 1.0, 90.0, "years"},   {"bmi", 16.0, 40.0, "kg/m2"},
      {"muscle", 0.0, 1.0, "(0.5 average)"},   {"height", 50.0, 230.0, "cm"},
  };
  return ranges;
}

std::vector<std::string> validatePatient(const PatientParameters& p) {
  std::vector<std::string> problems;
  PatientParameters copy = p;
  for (const PatientParameterRange& r : patientParameterRanges()) {
    const double v = field(copy, r.key);
    if (!std::isfinite(v) || v < r.min || v > r.max)
      problems.push_back(std::string(r.key) + ": " + number(v) + " is outside " + rangeText(r));
  }
  return problems;
}

PatientParameters parsePatient(const std::string& text) {
  PatientParameters p;
  std::optional<double> weightKg;
  std::istringstream items(text);
  std::string item;
  while (std::getline(items, item, ',')) {
    const size_t eq = item.find('=');
    if (eq == std::string::npos)
      throw Error(ErrorKind::Usage,
                  "--patient: '" + item + "' is not KEY=VALUE (keys: sex, age, bmi or weight, muscle, height)");
    const std::string key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "sex" && (value == "female" || value == "male")) {
      p.sex = value == "female" ? 0.0 : 1.0;
      continue;
    }
    if (key != "weight" && !isParameterKey(key))
      throw Error(ErrorKind::Usage,
                  "--patient: unknown key '" + key + "' (keys: sex, age, bmi or weight, muscle, height)");
    double v = 0.0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(v))
      throw Error(ErrorKind::Usage, "--patient: " + key + ": '" + value + "' is not a number" +
                                        (key == "sex" ? " (female, male or 0..1)" : ""));
    if (key == "weight")
      weightKg = v;
    else
      field(p, key) = v;
  }
  if (weightKg) {
    if (*weightKg < 5.0 || *weightKg > 300.0)
      throw Error(ErrorKind::Usage, "--patient: weight: " + number(*weightKg) + " is outside 5..300 kg");
    const double metres = p.heightCm / 100.0;
    p.bmi = *weightKg / (metres * metres);
    const PatientParameterRange& r = patientParameterRanges()[2];
    if (p.bmi < r.min || p.bmi > r.max)
      throw Error(ErrorKind::Usage, "--patient: weight: " + number(*weightKg) + " kg at " + number(p.heightCm) +
                                        " cm is BMI " + number(p.bmi, 1) + ", outside " + rangeText(r));
  }
  const std::vector<std::string> problems = validatePatient(p);
  if (!problems.empty()) throw Error(ErrorKind::Usage, "--patient: " + problems.front());
  return p;
}

std::string describePatient(const PatientParameters& p) {
  const std::string sex = p.sex == 0.0 ? "female" : p.sex == 1.0 ? "male" : "sex " + number(p.sex);
  return sex + ", " + number(p.ageYears, 1) + " y, BMI " + number(p.bmi, 1) + ", muscle " + number(p.muscle) + ", " +
         number(p.heightCm, 1) + " cm";
}

std::string patientSpec(const PatientParameters& p) {
  char text[160];
  std::snprintf(text, sizeof text, "sex=%.9g,age=%.9g,bmi=%.9g,muscle=%.9g,height=%.9g", p.sex, p.ageYears, p.bmi,
                p.muscle, p.heightCm);
  return text;
}

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
