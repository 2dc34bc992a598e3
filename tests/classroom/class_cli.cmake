# cmake -DMESOMAP=PROG -DOUT=DIR -DBACKEND=SQLite|PostgreSQL -P class_cli.cmake
# `mesomap class` end to end: create, assign, list, report and export, and the refusals, on the
# local progress database or on the class server of MESOMAP_TEST_CLASS_DB (skipped without one,
# unless MESOMAP_REQUIRE_CLASS_SERVER=1).
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
if(BACKEND STREQUAL "PostgreSQL")
  if("$ENV{MESOMAP_TEST_CLASS_DB}" STREQUAL "")
    if("$ENV{MESOMAP_REQUIRE_CLASS_SERVER}" STREQUAL "1")
      message(FATAL_ERROR "MESOMAP_REQUIRE_CLASS_SERVER=1 but no MESOMAP_TEST_CLASS_DB")
    endif()
    message("SKIPPED: no class server (MESOMAP_TEST_CLASS_DB)")
    return()
  endif()
  set(server "$ENV{MESOMAP_TEST_CLASS_DB}")
  foreach(sql "DROP DATABASE IF EXISTS mesomap_class_cli WITH (FORCE)" "CREATE DATABASE mesomap_class_cli")
    execute_process(COMMAND psql "${server}" -q -c "${sql}" RESULT_VARIABLE code ERROR_VARIABLE err)
    if(NOT code EQUAL 0)
      message(FATAL_ERROR "psql: ${sql}: ${err}")
    endif()
  endforeach()
  set(where --db "${server} dbname=mesomap_class_cli")
else()
  set(where --data-dir "${OUT}")
endif()

# Runs mesomap class ARGS...; requires exit code `expected_code` and output matching `pattern`.
function(expect expected_code pattern)
  execute_process(COMMAND "${MESOMAP}" class ${ARGN} ${where} RESULT_VARIABLE code OUTPUT_VARIABLE out
                  ERROR_VARIABLE err TIMEOUT 60)
  if(NOT code EQUAL expected_code OR NOT "${out}${err}" MATCHES "${pattern}")
    message(FATAL_ERROR "mesomap class ${ARGN}: exit ${code} (expected ${expected_code}), output:\n${out}${err}\n"
                        "expected to match: ${pattern}")
  endif()
endfunction()

expect(0 "class derm-1 created on " create derm-1 --title "Dermatology 1" --instructor ines --trainee ana,ben)
expect(0 "assignment [0-9]+: knee_osteoarthritis_right \\(exam\\) for class derm-1"
       assign derm-1 --scenario knee_osteoarthritis_right --mode exam --patient sex=female,age=70,bmi=34
       --deadline 2026-12-20T18:00:00Z --attempts 3)
expect(0 "^derm-1\tDermatology 1\n$" list)
expect(0 "instructor\tines\ntrainee\tana\ntrainee\tben\nassignment [0-9]+\tknee_osteoarthritis_right\texam\tpatient=sex=female,age=70,bmi=34\tdeadline=2026-12-20T18:00:00Z\tattempts=3\n"
       list derm-1)
expect(0 "derm-1.html: 2 trainees, 0 attempts" report derm-1 --out "${OUT}/derm-1.html")
file(READ "${OUT}/derm-1.html" page)
if(NOT page MATCHES "<h1>Dermatology 1</h1>.*<td>ana</td><td>0</td>")
  message(FATAL_ERROR "the class report does not list ana:\n${page}")
endif()
expect(0 "^class,trainee,scenario_id,scenario_version,patient,body,mode,submitted_at,score,passed,late,mesomap_version\n$"
       export derm-1)
expect(0 "\"format\": \"mesomap-class-export\".*\"class\": \"derm-1\".*\"attempts\": \\[\\]" export derm-1 --json)
# Refusals name what is wrong.
expect(3 "class 'derm-1': already exists" create derm-1)
expect(3 "no class 'derm-2'" report derm-2 --out "${OUT}/none.html")
expect(2 "--mode 'hard' is not guided, practice or exam" assign derm-1 --scenario knee --mode hard)
expect(3 "deadline 'friday' is not a UTC time like 2026-12-20T18:00:00Z" assign derm-1 --scenario knee --deadline friday)
expect(2 "unknown action 'grade'" grade derm-1)
