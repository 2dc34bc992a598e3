# A bad autosave can never stop the app from starting (issue 18): one that cannot be read, and
# one left mid-restore by a crash, are set aside under a name the user is told, and the app
# starts normally; a good one is restored and stays until the attempt is safely recorded.
# cmake -DXVFB_RUN= -DMESOMAP= -DOUT= -DSCENARIO= -P autosave_recovery.cmake
set(ENV{MESOMAP_SETTINGS} "${OUT}.settings.json")

function(run_app data)
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" ${MESOMAP} --size 1024x700 --frames 4 --data-dir ${data}
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 150)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "the app exited with ${code} on ${data}:\n${out}${err}")
  endif()
endfunction()

function(expect_set_aside data)
  if(EXISTS "${data}/autosave.json" OR EXISTS "${data}/autosave.restoring.json")
    message(FATAL_ERROR "the bad autosave in ${data} is still where the next start would read it")
  endif()
  file(GLOB aside "${data}/autosave.failed-*.json")
  if(NOT aside)
    message(FATAL_ERROR "the bad autosave in ${data} was not kept aside")
  endif()
endfunction()

# Not JSON at all.
file(REMOVE_RECURSE "${OUT}.broken")
file(WRITE "${OUT}.broken/autosave.json" "{ this is not json")
run_app("${OUT}.broken")
expect_set_aside("${OUT}.broken")

# Left behind by a start that crashed while restoring it.
file(REMOVE_RECURSE "${OUT}.crashed")
file(WRITE "${OUT}.crashed/autosave.restoring.json" "{}")
run_app("${OUT}.crashed")
expect_set_aside("${OUT}.crashed")

# A good autosave comes back and is kept (it is not submitted).
file(REMOVE_RECURSE "${OUT}.good")
file(READ "${ATTEMPT}" attempt)
file(WRITE "${OUT}.good/autosave.json" "{\"scenario_path\": \"${SCENARIO}\", \"attempt\": ${attempt}}")
run_app("${OUT}.good")
if(NOT EXISTS "${OUT}.good/autosave.json" OR EXISTS "${OUT}.good/autosave.restoring.json")
  message(FATAL_ERROR "a good autosave was not kept in place after restoring it")
endif()
file(GLOB aside "${OUT}.good/autosave.failed-*.json")
if(aside)
  message(FATAL_ERROR "a good autosave was set aside")
endif()

# A submission the progress database cannot take (here: a folder where the file should be) is
# kept as an attempt file in unrecorded/, which `mesomap score` reads; nothing is lost.
file(REMOVE_RECURSE "${OUT}.nodb")
file(MAKE_DIRECTORY "${OUT}.nodb/progress.sqlite")
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" ${MESOMAP} --size 1024x700 --frames 4 --scenario ${SCENARIO}
          --mode practice --attempt ${ATTEMPT} --submit --data-dir ${OUT}.nodb
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 150)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the app exited with ${code} without a progress database:\n${out}${err}")
endif()
file(GLOB kept "${OUT}.nodb/unrecorded/*.json")
if(NOT kept)
  message(FATAL_ERROR "the submitted attempt was not kept anywhere:\n${out}${err}")
endif()
list(GET kept 0 kept)
execute_process(COMMAND ${MESOMAP} score --scenario ${SCENARIO} ${kept} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0 OR NOT out MATCHES "Score 100\\.0 / 100: PASS")
  message(FATAL_ERROR "the kept attempt does not score as submitted (${code}):\n${out}${err}")
endif()
