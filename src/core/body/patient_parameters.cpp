#include "core/body/patient_parameters.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <random>
#include <sstream>

#include "core/base/error.h"

namespace mesomap {

namespace {

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

PatientParameters drawPatient(const PatientRange& range, uint64_t seed) {
  std::mt19937_64 random(seed);
  PatientParameters p;
  for (const PatientParameterRange& key : patientParameterRanges()) {
    const auto window = range.find(key.key);
    if (window == range.end()) continue;
    const double lo = window->second.min, hi = window->second.max;
    double v = std::uniform_real_distribution<double>(lo, std::nextafter(hi, hi + 1.0))(random);
    const std::string name = key.key;
    if (name == "sex") v = lo < 0.5 && hi > 0.5 ? (v < 0.5 * (lo + hi) ? lo : hi) : v;
    if (name == "age" || name == "height") v = std::round(v);
    if (name == "bmi") v = std::round(v * 2.0) / 2.0;
    if (name == "muscle") v = std::round(v * 20.0) / 20.0;
    field(p, name) = std::clamp(v, lo, hi);
  }
  return p;
}

std::string describePatientRange(const PatientRange& range) {
  std::string text;
  for (const PatientParameterRange& key : patientParameterRanges())
    if (const auto w = range.find(key.key); w != range.end())
      text += (text.empty() ? "" : ", ") + std::string(key.key) + " " + number(w->second.min) + "-" + number(w->second.max);
  return text;
}

}  // namespace mesomap
