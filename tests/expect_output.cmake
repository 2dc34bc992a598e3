# cmake -DEXPECTED=FILE -DCOMMAND="prog|arg|arg" -P expect_output.cmake
# Runs the command and requires exit 0 and standard output equal to FILE, byte for byte.
string(REPLACE "|" ";" command "${COMMAND}")
execute_process(COMMAND ${command} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 100)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "exit code ${code}:\n${out}${err}")
endif()
file(READ "${EXPECTED}" expected)
if(NOT out STREQUAL expected)
  get_filename_component(name "${EXPECTED}" NAME)
  file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/${name}.actual" "${out}")
  message(FATAL_ERROR "output differs from ${EXPECTED}; actual written to ${CMAKE_CURRENT_BINARY_DIR}/${name}.actual\n${out}")
endif()
