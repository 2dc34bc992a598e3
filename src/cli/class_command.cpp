// `mesomap class create|assign|list|report|export`: a class on the class server (--db, else
// MESOMAP_CLASS_DB) or, without one, in the local progress database (--data-dir). The logic
// takes already-parsed values (ClassRequest, runClassRequest); runClass is the thin adapter to
// today's argument reader, so another parser can call runClassRequest directly.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>

#include "app/model/scenario_library.h"
#include "app/settings.h"
#include "cli/arguments.h"
#include "cli/commands.h"
#include "core/base/data_paths.h"
#include "core/base/error.h"
#include "core/base/safe_write.h"
#include "core/classroom/class_report.h"
#include "core/classroom/offline_queue.h"
#include "core/scoring/progress_store.h"
#include "render/class_picture.h"

namespace mesomap::cli {

struct ClassRequest {
  std::string action;  // create, assign, list, report, export
  std::string classId;
  std::string database;       // "" : MESOMAP_CLASS_DB, else the local progress database
  std::string dataDirectory;  // for the local progress database; "" : the user's
  // create
  std::string title;
  std::vector<std::string> instructors, trainees;
  // assign
  std::string scenarioId, mode = "practice", patient, deadline;
  int attemptsAllowed = 0;
  // report, export
  std::string out;    // "" : stdout (export only)
  bool json = false;  // export: JSON instead of CSV
};

namespace {

std::vector<std::string> commaList(const std::optional<std::string>& text) {
  std::vector<std::string> out;
  if (!text) return out;
  std::stringstream in(*text);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

void printList(const AttemptStore& store, const std::string& classId) {
  if (classId.empty()) {
    for (const ClassInfo& c : store.classes()) std::printf("%s\t%s\n", c.id.c_str(), c.title.c_str());
    return;
  }
  for (const ClassMember& m : store.members(classId)) std::printf("%s\t%s\n", toString(m.role), m.person.c_str());
  for (const Assignment& a : store.assignments(classId))
    std::printf("assignment %lld\t%s\t%s\tpatient=%s\tdeadline=%s\tattempts=%s\n", static_cast<long long>(a.id),
                a.scenarioId.c_str(), toString(a.mode), a.patient.empty() ? "-" : a.patient.c_str(),
                a.deadline.empty() ? "-" : a.deadline.c_str(),
                a.attemptsAllowed ? std::to_string(a.attemptsAllowed).c_str() : "any");
}

// The report's pictures, each scenario found in the scenario folders (the built-in library,
// the user's own, MESOMAP_SCENARIO_PATH and the settings' scenarioPath).
std::map<std::string, ScenarioPicture> reportPictures(const ClassReport& report, const std::filesystem::path& data) {
  if (report.scenarios.empty()) return {};
  std::vector<std::string> problems;  // broken files elsewhere in the folders do not matter here
  const std::string shared = app::sharedScenarioPath(app::loadSettings(app::settingsPath(), problems).scenarioPath);
  std::filesystem::path builtIn;
  try {
    builtIn = requiredDataPath("scenarios", "the class report draws its pictures on them");
  } catch (const Error& e) {  // the pictures are the report's extra: it is still written
    std::fprintf(stderr, "class report: %s; the pictures are left out\n", e.what());
    return render::classReportPictures(report, {});
  }
  std::vector<Scenario> scenarios;
  for (app::LibraryEntry& entry : app::readScenarioLibrary(app::libraryFolders(builtIn, data, shared), problems))
    scenarios.push_back(std::move(entry.scenario));
  return render::classReportPictures(report, scenarios);
}

}  // namespace

int runClassRequest(const ClassRequest& r) {
  const std::string connection = r.database.empty() ? configuredClassDatabase("") : r.database;
  const std::filesystem::path data =
      r.dataDirectory.empty() ? userDataDirectory() : std::filesystem::path(r.dataDirectory);
  if (connection.empty()) std::filesystem::create_directories(data);
  const auto store = openAttemptStore(connection, data);
  const auto needClass = [&] {
    if (r.classId.empty()) throw Error(ErrorKind::Usage, "class " + r.action + ": give the class id");
  };
  if (r.action == "create") {
    needClass();
    store->createClass({r.classId, r.title.empty() ? r.classId : r.title});
    for (const std::string& p : r.instructors) store->addMember(r.classId, {p, ClassRole::Instructor});
    for (const std::string& p : r.trainees) store->addMember(r.classId, {p, ClassRole::Trainee});
    std::printf("class %s created on %s\n", r.classId.c_str(), store->description().c_str());
  } else if (r.action == "assign") {
    needClass();
    if (r.scenarioId.empty()) throw Error(ErrorKind::Usage, "class assign: give --scenario ID");
    const auto mode = parseAttemptMode(r.mode);
    if (!mode) throw Error(ErrorKind::Usage, "class assign: --mode '" + r.mode + "' is not guided, practice or exam");
    if (r.attemptsAllowed < 0) throw Error(ErrorKind::Usage, "class assign: --attempts must be 0 (any) or more");
    const int64_t id = store->assign({0, r.classId, r.scenarioId, *mode, r.patient, r.deadline, r.attemptsAllowed});
    std::printf("assignment %lld: %s (%s) for class %s\n", static_cast<long long>(id), r.scenarioId.c_str(),
                r.mode.c_str(), r.classId.c_str());
  } else if (r.action == "list") {
    printList(*store, r.classId);
  } else if (r.action == "report" || r.action == "export") {
    needClass();
    if (r.out.empty() && r.action == "report") throw Error(ErrorKind::Usage, "class report: give --out PAGE.html");
    const ClassReport report = buildClassReport(*store, r.classId);
    std::map<std::string, ScenarioPicture> pictures;
    if (r.action == "report") pictures = reportPictures(report, data);
    for (const auto& [scenarioId, picture] : pictures)
      if (picture.png.empty())
        std::fprintf(stderr, "mesomap: note: %s: no picture of %s: %s\n", r.out.c_str(), scenarioId.c_str(),
                     picture.missing.c_str());
    const std::string text = r.action == "report" ? classReportHtml(report, pictures)
                             : r.json             ? classReportJson(report)
                                                  : classReportCsv(report);
    if (r.out.empty())
      std::fputs(text.c_str(), stdout);
    else
      writeFileAtomically(r.out, text);
    if (!r.out.empty())
      std::printf("%s: %zu trainees, %zu attempts\n", r.out.c_str(), report.trainees.size(), report.attempts.size());
  } else {
    throw Error(ErrorKind::Usage, "class: unknown action '" + r.action + "' (create, assign, list, report, export)");
  }
  return 0;
}

CommandSpec classCommand() {
  return CommandSpec{
      "class",
      "a class and its attempts: create, assign, list, report, export (docs/classroom.md)",
      "ACTION CLASS...",
      "create, assign, list, report or export, then the class id (list without one: every class)",
      {{"--db", "CONN", "the class server's connection string (default MESOMAP_CLASS_DB, else the local progress database)",
        "Store"},
       {"--data-dir", "DIR", "where the local progress database lives (default: the user's data folder)", "Store"},
       {"--title", "TEXT", "create: the class's title", "Create"},
       {"--instructor", "A,B", "create: the class's instructors", "Create"},
       {"--trainee", "X,Y", "create: the class's trainees", "Create"},
       {"--scenario", "ID", "assign: the scenario's id", "Assign"},
       {"--mode", "guided|practice|exam", "assign: the mode (default practice)", "Assign"},
       {"--patient", "SPEC", "assign: the patient to practise on (a --patient text)", "Assign"},
       {"--deadline", "ISO", "assign: the deadline, UTC ISO 8601", "Assign"},
       {"--attempts", "N", "assign: attempts allowed (default any)", "Assign"},
       {"-o,--out", "FILE", "report: the HTML page; export: the file (default standard output)", "Report"},
       {"--json", "", "export: JSON instead of CSV", "Report"}},
      runClass,
      "Without --db or MESOMAP_CLASS_DB the class lives in the local progress database."};
}

int runClass(const Arguments& a) {
  if (a.positional().empty() || a.positional().size() > 2)
    throw Error(ErrorKind::Usage, "class: give an action (create, assign, list, report, export) and a class id");
  ClassRequest r;
  r.action = a.positional()[0];
  if (a.positional().size() > 1) r.classId = a.positional()[1];
  r.database = a.value("--db").value_or("");
  r.dataDirectory = a.value("--data-dir").value_or("");
  r.title = a.value("--title").value_or("");
  r.instructors = commaList(a.value("--instructor"));
  r.trainees = commaList(a.value("--trainee"));
  r.scenarioId = a.value("--scenario").value_or("");
  r.mode = a.value("--mode").value_or("practice");
  r.patient = a.value("--patient").value_or("");
  r.deadline = a.value("--deadline").value_or("");
  r.attemptsAllowed = int(a.number("--attempts", 0, 1000).value_or(0));
  r.out = a.value("--out").value_or("");
  r.json = a.flag("--json");
  return runClassRequest(r);
}

}  // namespace mesomap::cli
