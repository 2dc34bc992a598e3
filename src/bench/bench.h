#pragma once
// Shared plumbing for mesomap-bench: each benchmark prints one JSON object per line.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace mesomap::bench {

struct BenchArgs {
  std::string model;  // path of the body model (default body unless --model)
  bool quick = false;  // --quick: smaller sizes, for the smoke test in ctest
};

inline void emit(const nlohmann::json& row) { std::printf("%s\n", row.dump().c_str()); std::fflush(stdout); }

// `text` quoted for /bin/sh, for the benches that time whole mesomap processes.
inline std::string quotedArg(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The first number after `label` in `text` (a process's printed timings), or a negative number
// when it is not there.
inline double numberAfter(const std::string& text, const std::string& label) {
  const size_t at = text.find(label);
  return at == std::string::npos ? -1.0 : std::atof(text.c_str() + at + label.size());
}

inline double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Wall times of `runs` calls, in milliseconds, fastest first.
template <typename F>
std::vector<double> sortedMilliseconds(int runs, F&& f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    f();
    times.push_back(secondsSince(start) * 1000.0);
  }
  std::sort(times.begin(), times.end());
  return times;
}

template <typename F>
double medianMilliseconds(int runs, F&& f) {
  const std::vector<double> times = sortedMilliseconds(runs, std::forward<F>(f));
  return times[times.size() / 2];
}

int runPickBench(const BenchArgs& args);      // bench_pick.cpp
int runGeodesicBench(const BenchArgs& args);  // bench_geodesic.cpp
int runLoadBench(const BenchArgs& args);      // bench_load.cpp
int runFrameBench(const BenchArgs& args);     // bench_frame.cpp
int runScoreBench(const BenchArgs& args);     // bench_score.cpp
int runPatientBench(const BenchArgs& args);   // bench_patient.cpp
int runRenderBench(const BenchArgs& args);    // bench_render.cpp
int runBuilderBench(const BenchArgs& args);   // bench_builder.cpp
int runStartBench(const BenchArgs& args);     // bench_start.cpp
int runClassBench(const BenchArgs& args);     // bench_class.cpp
int runLargeBench(const BenchArgs& args);     // bench_large.cpp
int runWindowBench(const BenchArgs& args);    // bench_window.cpp

}  // namespace mesomap::bench
