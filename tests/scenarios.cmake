# Scenario files through the command line: the built-in library validates clean (schema-level
# and on the default body), and each class of mistake is reported with its JSON path.
file(GLOB MESOMAP_BUILTIN_SCENARIOS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/assets/scenarios/*.json)
add_test(NAME validate_builtin_scenarios COMMAND mesomap validate ${MESOMAP_BUILTIN_SCENARIOS})
set_tests_properties(validate_builtin_scenarios PROPERTIES LABELS cli TIMEOUT 120)

set(MESOMAP_BAD_SCENARIOS ${MESOMAP_TEST_DATA}/scenarios)
mesomap_failure_test(validate_out_of_range 3 "bad_values.json: points\\[2\\]\\.angle_deg\\.max: 120 is outside 0\\.\\.90"
                     validate ${MESOMAP_BAD_SCENARIOS}/bad_values.json)
mesomap_failure_test(validate_unknown_landmark 3 "points\\[3\\]\\.relative_to\\.landmark: unknown landmark 'L9_spinous'"
                     validate ${MESOMAP_BAD_SCENARIOS}/bad_values.json)
mesomap_failure_test(validate_point_off_skin 3 "points\\[0\\]\\.position_mm: 2[0-9]\\.[0-9] mm from the skin \\(at most 5\\.0 mm\\)"
                     validate ${MESOMAP_BAD_SCENARIOS}/off_skin.json)
mesomap_failure_test(validate_landmark_off_skin 3 "landmarks\\[1\\]\\.position_mm: 4[0-9]\\.[0-9] mm from the skin"
                     validate ${MESOMAP_BAD_SCENARIOS}/off_skin.json)
mesomap_failure_test(validate_offset_wraps_around 3 "points\\[7\\]\\.relative_to: the offset from 'tibial_tuberosity_right' wraps around the limb"
                     validate ${MESOMAP_BAD_SCENARIOS}/off_skin.json)
mesomap_failure_test(validate_future_version 3 "version: 2 is newer than this mesomap reads \\(1\\); upgrade mesomap"
                     validate ${MESOMAP_BAD_SCENARIOS}/future_version.json)
mesomap_failure_test(validate_missing_file 3 "scenario '/nonexistent/plan.json': cannot open file for reading"
                     validate /nonexistent/plan.json)

# A scenario drawn headless: landmarks, reference needles and zones, labelled, with a scale bar.
mesomap_render_test(scenario_knee_front --size 700x700 --view front --overlay labels,scale-bar
                    --scenario ${CMAKE_SOURCE_DIR}/assets/scenarios/knee_osteoarthritis_right.json)

# The committed JSON Schema accepts the built-in library and rejects a broken file. Debian's
# python3 (with python3-jsonschema) runs it; there is no C++ validator in Debian.
find_program(MESOMAP_SYSTEM_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
set(MESOMAP_SCENARIO_SCHEMA ${CMAKE_SOURCE_DIR}/assets/schemas/mesomap-scenario.schema.json)
add_test(NAME schema_accepts_builtin_scenarios
         COMMAND ${MESOMAP_SYSTEM_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/check_schema.py ${MESOMAP_SCENARIO_SCHEMA}
                 ${MESOMAP_BUILTIN_SCENARIOS})
add_test(NAME schema_rejects_out_of_range
         COMMAND ${MESOMAP_SYSTEM_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/check_schema.py ${MESOMAP_SCENARIO_SCHEMA}
                 ${MESOMAP_BAD_SCENARIOS}/bad_values.json ${MESOMAP_BAD_SCENARIOS}/future_version.json --expect-invalid)
set_tests_properties(schema_accepts_builtin_scenarios schema_rejects_out_of_range PROPERTIES LABELS schema)

# Export to 3D Slicer: landmarks + points of the knee scenario (5 + 10 control points).
add_test(NAME export_markups_knee
         COMMAND mesomap export-markups ${CMAKE_SOURCE_DIR}/assets/scenarios/knee_osteoarthritis_right.json
                 --out ${CMAKE_CURRENT_BINARY_DIR}/knee.mrk.json)
set_tests_properties(export_markups_knee PROPERTIES LABELS cli PASS_REGULAR_EXPRESSION "wrote 15 control points \\(LPS\\)")
mesomap_failure_test(export_markups_needs_out 2 "export-markups: --out MAP.mrk.json is required"
                     export-markups ${CMAKE_SOURCE_DIR}/assets/scenarios/knee_osteoarthritis_right.json)
mesomap_failure_test(validate_reference_in_no_go 3 "reference_in_no_go\\.json: reference map: its own attempt does not pass cleanly: Point 1 is in the no-go zone 'Test nerve'"
                     validate ${MESOMAP_BAD_SCENARIOS}/reference_in_no_go.json)
