# The trainee's name is remembered across starts: a first run with no name in the settings
# offers the login name and keeps it in the settings file at once; a run whose settings name
# "Müller, José" records its submitted attempt under that name in the progress database.
# cmake -DXVFB_RUN= -DMESOMAP= -DPYTHON= -DSCENARIO= -DATTEMPT= -DOUT= -P trainee_run.cmake
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
set(ENV{MESOMAP_SETTINGS} "${OUT}/settings.json")
function(run_app data)
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" ${MESOMAP} --size 1024x700 --frames 6 --data-dir ${data}
            --scenario ${SCENARIO} --attempt ${ATTEMPT} --submit
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 150)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "the app exited with ${code}:\n${out}${err}")
  endif()
endfunction()

set(ENV{USER} "first-run-trainee")
run_app("${OUT}/data1")
file(READ "${OUT}/settings.json" settings)
if(NOT settings MATCHES "\"trainee\": \"first-run-trainee\"")
  message(FATAL_ERROR "the login name was not remembered:\n${settings}")
endif()

file(WRITE "${OUT}/settings.json" "{\"version\": 1, \"trainee\": \"Müller, José\"}\n")
run_app("${OUT}/data2")
execute_process(
  COMMAND ${PYTHON} -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select trainee from attempt').fetchall())"
          "${OUT}/data2/progress.sqlite"
  RESULT_VARIABLE code OUTPUT_VARIABLE rows ERROR_VARIABLE err)
if(NOT code EQUAL 0 OR NOT rows MATCHES "Müller, José")
  message(FATAL_ERROR "the attempt is not recorded under the remembered name: ${rows}${err}")
endif()
message(STATUS "recorded: ${rows}")
