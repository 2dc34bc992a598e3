# The practice workflow end to end in the real window under Xvfb: the app opens the scenario,
# places an attempt's points through the document commands (as clicks do), submits after the
# first frames and prints the report. Progress and autosave go to a scratch data directory.
# cmake -DXVFB_RUN= -DMESOMAP= -DSCENARIO= -DATTEMPT= -DMODE= -DOUT= -DREGEX= -P practice_run.cmake
set(ENV{MESOMAP_SETTINGS} "${OUT}.settings.json")
file(REMOVE_RECURSE "${OUT}.data")
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" ${MESOMAP} --size 1280x800 --frames 6
          --scenario ${SCENARIO} --mode ${MODE} --attempt ${ATTEMPT} --submit --data-dir ${OUT}.data --screenshot ${OUT}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 150)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the app exited with ${code}:\n${out}${err}")
endif()
if(NOT out MATCHES "${REGEX}")
  message(FATAL_ERROR "the report does not match '${REGEX}':\n${out}${err}")
endif()
# The submitted attempt is in the progress database.
if(NOT EXISTS "${OUT}.data/progress.sqlite")
  message(FATAL_ERROR "no progress database in ${OUT}.data")
endif()
message(STATUS "${out}")
