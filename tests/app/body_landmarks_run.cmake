# A scenario on standard landmarks, practised in the window on another body: a copy of the
# default body under another name has no landmark file, so its landmarks are estimated. The
# app must put the scenario on that body's landmarks (as `mesomap attempt` and `score` do): the
# attempt made for that body then scores 100. On the default body's hand-placed landmarks it
# would lose position points (their estimates differ by a few millimetres).
# cmake -DXVFB_RUN= -DMESOMAP= -DMODEL= -DSCENARIO= -DOUT= -P body_landmarks_run.cmake
set(ENV{MESOMAP_SETTINGS} "${OUT}.settings.json")
file(REMOVE_RECURSE "${OUT}.data")
file(MAKE_DIRECTORY "${OUT}.data")
set(body "${OUT}.data/other_body.zae")
file(COPY_FILE "${MODEL}" "${body}")
execute_process(COMMAND ${MESOMAP} attempt --perfect ${SCENARIO} --model ${body} --out ${OUT}.data/attempt.json
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "mesomap attempt exited with ${code}:\n${out}${err}")
endif()
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" ${MESOMAP} --model ${body} --size 1280x800 --frames 4
          --scenario ${SCENARIO} --mode practice --attempt ${OUT}.data/attempt.json --submit --data-dir ${OUT}.data
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 150)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the app exited with ${code}:\n${out}${err}")
endif()
if(NOT out MATCHES "Score 100\\.0 / 100: PASS")
  message(FATAL_ERROR "the attempt made for this body does not score 100 in the app:\n${out}${err}")
endif()
message(STATUS "${out}")
