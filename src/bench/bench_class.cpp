// Where attempts live: recording one scored attempt (one transaction with its components) and
// building the class report of 150 attempts (30 trainees x 5), on the embedded SQLite store and
// on a class server when MESOMAP_CLASS_DB names one (scripts/pg_cluster.sh starts a local one).
// No peer: no open trainer keeps mesotherapy attempts.
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "bench/bench.h"
#include "core/classroom/class_report.h"
#include "core/classroom/offline_queue.h"
#include "core/classroom/postgres_store.h"
#include "core/scoring/progress_store.h"

namespace mesomap::bench {

namespace {

ScoreReport benchReport(double score) {
  ScoreReport r;
  r.scenarioId = "knee";
  r.scenarioTitle = "Knee";
  r.score = score;
  r.passed = score >= 70.0;
  r.components = {{"position", 35, true, score / 100.0},
                  {"depth", 25, true, 0.8},
                  {"angle", 15, true, 0.7},
                  {"volume", 15, true, 0.9},
                  {"spacing", 10, true, 0.6}};
  return r;
}

Attempt benchAttempt(const std::string& trainee, int64_t n) {
  Attempt a;
  a.scenarioId = "knee";
  a.trainee = trainee;
  a.submittedAt = "2026-12-04T10:00:00Z";
  for (int i = 0; i < 10; ++i) {
    AttemptPoint p;
    p.positionMm = {10.0 * i, 400.0 + i, 60.0};
    p.depthMm = 2.0;
    a.points.push_back(p);
  }
  a.points[0].label = std::to_string(n);  // a new submission each time
  return a;
}

// `classId` is new for every run: a class server keeps earlier runs' classes.
void benchStore(AttemptStore& store, const char* backend, bool quick) {
  const std::string classId = "bench-" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  const auto row = [&](const char* metric, double value, int runs) {
    emit({{"bench", "class"},
          {"backend", backend},
          {"metric", metric},
          {"ours", value},
          {"peer", nullptr},
          {"unit", "ms"},
          {"runs", runs},
          {"statistic", "median"}});
  };
  store.createClass({classId, "Benchmark class"});
  int64_t n = std::chrono::system_clock::now().time_since_epoch().count();
  const int trainees = quick ? 6 : 30;  // --quick: the smoke test's class, 30 attempts
  for (int t = 0; t < trainees; ++t) {
    const std::string trainee = "trainee-" + std::to_string(t);
    store.addMember(classId, {trainee, ClassRole::Trainee});
    for (int i = 0; i < 5; ++i)
      store.record(Submission::of(benchAttempt(trainee, n++), benchReport(40.0 + (t * 7 + i) % 60), classId));
  }
  const int recordRuns = quick ? 5 : 50;
  row("record_attempt",
      medianMilliseconds(recordRuns,
                         [&] {
                           store.record(
                               Submission::of(benchAttempt("solo", n++), benchReport(75.0)));  // outside the class
                         }),
      recordRuns);
  const int reportRuns = quick ? 2 : 20;
  const std::string metric = "class_report_" + std::to_string(trainees * 5) + "_attempts";
  row(metric.c_str(),
      medianMilliseconds(reportRuns,
                         [&] {
                           const ClassReport report = buildClassReport(store, classId);
                           if (report.attempts.size() != size_t(trainees) * 5)
                             throw Error(ErrorKind::Io, "class bench: report lost attempts");
                           classReportHtml(report);
                         }),
      reportRuns);
}

}  // namespace

int runClassBench(const BenchArgs& args) {
  const auto file = std::filesystem::temp_directory_path() / "mesomap-bench-class.sqlite";
  std::filesystem::remove(file);
  {
    ProgressStore sqlite(file);
    benchStore(sqlite, "sqlite", args.quick);
  }
  std::filesystem::remove(file);
  const std::string server = configuredClassDatabase("");
  if (!isPostgresConnection(server)) {
    emit({{"bench", "class"}, {"backend", "postgresql"}, {"skipped", "MESOMAP_CLASS_DB names no class server"}});
    return 0;
  }
  PostgresStore admin(server);
  benchStore(admin, "postgresql", args.quick);
  return 0;
}

}  // namespace mesomap::bench
