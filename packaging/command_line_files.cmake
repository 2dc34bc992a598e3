# cmake -DMESOMAP=PROGRAM -DCOMPLETION=FILE -DMAN_INCLUDE=FILE -P command_line_files.cmake
# Writes, from the program's own parser: the bash completion script (mesomap --bash-completion)
# and a COMMANDS section for help2man holding each subcommand's --help, so the man page
# documents every command, not only the app's options.
execute_process(COMMAND ${MESOMAP} --bash-completion OUTPUT_FILE ${COMPLETION} RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "mesomap --bash-completion failed (${code})")
endif()
execute_process(COMMAND ${MESOMAP} --help OUTPUT_VARIABLE help RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "mesomap --help failed (${code})")
endif()
# The command names: the "Subcommands:" list of the app's help.
string(REGEX REPLACE ".*\nSubcommands:\n" "" list "${help}")
string(REGEX MATCHALL "(^|\n)  [a-z][a-z-]*" names "${list}")
set(roff "[COMMANDS]\nEach command has its own options, shown by \\fBmesomap\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR:\n")
foreach(entry IN LISTS names)
  string(STRIP "${entry}" name)
  execute_process(COMMAND ${MESOMAP} ${name} --help OUTPUT_VARIABLE text RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "mesomap ${name} --help failed (${code})")
  endif()
  # Verbatim in roff: backslashes escaped, no line read as a request.
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  string(APPEND roff ".SS \"mesomap ${name}\"\n.nf\n${text}.fi\n")
endforeach()
file(WRITE ${MAN_INCLUDE} "${roff}")
