# An older scenario file is upgraded with a message: `validate` says its absolute positions have
# no hm08 anchor, `validate --write-anchors` adds them and rewrites the file, and the file then
# validates without the note, with its positions unchanged.
# cmake -DMESOMAP= -DSCENARIO= -DOUT= -P scenario_anchors_run.cmake
file(REMOVE "${OUT}")
file(COPY_FILE "${SCENARIO}" "${OUT}")
function(validate expect_regex reject_regex)
  execute_process(COMMAND ${MESOMAP} validate ${ARGN} "${OUT}" RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err
                  TIMEOUT 120)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "validate ${ARGN} exited with ${code}:\n${out}${err}")
  endif()
  if(NOT out MATCHES "${expect_regex}")
    message(FATAL_ERROR "validate ${ARGN} does not say '${expect_regex}':\n${out}${err}")
  endif()
  if(NOT reject_regex STREQUAL "" AND out MATCHES "${reject_regex}")
    message(FATAL_ERROR "validate ${ARGN} still says '${reject_regex}':\n${out}${err}")
  endif()
  message(STATUS "${out}")
endfunction()
validate("note: .*: 11 absolute positions have no hm08 anchor: on a patient they are carried by the landmarks" "")
file(READ "${OUT}" before)
validate("note: painted_zones_test: 11 absolute positions anchored on MakeHuman's hm08 topology \\(11 new, 0 moved\\), so they reach every parametric patient exactly; written to" ""
         --write-anchors)
file(READ "${OUT}" after)
if(NOT after MATCHES "\"hm08_anchor\"")
  message(FATAL_ERROR "no hm08_anchor written:\n${after}")
endif()
validate("ok \\(0 landmarks, 4 points, 2 zones\\)" "no hm08 anchor")
