// mesomap: the GUI by default, or a subcommand for scripts and CI.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/base/error.h"

namespace {

void printUsage() {
  std::printf(
      "mesomap %s: mesotherapy training on a 3D body (training protocols, not clinical advice)\n\n"
      "usage:\n"
      "  mesomap [--model PATH] [--units mm|cm|m] [--up y|z|-z...] [--height METRES]   open the app\n"
      "  mesomap --builder | --edit SCENARIO.json                      open the scenario builder\n"
      "  mesomap render --out FILE.png [--model PATH] [--view front|back|left|right|top]\n"
      "                 [--size WxH] [--samples N] [--units U] [--up A]\n"
      "                 [--scenario FILE.json] [--markers FILE.json] [--look-at X,Y,Z] [--distance MM]\n"
      "                 [--landmarks body|estimated|both]\n"
      "                 [--camera front|back|left|right|top|region|BOOKMARK]\n"
      "                 [--background gradient|transparent|#rrggbb|#top,#bottom]\n"
      "                 [--overlay reference,zones,landmarks,labels,legend,scale-bar|none]\n"
      "                 [--reference BASELINE.png [--reference-threshold F]]\n"
      "  mesomap render --scenario FILE.json --section POINT_ID --out FILE.png   skin cross-section\n"
      "  mesomap info [--model PATH] [--units U] [--up A]                model statistics\n"
      "  mesomap compare ACTUAL.png BASELINE.png [--threshold F]          image regression check\n"
      "  mesomap validate SCENARIO.json... [--model PATH] [--quiet]        check scenario files\n"
      "  mesomap export-markups SCENARIO.json --out MAP.mrk.json [--ras]   3D Slicer markups\n"
      "  mesomap attempt --perfect SCENARIO.json [--out A.json]            the attempt that follows the reference\n"
      "  mesomap score --scenario S.json ATTEMPT.json... [--json|--csv] [--html PAGE.html]\n"
      "                                                                    grade attempts (docs/scoring.md)\n"
      "  mesomap landmarks [--model PATH] [--estimate | --compare] [--out FILE.json]\n"
      "                                                                    a body's standard landmarks\n"
      "  mesomap class create|assign|list|report|export [CLASS] [--db CONN] ...\n"
      "                                                                    a class and its attempts (docs/classroom.md)\n"
      "  render, validate, attempt, score and landmarks also take, instead of --model:\n"
      "    --patient sex=female,age=65,bmi=33[,muscle=0.5,height=162]     a parametric patient (or weight=KG;\n"
      "                                                                    sex female|male|0..1, age 1..90 y,\n"
      "                                                                    bmi 16..40, muscle 0..1, height 50..230 cm)\n"
      "    --patient listed[:N] | random[:SEED]                            with --scenario: one of the patients it\n"
      "                                                                    names, or one drawn from its patient_range\n\n"
      "  --height 1.80 (metres) scales any --model to that height, whatever its units\n\n"
      "exit codes: 0 ok, 1 images differ, 2 bad arguments, 3 invalid input file, 4 file access, 5 rendering\n\n"
      "environment:\n"
      "  MESOMAP_DATA_DIR   the folder of mesomap's data (scenarios/, landmarks/, makehuman/, schemas/);\n"
      "                     default: ../share/mesomap beside the program, or the build tree's assets/\n"
      "  MESOMAP_CLASS_DB   the class server's connection string (docs/classroom.md); unset: local progress\n",
      MESOMAP_VERSION);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string command = args.empty() ? "" : args.front();
  try {
    if (command == "--help" || command == "-h" || command == "help") {
      printUsage();
      return 0;
    }
    if (command == "--version") {
      std::printf("mesomap %s\n", MESOMAP_VERSION);
      return 0;
    }
    if (command == "render") return mesomap::cli::runRender({args.begin() + 1, args.end()});
    if (command == "export-markups") return mesomap::cli::runExportMarkups({args.begin() + 1, args.end()});
    if (command == "attempt") return mesomap::cli::runAttempt({args.begin() + 1, args.end()});
    if (command == "score") return mesomap::cli::runScore({args.begin() + 1, args.end()});
    if (command == "landmarks") return mesomap::cli::runLandmarks({args.begin() + 1, args.end()});
    if (command == "validate") return mesomap::cli::runValidate({args.begin() + 1, args.end()});
    if (command == "compare") return mesomap::cli::runCompare({args.begin() + 1, args.end()});
    if (command == "info") return mesomap::cli::runInfo({args.begin() + 1, args.end()});
    if (command == "class") return mesomap::cli::runClass({args.begin() + 1, args.end()});
    if (!command.empty() && command.rfind("--", 0) != 0) {
      throw mesomap::Error(mesomap::ErrorKind::Usage, "unknown command '" + command + "' (see mesomap --help)");
    }
    return mesomap::cli::runGui(args);
  } catch (const mesomap::Error& e) {
    std::fprintf(stderr, "mesomap: %s\n", e.what());
    return mesomap::exitCodeFor(e.kind());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mesomap: unexpected failure: %s\n", e.what());
    return 70;
  }
}
