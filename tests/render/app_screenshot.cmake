# Opens the real window under Xvfb, lets it draw a few frames, saves the window and compares it.
set(ENV{MESOMAP_SETTINGS} "${OUT}.settings.json")  # never touch the user's own settings
set(ENV{XDG_DATA_HOME} "${OUT}.data")  # nor their progress and autosave
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x800x24" ${MESOMAP} --size 960x640 --frames 3 --screenshot ${OUT}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 150)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the app exited with ${code}:\n${out}${err}")
endif()
if(NOT EXISTS ${OUT})
  message(FATAL_ERROR "the app did not save its screenshot to ${OUT}")
endif()
execute_process(COMMAND ${MESOMAP} compare ${OUT} ${BASELINE} --threshold 0.01 RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the window differs from ${BASELINE}")
endif()
