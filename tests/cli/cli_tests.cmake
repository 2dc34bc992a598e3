# The command line (issue 16): help for every command, -V, --, short options, suggestions for
# typos, FILE opening the app, the man page and the bash completion made from the parser.
# mesomap_failure_test comes from render/render_tests.cmake.
set(MESOMAP_CLI_OUT ${CMAKE_CURRENT_BINARY_DIR}/cli)
file(MAKE_DIRECTORY ${MESOMAP_CLI_OUT})

add_test(NAME cli_help_lists_options
         COMMAND ${CMAKE_COMMAND} -DMESOMAP=$<TARGET_FILE:mesomap>
                 "-DKEY_OPTIONS=render:-o,--out,--reference,--view,--patient;info:--model,--height;compare:--threshold;validate:-q,--quiet;export-markups:-o,--ras;attempt:--perfect,--trainee;score:--scenario,--csv,--html;landmarks:--compare,--write-patient-anchors;app:-V,--frames,--screenshot,--print-startup,--data-dir,--builder"
                 -P ${CMAKE_CURRENT_LIST_DIR}/help_lists_options.cmake)
set_tests_properties(cli_help_lists_options PROPERTIES LABELS cli TIMEOUT 120)

add_test(NAME cli_version_short COMMAND mesomap -V)
set_tests_properties(cli_version_short PROPERTIES LABELS cli PASS_REGULAR_EXPRESSION "^mesomap ${PROJECT_VERSION}\n$")
add_test(NAME cli_help_word COMMAND mesomap help score)
set_tests_properties(cli_help_word PROPERTIES LABELS cli PASS_REGULAR_EXPRESSION "Usage: mesomap score .*--scenario SCENARIO\\.json")

mesomap_failure_test(command_typo 2 "unknown command 'rendr' \\(did you mean 'render'\\?\\)" rendr --out x.png)
mesomap_failure_test(option_typo 2 "unknown option --modle \\(did you mean --model\\?\\)" render --modle body.glb)
mesomap_failure_test(app_option_typo 2 "unknown option --scenaro \\(did you mean --scenario\\?\\)" --scenaro x.json)
mesomap_failure_test(app_option_before_command 2 "option --size is the app's, not render's" --size 100x100 render)
mesomap_failure_test(app_orbit_with_frames 2 "--orbit N ends the run itself: leave out --frames" --orbit 5 --frames 3)
mesomap_failure_test(option_without_value 2 "option --units needs a value" info --units)
# After --, a word is a file even when it starts with '-'; a command that takes none says so.
mesomap_failure_test(double_dash_file 3 "scenario '-plan\\.json': cannot open file for reading" validate -- -plan.json)
mesomap_failure_test(double_dash_extra 2 "render: unexpected argument '--view'" render -o never.png -- --view)
# A value may start with '-' (--up -z), as before CLI11.
add_test(NAME cli_value_with_dash COMMAND mesomap info --up -z)
set_tests_properties(cli_value_with_dash PROPERTIES LABELS cli PASS_REGULAR_EXPRESSION "up axis: +-z, set by the user")
add_test(NAME cli_short_out
         COMMAND mesomap export-markups ${CMAKE_SOURCE_DIR}/assets/scenarios/knee_osteoarthritis_right.json
                 -o ${MESOMAP_CLI_OUT}/knee.mrk.json)
set_tests_properties(cli_short_out PROPERTIES LABELS cli PASS_REGULAR_EXPRESSION "knee\\.mrk\\.json: wrote 15 control points")

# FILE: what was not understood is said, with the file's name.
mesomap_failure_test(open_missing_file 4 "'/nonexistent/body\\.glb': file not found" /nonexistent/body.glb)
mesomap_failure_test(open_unknown_json 3 "labelled_markers\\.json': not understood: not a mesomap scenario or attempt \\(it has no \"format\""
                     ${MESOMAP_TEST_DATA}/labelled_markers.json)
mesomap_failure_test(open_unknown_extension 3 "LICENSE': not understood: not a model" ${CMAKE_SOURCE_DIR}/LICENSE)
mesomap_failure_test(open_two_scenarios 2 "and --scenario both say what to open"
                     --scenario ${CMAKE_SOURCE_DIR}/assets/scenarios/knee_osteoarthritis_right.json
                     ${CMAKE_SOURCE_DIR}/assets/scenarios/achilles_tendinopathy_right.json)

# FILE opens the app: a scenario to practise on, an attempt on its library scenario.
if(XVFB_RUN)
  function(mesomap_open_file_test name regex)
    add_test(NAME cli_open_${name}
             COMMAND ${CMAKE_COMMAND} -DXVFB_RUN=${XVFB_RUN} -DMESOMAP=$<TARGET_FILE:mesomap>
                     -DOUT=${MESOMAP_CLI_OUT}/open_${name} "-DREGEX=${regex}" "-DARGS=${ARGN}"
                     -P ${CMAKE_CURRENT_LIST_DIR}/open_file_run.cmake)
    set_tests_properties(cli_open_${name} PROPERTIES LABELS "cli;app" TIMEOUT 180)
  endfunction()
  string(REPLACE ";" "|" achilles_scenario_then_attempt
         "--attempt;${MESOMAP_TEST_DATA}/attempts/achilles_perfect.json;--submit;${CMAKE_SOURCE_DIR}/assets/scenarios/achilles_tendinopathy_right.json")
  mesomap_open_file_test(scenario "Score 100\\.0 / 100: PASS" ${achilles_scenario_then_attempt})
  mesomap_open_file_test(attempt "Score 100\\.0 / 100: PASS" "--submit|${MESOMAP_TEST_DATA}/attempts/achilles_perfect.json")
  # --patient listed:N picks from the scenario the app opens on.
  mesomap_open_file_test(scenario_listed_patient "note: patient sex=1,age=70,bmi=28,muscle=0\\.5,height=175: patient 2 of the scenario's 3"
                         "--patient|listed:2|${CMAKE_SOURCE_DIR}/assets/scenarios/knee_osteoarthritis_right.json")
endif()

# The bash completion, as bash offers it: mesomap ren<TAB>, mesomap render --mo<TAB>...
find_program(MESOMAP_BASH bash)
if(MESOMAP_BASH)
  add_test(NAME cli_bash_completion
           COMMAND ${MESOMAP_BASH} ${CMAKE_CURRENT_LIST_DIR}/completion_test.sh ${CMAKE_BINARY_DIR}/mesomap.bash-completion)
  set_tests_properties(cli_bash_completion PROPERTIES LABELS cli FAIL_REGULAR_EXPRESSION "expected")
endif()

# The man page holds every command's help (built with the default target, where help2man is).
find_program(MESOMAP_HELP2MAN help2man)
if(MESOMAP_HELP2MAN)
  add_test(NAME cli_man_page_lists_commands
           COMMAND ${CMAKE_COMMAND} -DMAN=${CMAKE_BINARY_DIR}/mesomap.1 -P ${CMAKE_CURRENT_LIST_DIR}/man_page_check.cmake)
  set_tests_properties(cli_man_page_lists_commands PROPERTIES LABELS cli)
endif()
