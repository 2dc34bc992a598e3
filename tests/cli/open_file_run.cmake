# The app opened on a file given without an option (mesomap FILE), in a scripted run under Xvfb.
# cmake -DXVFB_RUN= -DMESOMAP= -DOUT= "-DARGS=arg|arg" -DREGEX= -P open_file_run.cmake
# Progress and autosave go to a scratch data directory; what it prints (report, notes) must
# match REGEX.
set(ENV{MESOMAP_SETTINGS} "${OUT}.settings.json")
file(REMOVE_RECURSE "${OUT}.data")
string(REPLACE "|" ";" args "${ARGS}")
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" ${MESOMAP} --size 1024x700 --frames 6 --data-dir ${OUT}.data ${args}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 150)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the app exited with ${code}:\n${out}${err}")
endif()
if(NOT "${out}${err}" MATCHES "${REGEX}")
  message(FATAL_ERROR "the report does not match '${REGEX}':\n${out}${err}")
endif()
message(STATUS "${out}")
