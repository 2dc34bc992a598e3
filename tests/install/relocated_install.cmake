# cmake -DBUILD=DIR -DSOURCE=DIR -DWORK=DIR -P relocated_install.cmake
# Installs the build into WORK/staged, moves the tree to WORK/moved (nothing installed may depend
# on where it was put, nor on the source tree), then, as a user of the installed program would:
# every library scenario's perfect attempt scores 100, a library scenario validates, and with
# MESOMAP_DATA_DIR at an empty folder grading stops with an error naming the missing file.
function(regex_escape out text)
  string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" escaped "${text}")
  set(${out} "${escaped}" PARENT_SCOPE)
endfunction()

function(fail)
  string(JOIN " " text ${ARGN})
  message(FATAL_ERROR "${text}")
endfunction()

# Runs the installed mesomap (MESOMAP_DATA_DIR unset unless ENV_DATA is given) from WORK.
function(run_mesomap out_code out_text)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "ENV_DATA" "")
  set(env --unset=MESOMAP_DATA_DIR)
  if(DEFINED arg_ENV_DATA)
    set(env MESOMAP_DATA_DIR=${arg_ENV_DATA})
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E env ${env} ${PREFIX}/bin/mesomap ${arg_UNPARSED_ARGUMENTS}
                  WORKING_DIRECTORY ${WORK} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  set(${out_code} "${code}" PARENT_SCOPE)
  set(${out_text} "${out}${err}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${WORK}/staged
                RESULT_VARIABLE code OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  fail("cmake --install failed (${code}):" ${err})
endif()
file(COPY ${WORK}/staged/ DESTINATION ${WORK}/moved)
file(REMOVE_RECURSE ${WORK}/staged)
set(PREFIX ${WORK}/moved)

foreach(installed bin/mesomap share/mesomap/landmarks/default_body.json share/mesomap/makehuman/body.mhbin
        share/mesomap/makehuman/landmarks.json share/mesomap/makehuman/LICENSE.ASSETS.md
        share/mesomap/schemas/mesomap-scenario.schema.json share/mesomap/scenarios/low_back_pain_chronic.json
        share/applications/io.github.mesomap.mesomap.desktop share/metainfo/io.github.mesomap.mesomap.metainfo.xml
        share/icons/hicolor/scalable/apps/io.github.mesomap.mesomap.svg
        share/mime/packages/io.github.mesomap.mesomap.xml share/doc/mesomap/README.md share/doc/mesomap/LICENSE
        share/doc/mesomap/docs/formats.md share/bash-completion/completions/mesomap)
  if(NOT EXISTS ${PREFIX}/${installed})
    fail("not installed: ${installed}")
  endif()
endforeach()
if(EXISTS ${PREFIX}/bin/mesomap-data-dir.txt)
  fail("the build tree's marker was installed: the installed program would read the source tree")
endif()

# No path into the source tree is compiled into the program.
regex_escape(source_pattern "${SOURCE}")
file(STRINGS ${PREFIX}/bin/mesomap source_paths REGEX "${source_pattern}")
if(source_paths)
  fail("bin/mesomap names the source tree:" ${source_paths})
endif()

file(GLOB scenarios ${PREFIX}/share/mesomap/scenarios/*.json)
list(LENGTH scenarios count)
if(count LESS 8)
  fail("only ${count} library scenarios installed")
endif()
foreach(scenario ${scenarios})
  get_filename_component(name ${scenario} NAME_WE)
  run_mesomap(code text attempt --perfect ${scenario} --out ${WORK}/${name}_perfect.json)
  if(NOT code EQUAL 0)
    fail("attempt --perfect ${name} failed (${code}):" ${text})
  endif()
  run_mesomap(code text score --scenario ${scenario} ${WORK}/${name}_perfect.json)
  if(NOT code EQUAL 0 OR NOT text MATCHES "Score 100\\.0 / 100: PASS" OR text MATCHES "estimated|warning")
    fail("the installed program scores the perfect ${name} attempt (${code}):" ${text})
  endif()
  message(STATUS "${name}: 100")
endforeach()

set(chronic ${PREFIX}/share/mesomap/scenarios/low_back_pain_chronic.json)
run_mesomap(code text validate ${chronic})
if(NOT code EQUAL 0 OR NOT text MATCHES "low_back_pain_chronic\\.json: ok \\(")
  fail("validate of an installed scenario (${code}):" ${text})
endif()

# A data folder without the default body's landmark set: grading stops and says what and where.
file(MAKE_DIRECTORY ${WORK}/empty)
run_mesomap(code text score --scenario ${chronic} ${WORK}/low_back_pain_chronic_perfect.json ENV_DATA ${WORK}/empty)
regex_escape(empty "${WORK}/empty")
set(expected "'${empty}/landmarks/default_body\\.json' is missing, and the default body's scenarios are graded on it \\(data folder '${empty}', from MESOMAP_DATA_DIR\\); reinstall mesomap, or set MESOMAP_DATA_DIR")
if(code EQUAL 0 OR NOT text MATCHES "${expected}")
  fail("with MESOMAP_DATA_DIR empty, score should fail naming the file (exit ${code}):" ${text})
endif()
if(text MATCHES "Score ")
  fail("with MESOMAP_DATA_DIR empty, score still printed a score:" ${text})
endif()
message(STATUS "empty MESOMAP_DATA_DIR: exit ${code}: ${text}")

# The MIME types compile into a usable database.
find_program(UPDATE_MIME update-mime-database)
if(UPDATE_MIME)
  execute_process(COMMAND ${UPDATE_MIME} ${PREFIX}/share/mime RESULT_VARIABLE code ERROR_VARIABLE err)
  if(NOT code EQUAL 0 OR NOT EXISTS ${PREFIX}/share/mime/application/x-mesomap-scenario.xml)
    fail("update-mime-database on the installed MIME types (${code}):" ${err})
  endif()
endif()
