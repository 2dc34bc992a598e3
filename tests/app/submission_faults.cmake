# No fault loses a submitted attempt or records it twice (issue 18). The app submits a scripted
# attempt and is killed (SIGKILL, as by a power cut) at one step of the submission, named in
# MESOMAP_FAULT_POINT (core/base/fault_point.h); a plain restart on the same data folder must then
# find the attempt exactly once in the progress database, with its score, and leave nothing
# behind to be recorded again.
# cmake -DXVFB_RUN= -DMESOMAP= -DPYTHON= -DOUT= -DSCENARIO= -DATTEMPT= -P submission_faults.cmake
set(ENV{MESOMAP_SETTINGS} "${OUT}.settings.json")
set(app ${XVFB_RUN} -a -s "-screen 0 1400x900x24" ${MESOMAP} --size 1024x700 --frames 4)

# Prints "<rows> <scores>" for the scenario's attempts in the progress database.
function(recorded data result)
  execute_process(
    COMMAND ${PYTHON} -c "import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(
    \"SELECT score FROM attempt WHERE scenario_id = 'achilles_tendinopathy_right'\").fetchall()
print(len(rows), ','.join('%.1f' % r[0] for r in rows))" "${data}/progress.sqlite"
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "cannot read ${data}/progress.sqlite: ${err}")
  endif()
  set(${result} "${out}" PARENT_SCOPE)
endfunction()

function(check_submission fault)
  set(data "${OUT}.${fault}")
  file(REMOVE_RECURSE "${data}")
  set(ENV{MESOMAP_FAULT_POINT} "${fault}")
  execute_process(
    COMMAND ${app} --scenario ${SCENARIO} --mode practice --attempt ${ATTEMPT} --submit --data-dir ${data}
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 150)
  unset(ENV{MESOMAP_FAULT_POINT})
  # 137 = 128 + SIGKILL: the step was reached (a test whose fault never fires proves nothing).
  if((fault STREQUAL "none" AND NOT code EQUAL 0) OR (NOT fault STREQUAL "none" AND NOT code EQUAL 137))
    message(FATAL_ERROR "submitting with fault point '${fault}': exit ${code}, expected a kill at that step:\n${out}${err}")
  endif()
  # The restart restores whatever the autosave holds and records a submitted attempt.
  execute_process(COMMAND ${app} --data-dir ${data} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err
                  TIMEOUT 150)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "restarting after '${fault}': exit ${code}:\n${out}${err}")
  endif()
  recorded("${data}" rows)
  if(NOT rows STREQUAL "1 100.0")
    message(FATAL_ERROR "after a kill at '${fault}' and a restart the database holds '${rows}' (count, scores) "
                        "where the submitted attempt should be once, at 100.0")
  endif()
  file(GLOB left "${data}/autosave*.json" "${data}/unrecorded/*.json")
  if(left)
    message(FATAL_ERROR "after '${fault}' and a restart, ${left} is left to be recorded or offered again")
  endif()
  message(STATUS "${fault}: recorded once")
endfunction()

# In submission order: the autosave rewritten as submitted, the progress transaction before its
# COMMIT, just after the COMMIT, and after the attempt is safe but before the autosave goes.
foreach(fault none submit-after-autosave progress-before-commit progress-after-commit submit-after-record)
  check_submission(${fault})
endforeach()
