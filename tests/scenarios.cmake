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
mesomap_failure_test(validate_future_version 3 "version: 3 is newer than this mesomap reads \\(2\\); upgrade mesomap"
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
mesomap_failure_test(validate_reference_in_no_go 3 "reference_in_no_go\\.json: reference map: its own attempt does not pass cleanly: CRITICAL: Point 1 \\(JL1\\) is in the no-go zone 'Test nerve'"
                     validate ${MESOMAP_BAD_SCENARIOS}/reference_in_no_go.json)

# Standard landmarks: the default body's committed set, the estimator measured against it, and
# scenarios that name standard landmarks without declaring them (docs/landmarks.md).
add_test(NAME landmarks_default_body COMMAND mesomap landmarks)
set_tests_properties(landmarks_default_body PROPERTIES LABELS cli
  PASS_REGULAR_EXPRESSION "assets/landmarks/default_body\\.json\n.*L4_spinous +0\\.0 +1000\\.0 +-163\\.3 +back midline")
# Every estimate within 30 mm of the hand-placed set, under 10 mm on average.
add_test(NAME landmarks_estimator_against_hand_placed COMMAND mesomap landmarks --compare)
set_tests_properties(landmarks_estimator_against_hand_placed PROPERTIES LABELS cli
  PASS_REGULAR_EXPRESSION "43 landmarks: mean [0-9]\\.[0-9] mm, worst ([0-9]|[12][0-9])\\.[0-9] mm")
add_test(NAME validate_standard_landmarks COMMAND mesomap validate ${MESOMAP_BAD_SCENARIOS}/standard_landmarks.json)
set_tests_properties(validate_standard_landmarks PROPERTIES LABELS cli
  PASS_REGULAR_EXPRESSION "standard_landmarks\\.json: ok \\(0 landmarks \\+ 2 standard, 2 points, 1 zones\\)")
# On a body without a landmark file the standard landmarks are estimated, and validate says so.
add_test(NAME validate_standard_landmarks_estimated
         COMMAND mesomap validate ${MESOMAP_BAD_SCENARIOS}/standard_landmarks.json --model /usr/share/assimp/models/BLEND/HUMAN.blend)
set_tests_properties(validate_standard_landmarks_estimated PROPERTIES LABELS cli
  PASS_REGULAR_EXPRESSION "note: 43 of 43 standard landmarks estimated from the body's proportions.*standard_landmarks\\.json: ok")
mesomap_failure_test(validate_misspelt_standard_landmark 3
                     "points\\[0\\]\\.relative_to\\.landmark: unknown landmark 'L4_spinus' \\(did you mean 'L4_spinous'\\?\\)"
                     validate ${MESOMAP_BAD_SCENARIOS}/standard_landmarks_typo.json)
mesomap_failure_test(render_landmarks_bad_value 2 "option --landmarks: 'all' is not body, estimated or both"
                     render --out ${CMAKE_CURRENT_BINARY_DIR}/never.png --landmarks all)
mesomap_failure_test(landmarks_compare_needs_a_file 3 "has no landmark file .* to compare the estimates with"
                     landmarks --compare --model /usr/share/assimp/models/BLEND/HUMAN.blend)

# The landmark set schema accepts the committed set and rejects ids that are not standard.
set(MESOMAP_LANDMARK_SCHEMA ${CMAKE_SOURCE_DIR}/assets/schemas/mesomap-landmarks.schema.json)
add_test(NAME schema_accepts_default_landmarks
         COMMAND ${MESOMAP_SYSTEM_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/check_schema.py ${MESOMAP_LANDMARK_SCHEMA}
                 ${CMAKE_SOURCE_DIR}/assets/landmarks/default_body.json)
add_test(NAME schema_rejects_bad_landmarks
         COMMAND ${MESOMAP_SYSTEM_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/check_schema.py ${MESOMAP_LANDMARK_SCHEMA}
                 ${MESOMAP_TEST_DATA}/landmarks/bad_ids.json --expect-invalid)
set_tests_properties(schema_accepts_default_landmarks schema_rejects_bad_landmarks PROPERTIES LABELS schema)

# The scenarios built on standard landmarks: their reference, taken as an attempt, scores 100 and
# passes (every point resolves, none lies in a no-go zone, the pattern rules fit the map).
foreach(scenario low_back_pain_acute low_back_pain_chronic neck_pain_chronic calcific_tendinitis_shoulder_right)
  add_test(NAME attempt_perfect_${scenario}
           COMMAND mesomap attempt --perfect ${CMAKE_SOURCE_DIR}/assets/scenarios/${scenario}.json
                   --out ${CMAKE_CURRENT_BINARY_DIR}/${scenario}_perfect.json)
  add_test(NAME score_perfect_${scenario}
           COMMAND mesomap score --scenario ${CMAKE_SOURCE_DIR}/assets/scenarios/${scenario}.json
                   ${CMAKE_CURRENT_BINARY_DIR}/${scenario}_perfect.json)
  set_tests_properties(attempt_perfect_${scenario} PROPERTIES FIXTURES_SETUP perfect_${scenario} LABELS cli)
  set_tests_properties(score_perfect_${scenario} PROPERTIES FIXTURES_REQUIRED perfect_${scenario} LABELS cli
    PASS_REGULAR_EXPRESSION "Score 100\\.0 / 100: PASS" FAIL_REGULAR_EXPRESSION "warning")
endforeach()

# A scenario on standard landmarks drawn headless: the landmarks it names, and one label where a
# no-go zone sits on a spinous process.
mesomap_render_test(scenario_low_back_chronic --size 480x560 --view back --overlay labels,scale-bar
                    --look-at 0,1020,-160 --distance 950
                    --scenario ${CMAKE_SOURCE_DIR}/assets/scenarios/low_back_pain_chronic.json)
# Scenario pictures (issue 7). Zones are painted regions of skin; the legend names what is drawn.
set(MESOMAP_SCENARIOS ${CMAKE_SOURCE_DIR}/assets/scenarios)
# Zones and legend, seen from the side the points face (the back, for the Achilles tendon).
mesomap_render_test(scenario_zones_legend --size 640x640 --camera region --overlay legend,labels,scale-bar
                    --scenario ${MESOMAP_SCENARIOS}/achilles_tendinopathy_right.json)
# Painted zones and the legend over a transparent backdrop: straight alpha, no dark fringes.
mesomap_render_test(scenario_transparent --size 480x480 --camera region --background transparent
                    --overlay reference,zones,legend --scenario ${MESOMAP_SCENARIOS}/pes_anserine_right.json)
# A camera bookmark stored in the scenario file (yaw, pitch, distance around a target).
mesomap_render_test(scenario_bookmark --size 480x480 --camera "medial close-up"
                    --scenario ${MESOMAP_TEST_DATA}/scenarios/knee_bookmarks.json)
# The skin cross-section at a reference point: layers of the knee, the IDP needle at 67.5 degrees.
mesomap_render_test(section_knee_jl1 --size 900x600 --section JL1
                    --scenario ${MESOMAP_SCENARIOS}/knee_osteoarthritis_right.json)
# A superficial point on thin skin over bone, on a transparent backdrop.
mesomap_render_test(section_elbow_s1_transparent --size 720x480 --section S1 --background transparent
                    --scenario ${MESOMAP_SCENARIOS}/lateral_epicondylitis_right.json)
# The section comparison can fail: another point is another picture.
mesomap_failure_test(render_section_wrong_baseline 1 "differs from the baseline"
                     render --out ${MESOMAP_RENDER_OUT}/jl3_vs_jl1.png --size 900x600 --section JL3
                     --scenario ${MESOMAP_SCENARIOS}/knee_osteoarthritis_right.json
                     --reference ${MESOMAP_BASELINES}/section_knee_jl1.png)

mesomap_failure_test(render_section_unknown_point 2
                     "option --section: no point 'JL9' in knee_osteoarthritis_right.json; points are JL1, JL2, JL3, JL4, JL5, JL6, F1, F2, F3, F4"
                     render --out ${MESOMAP_RENDER_OUT}/never.png --section JL9
                     --scenario ${MESOMAP_SCENARIOS}/knee_osteoarthritis_right.json)
mesomap_failure_test(render_section_needs_scenario 2 "option --section: needs --scenario FILE.json"
                     render --out ${MESOMAP_RENDER_OUT}/never.png --section JL1)
mesomap_failure_test(render_section_with_camera 2 "option --camera does not apply to --section pictures"
                     render --out ${MESOMAP_RENDER_OUT}/never.png --section JL1 --camera back
                     --scenario ${MESOMAP_SCENARIOS}/knee_osteoarthritis_right.json)
mesomap_failure_test(render_unknown_camera 2
                     "option --camera: 'kitchen' is not a preset \\(front, back, left, right, top, region\\) or a camera of knee_bookmarks.json \\(cameras: 'medial close-up', 'from the foot end'\\)"
                     render --out ${MESOMAP_RENDER_OUT}/never.png --camera kitchen
                     --scenario ${MESOMAP_TEST_DATA}/scenarios/knee_bookmarks.json)
mesomap_failure_test(render_region_needs_scenario 2 "option --camera: 'region' needs --scenario FILE.json"
                     render --out ${MESOMAP_RENDER_OUT}/never.png --camera region)
mesomap_failure_test(render_view_and_camera 2 "options --view and --camera both choose the view: give one of them"
                     render --out ${MESOMAP_RENDER_OUT}/never.png --view back --camera left)
mesomap_failure_test(validate_bad_cameras 3
                     "bad_cameras.json: cameras\\[0\\]\\.name: 'region' is a preset view; choose another name.*cameras\\[2\\]\\.pitch_deg: 95 is outside -90\\.\\.90"
                     validate ${MESOMAP_BAD_SCENARIOS}/bad_cameras.json)
add_test(NAME schema_accepts_camera_bookmarks
         COMMAND ${MESOMAP_SYSTEM_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/check_schema.py ${MESOMAP_SCENARIO_SCHEMA}
                 ${MESOMAP_TEST_DATA}/scenarios/knee_bookmarks.json)
add_test(NAME schema_rejects_bad_cameras
         COMMAND ${MESOMAP_SYSTEM_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/check_schema.py ${MESOMAP_SCENARIO_SCHEMA}
                 ${MESOMAP_BAD_SCENARIOS}/bad_cameras.json --expect-invalid)
set_tests_properties(schema_accepts_camera_bookmarks schema_rejects_bad_cameras PROPERTIES LABELS schema)

# A scored attempt drawn headless (issue 7): match colours, reference needles, links, the missed
# reference and the legend's attempt rows; and the attempt must belong to the scenario.
mesomap_render_test(attempt_knee_flawed --size 640x520 --overlay labels,legend
                    --scenario ${MESOMAP_SCENARIOS}/knee_osteoarthritis_right.json
                    --attempt ${MESOMAP_TEST_DATA}/attempts/knee_flawed.json)
mesomap_failure_test(render_attempt_wrong_scenario 3 "scenario\\.id: 'knee_osteoarthritis_right' is not the scenario drawn \\('achilles_tendinopathy_right'\\)"
                     render --out ${CMAKE_CURRENT_BINARY_DIR}/never.png --scenario ${MESOMAP_SCENARIOS}/achilles_tendinopathy_right.json
                     --attempt ${MESOMAP_TEST_DATA}/attempts/knee_flawed.json)
mesomap_failure_test(render_attempt_needs_scenario 2 "option --attempt: needs --scenario FILE\\.json"
                     render --out ${CMAKE_CURRENT_BINARY_DIR}/never.png --attempt ${MESOMAP_TEST_DATA}/attempts/knee_flawed.json)

# Zones painted with the scenario builder's brush (docs/formats.md, "Brush stamps"): a clean file
# validates and meets the schema; a reference point inside a no-go zone's stamp (outside its
# disc) fails the reference map; a stamp off the skin is reported by its path.
add_test(NAME validate_painted_zones COMMAND mesomap validate ${MESOMAP_BAD_SCENARIOS}/painted_zones.json)
set_tests_properties(validate_painted_zones PROPERTIES LABELS cli
  PASS_REGULAR_EXPRESSION "painted_zones\\.json: ok \\(0 landmarks, 4 points, 2 zones\\)")
mesomap_failure_test(validate_reference_in_painted_no_go 3
                     "painted_no_go\\.json: reference map: its own attempt does not pass cleanly: CRITICAL: Point 5 \\(P5\\) is in the no-go zone 'Test nerve'"
                     validate ${MESOMAP_BAD_SCENARIOS}/painted_no_go.json)
mesomap_failure_test(validate_brush_off_skin 3
                     "brush_off_skin\\.json: zones\\[0\\]\\.brush\\[1\\]\\.position_mm: 19\\.9 mm from the skin \\(at most 5\\.0 mm\\)"
                     validate ${MESOMAP_BAD_SCENARIOS}/brush_off_skin.json)
add_test(NAME schema_accepts_painted_zones
         COMMAND ${MESOMAP_SYSTEM_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/check_schema.py ${MESOMAP_SCENARIO_SCHEMA}
                 ${MESOMAP_BAD_SCENARIOS}/painted_zones.json)
set_tests_properties(schema_accepts_painted_zones PROPERTIES LABELS schema)

# A "$schema" key (how editors attach a schema to a file) is read by mesomap and allowed by the schema.
add_test(NAME validate_schema_key COMMAND mesomap validate ${MESOMAP_BAD_SCENARIOS}/schema_key.json)
set_tests_properties(validate_schema_key PROPERTIES LABELS cli
  PASS_REGULAR_EXPRESSION "schema_key\\.json: ok \\(0 landmarks \\+ 2 standard, 2 points, 1 zones\\)")
add_test(NAME schema_accepts_schema_key
         COMMAND ${MESOMAP_SYSTEM_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/check_schema.py ${MESOMAP_SCENARIO_SCHEMA}
                 ${MESOMAP_BAD_SCENARIOS}/schema_key.json)
set_tests_properties(schema_accepts_schema_key PROPERTIES LABELS schema)

# An older file's upgrade: hm08 anchors for its absolute positions, said in a note and written
# atomically by `validate --write-anchors` (tests/scenario_anchors_run.cmake).
add_test(NAME validate_write_anchors
         COMMAND ${CMAKE_COMMAND} -DMESOMAP=$<TARGET_FILE:mesomap> -DSCENARIO=${MESOMAP_BAD_SCENARIOS}/painted_zones.json
                 -DOUT=${CMAKE_CURRENT_BINARY_DIR}/painted_zones_anchored.json -P ${CMAKE_SOURCE_DIR}/tests/scenario_anchors_run.cmake)
set_tests_properties(validate_write_anchors PROPERTIES LABELS cli TIMEOUT 300)
