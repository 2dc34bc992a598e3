// Patients: building a parametric patient's mesh, making it a Body (BVH, regions, exact
// landmarks), and re-preparing a landmark-relative scenario on it (geodesics included), as the
// app does when a slider moves. No peer.
#include <filesystem>

#include "bench/bench.h"
#include "core/base/data_paths.h"
#include "core/patient/patient_body.h"
#include "core/protocol/scenario_transfer.h"
#include "core/scoring/scoring.h"

namespace mesomap::bench {

int runPatientBench(const BenchArgs& args) {
  const PatientParameters patient = parsePatient("sex=female,age=65,bmi=33,height=162");
  patientBodyData();  // read once, as the app does at startup
  const Scenario scenario =
      readValidScenario(requiredDataPath("scenarios/low_back_pain_chronic.json", "the benchmarks read it"));
  auto row = [&](const char* metric, double value, int runs) {
    emit({{"bench", "patient"}, {"model", "patient"}, {"scenario", scenario.id}, {"metric", metric}, {"ours", value},
          {"peer", nullptr}, {"unit", "ms"}, {"runs", runs}, {"statistic", "median"}});
  };
  const int runs = args.quick ? 3 : 20;
  row("build_mesh", medianMilliseconds(runs, [&] { buildPatientMesh(patient); }), runs);
  std::shared_ptr<const Body> body;
  row("make_body", medianMilliseconds(runs, [&] { body = makePatientBody(patient); }), runs);
  const int prepareRuns = args.quick ? 2 : 5;
  row("prepare_scenario_with_geodesics", medianMilliseconds(prepareRuns, [&] {
        const std::shared_ptr<const Body> fresh = makePatientBody(patient);
        Scenario s = scenario;
        putScenarioOnBody(s, *fresh);
        prepareScenario(s, scoringBody(*fresh));
      }),
      prepareRuns);
  // A scenario of absolute positions written for the default body, carried by the landmarks.
  const Scenario knee =
      readValidScenario(requiredDataPath("scenarios/knee_osteoarthritis_right.json", "the benchmarks read it"));
  row("carry_knee_scenario", medianMilliseconds(runs, [&] {
        Scenario s = knee;
        putScenarioOnBody(s, *body);
      }),
      runs);
  return 0;
}

}  // namespace mesomap::bench
