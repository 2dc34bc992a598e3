# The skin section under a selected needle, as the needle panel's inset draws it, in the real
# window under Xvfb: the scripted run places an attempt, selects one point (and submits, with
# SUBMIT=1) and prints the section in words; the regex checks its tip and the window it shades.
# cmake -DXVFB_RUN= -DMESOMAP= -DSCENARIO= -DATTEMPT= -DMODE= -DPOINT= -DSUBMIT= -DOUT= -DREGEX= -P section_run.cmake
set(ENV{MESOMAP_SETTINGS} "${OUT}.settings.json")
file(REMOVE_RECURSE "${OUT}.data")
set(submit "")
if(SUBMIT)
  set(submit --submit)
endif()
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" ${MESOMAP} --size 1280x800 --frames 4
          --scenario ${SCENARIO} --mode ${MODE} --attempt ${ATTEMPT} --select ${POINT} ${submit} --data-dir ${OUT}.data
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 150)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the app exited with ${code}:\n${out}${err}")
endif()
if(NOT out MATCHES "${REGEX}")
  message(FATAL_ERROR "the section does not match '${REGEX}':\n${out}${err}")
endif()
message(STATUS "${out}")
