# Rendering and command-line tests: one line per case (f3d-style). Images are compared with
# committed baselines in tests/baselines by `mesomap render --reference`; on a difference the
# actual image and a diff image are left in the build tree. A missing baseline fails and
# leaves the image to look at before committing it.
set(MESOMAP_RENDER_OUT ${CMAKE_CURRENT_BINARY_DIR}/render)
file(MAKE_DIRECTORY ${MESOMAP_RENDER_OUT})

function(mesomap_render_test name)
  add_test(NAME render_${name}
           COMMAND mesomap render --out ${MESOMAP_RENDER_OUT}/${name}.png
                   --reference ${MESOMAP_BASELINES}/${name}.png ${ARGN})
  set_tests_properties(render_${name} PROPERTIES LABELS render TIMEOUT 120)
endfunction()

# Runs a command that must fail with `code` and print text matching `regex`.
function(mesomap_failure_test name code regex)
  add_test(NAME cli_${name}
           COMMAND ${CMAKE_COMMAND} -DCODE=${code} "-DREGEX=${regex}" "-DCOMMAND=$<TARGET_FILE:mesomap>|${ARGN}"
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/render/expect_failure.cmake)
  set_tests_properties(cli_${name} PROPERTIES LABELS cli TIMEOUT 120)
endfunction()

mesomap_render_test(default_front --view front --size 480x640)
mesomap_render_test(default_back --view back --size 480x640)
mesomap_render_test(default_left --view left --size 480x640)
mesomap_render_test(default_right --view right --size 480x640)
mesomap_render_test(default_top --view top --size 480x480)
mesomap_render_test(wide_aspect --view front --size 800x400 --samples 4)
mesomap_render_test(transparent_background --view front --size 300x400 --background transparent)
mesomap_render_test(solid_background --view back --size 300x400 --background "#1f3b4d")
# Markers, a needle and labels that must not collide (two landmarks 5 cm apart).
mesomap_render_test(labelled_markers --view front --size 600x800 --markers ${MESOMAP_TEST_DATA}/labelled_markers.json)
# The scale bar must be true to scale: these two markers are 50 mm apart, the bar reads 2 cm.
mesomap_render_test(scale_bar_close_up --view left --size 600x800 --markers ${MESOMAP_TEST_DATA}/labelled_markers.json
                    --overlay scale-bar --look-at 95,495,62 --distance 300)
# Labels beyond ASCII: Latin-1 and Latin Extended-A ("Müller, José", "Dvořák, Łukasz"). The
# same picture with '?' in their place (what pictures showed before) must differ from it; the
# labels are a small part of the picture, hence the tight threshold.
mesomap_render_test(latin_labels --view front --size 400x240 --look-at 0,985,95 --distance 300
                    --markers ${MESOMAP_TEST_DATA}/latin_labels.json --reference-threshold 0.001)
mesomap_failure_test(latin_labels_not_question_marks 1 "differs from the baseline"
                     render --out ${MESOMAP_RENDER_OUT}/latin_labels_as_ascii.png --view front --size 400x240
                     --look-at 0,985,95 --distance 300 --markers ${MESOMAP_TEST_DATA}/latin_labels_as_ascii.json
                     --reference ${MESOMAP_BASELINES}/latin_labels.png --reference-threshold 0.001)
# Any model Assimp reads goes through the same pipeline (an OBJ with no units or up axis).
mesomap_render_test(spider_obj --model /usr/share/assimp/models/OBJ/spider.obj --size 480x360)

# Any model opens, but one that is no standing human is said to be so (human_check.h); --height
# scales a model to a height in metres whatever its units, and refuses centimetres.
add_test(NAME info_spider_is_no_human COMMAND mesomap info --model /usr/share/assimp/models/OBJ/spider.obj)
set_tests_properties(info_spider_is_no_human PROPERTIES LABELS cli
  PASS_REGULAR_EXPRESSION "warning: +it does not look like a standing human: its left and right sides differ")
add_test(NAME info_default_body_is_human COMMAND mesomap info --height 1.80)
set_tests_properties(info_default_body_is_human PROPERTIES LABELS cli
  PASS_REGULAR_EXPRESSION "height: +1\\.800 m\n.*scaled to the given height \\(1\\.8 m\\)" FAIL_REGULAR_EXPRESSION "warning")
mesomap_failure_test(height_in_centimetres 2 "option --height: 180 m is outside 0.4-2.5 m" info --height 180)
mesomap_failure_test(height_with_patient 2 "option --patient: give --patient or --height, not both"
                     render --out ${MESOMAP_RENDER_OUT}/never.png --patient age=40 --height 1.7)

# A scenario written for the default body travels to a patient: its absolute positions (the
# knee's own landmark copies, joint-line points, the popliteal zone) are placed by their hm08
# anchors with one note, nothing is off the skin, and its perfect attempt scores 100 there.
add_test(NAME attempt_knee_carried_to_a_patient
         COMMAND mesomap attempt --perfect ${CMAKE_SOURCE_DIR}/assets/scenarios/knee_osteoarthritis_right.json
                 --patient sex=female,age=65,bmi=33 --out ${MESOMAP_RENDER_OUT}/knee_on_patient.json)
set_tests_properties(attempt_knee_carried_to_a_patient PROPERTIES LABELS cli FIXTURES_SETUP knee_on_patient
  PASS_REGULAR_EXPRESSION "note: knee_osteoarthritis_right: 14 absolute positions written for the default body were placed on this patient by their hm08 anchors"
  FAIL_REGULAR_EXPRESSION "warning")
add_test(NAME score_knee_on_a_patient
         COMMAND mesomap score --scenario ${CMAKE_SOURCE_DIR}/assets/scenarios/knee_osteoarthritis_right.json
                 --patient sex=female,age=65,bmi=33 ${MESOMAP_RENDER_OUT}/knee_on_patient.json)
set_tests_properties(score_knee_on_a_patient PROPERTIES LABELS cli FIXTURES_REQUIRED knee_on_patient
  PASS_REGULAR_EXPRESSION "Score 100.0 / 100: PASS" FAIL_REGULAR_EXPRESSION "warning")

# The patients a scenario names: "--patient listed:N" takes one, "--patient random:SEED" draws
# one from its range (said on stderr, the same for the same seed); a scenario without them says so.
add_test(NAME attempt_knee_listed_patient
         COMMAND mesomap attempt --perfect ${CMAKE_SOURCE_DIR}/assets/scenarios/knee_osteoarthritis_right.json
                 --patient listed:2 --out ${MESOMAP_RENDER_OUT}/knee_listed_patient.json)
set_tests_properties(attempt_knee_listed_patient PROPERTIES LABELS cli FIXTURES_SETUP knee_listed_patient
  PASS_REGULAR_EXPRESSION "note: patient sex=1,age=70,bmi=28,muscle=0.5,height=175: patient 2 of the scenario's 3"
  FAIL_REGULAR_EXPRESSION "warning")
add_test(NAME score_knee_listed_patient
         COMMAND mesomap score --scenario ${CMAKE_SOURCE_DIR}/assets/scenarios/knee_osteoarthritis_right.json
                 --patient sex=male,age=70,bmi=28,height=175 ${MESOMAP_RENDER_OUT}/knee_listed_patient.json)
set_tests_properties(score_knee_listed_patient PROPERTIES LABELS cli FIXTURES_REQUIRED knee_listed_patient
  PASS_REGULAR_EXPRESSION "Score 100.0 / 100: PASS" FAIL_REGULAR_EXPRESSION "warning")
add_test(NAME render_knee_random_patient
         COMMAND mesomap render --scenario ${CMAKE_SOURCE_DIR}/assets/scenarios/knee_osteoarthritis_right.json
                 --patient random:7 --size 200x200 --out ${MESOMAP_RENDER_OUT}/knee_random_patient.png)
set_tests_properties(render_knee_random_patient PROPERTIES LABELS cli
  PASS_REGULAR_EXPRESSION "note: patient sex=[01],age=[0-9]+,bmi=[0-9.]+,muscle=0.5,height=1[5-8][0-9]: drawn from the scenario's range with seed 7")
mesomap_failure_test(patient_listed_without_patients 2
                     "option --patient: 'listed' needs patients in the scenario; low_back_pain_chronic names none"
                     attempt --perfect ${CMAKE_SOURCE_DIR}/assets/scenarios/low_back_pain_chronic.json --patient listed)
mesomap_failure_test(patient_random_without_scenario 2
                     "option --patient: 'random' picks from a scenario's patients; this command has no scenario"
                     render --out ${MESOMAP_RENDER_OUT}/never.png --patient random)

mesomap_failure_test(render_missing_model 4 "model '/nonexistent/body.obj': file not found"
                     render --out ${MESOMAP_RENDER_OUT}/never.png --model /nonexistent/body.obj)
mesomap_failure_test(render_malformed_model 3 "malformed.obj': cannot be read.*Invalid face index"
                     render --out ${MESOMAP_RENDER_OUT}/never.png --model /usr/share/assimp/models/invalid/malformed.obj)
mesomap_failure_test(render_bad_size 2 "option --size: '0x0' is outside"
                     render --out ${MESOMAP_RENDER_OUT}/never.png --size 0x0)
mesomap_failure_test(render_bad_view 2 "option --view: 'sideways' is not front, back, left, right or top"
                     render --out ${MESOMAP_RENDER_OUT}/never.png --view sideways)
mesomap_failure_test(render_bad_background 2 "option --background: 'pink' is not gradient"
                     render --out ${MESOMAP_RENDER_OUT}/never.png --background pink)
mesomap_failure_test(render_bad_overlay 2 "option --overlay: unknown layer 'legend-of-zelda'"
                     render --out ${MESOMAP_RENDER_OUT}/never.png --overlay labels,legend-of-zelda)
mesomap_failure_test(render_no_output 2 "render: --out FILE.png is required" render)
mesomap_failure_test(info_bad_units 2 "option --units: 'inches' is not mm, cm or m" info --units inches)
mesomap_failure_test(unknown_command 2 "unknown command 'paint'" paint)
mesomap_failure_test(render_missing_baseline 1 "baseline '/nonexistent/baseline.png' does not exist"
                     render --out ${MESOMAP_RENDER_OUT}/orphan.png --size 64x64 --reference /nonexistent/baseline.png)

# The window itself, under a virtual X server: it opens on the default body, draws the UI,
# saves a screenshot and exits; the screenshot is compared like any render.
find_program(XVFB_RUN xvfb-run)
if(XVFB_RUN)
  add_test(NAME app_window_screenshot
           COMMAND ${CMAKE_COMMAND} -DXVFB_RUN=${XVFB_RUN} -DMESOMAP=$<TARGET_FILE:mesomap>
                   -DOUT=${MESOMAP_RENDER_OUT}/app_window.png -DBASELINE=${MESOMAP_BASELINES}/app_window.png
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/render/app_screenshot.cmake)
  set_tests_properties(app_window_screenshot PROPERTIES LABELS app TIMEOUT 180)
else()
  message(WARNING "xvfb-run not found: the app window test is skipped (apt-get install xvfb)")
endif()

# The scripted orbit (mesomap --orbit, app/orbit_timing.h): every timed frame is paired with a
# bare draw and the medians' ratio is printed, then the app exits by itself.
if(XVFB_RUN)
  add_test(NAME app_orbit_timing
           COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x800x24" $<TARGET_FILE:mesomap> --size 640x480 --orbit 3
                   --data-dir ${MESOMAP_RENDER_OUT}/orbit_data)
  set_tests_properties(app_orbit_timing PROPERTIES LABELS app TIMEOUT 180
    ENVIRONMENT "MESOMAP_SETTINGS=${MESOMAP_RENDER_OUT}/orbit_settings.json;MESOMAP_CACHE_DIR=off"
    PASS_REGULAR_EXPRESSION "orbit frame 3: window [0-9.]+ ms \\(scene [0-9.]+ ms\\), bare draw [0-9.]+ ms\n.*orbit: 3 frames at 640x480, one sample: window median [0-9.]+ ms .*bare draw median [0-9.]+ ms .*ratio [0-9.]+")
endif()

# The comparison itself must be able to fail: the back is not the front.
mesomap_failure_test(render_wrong_baseline 1 "differs from the baseline"
                     render --out ${MESOMAP_RENDER_OUT}/back_vs_front.png --view back --size 480x640
                     --reference ${MESOMAP_BASELINES}/default_front.png)

# The trainee's name is remembered across starts (tests/app/trainee_run.cmake).
if(XVFB_RUN)
  add_test(NAME app_trainee_remembered
           COMMAND ${CMAKE_COMMAND} -DXVFB_RUN=${XVFB_RUN} -DMESOMAP=$<TARGET_FILE:mesomap> -DPYTHON=${Python3_EXECUTABLE}
                   -DSCENARIO=${CMAKE_SOURCE_DIR}/assets/scenarios/achilles_tendinopathy_right.json
                   -DATTEMPT=${MESOMAP_TEST_DATA}/attempts/achilles_perfect.json -DOUT=${MESOMAP_RENDER_OUT}/trainee
                   -P ${CMAKE_SOURCE_DIR}/tests/app/trainee_run.cmake)
  set_tests_properties(app_trainee_remembered PROPERTIES LABELS app TIMEOUT 300)
endif()

# Practice mode end to end (see tests/app/practice_run.cmake): the perfect attempt scores 100
# and passes; a point in a no-go zone fails however good the rest is.
if(XVFB_RUN)
  function(mesomap_practice_test name scenario attempt mode regex)
    add_test(NAME app_practice_${name}
             COMMAND ${CMAKE_COMMAND} -DXVFB_RUN=${XVFB_RUN} -DMESOMAP=$<TARGET_FILE:mesomap> -DSCENARIO=${scenario}
                     -DATTEMPT=${attempt} -DMODE=${mode} -DOUT=${MESOMAP_RENDER_OUT}/practice_${name}.png "-DREGEX=${regex}"
                     -P ${CMAKE_SOURCE_DIR}/tests/app/practice_run.cmake)
    set_tests_properties(app_practice_${name} PROPERTIES LABELS app TIMEOUT 180)
  endfunction()
  mesomap_practice_test(perfect ${CMAKE_SOURCE_DIR}/assets/scenarios/achilles_tendinopathy_right.json
                        ${MESOMAP_TEST_DATA}/attempts/achilles_perfect.json practice "Score 100\\.0 / 100: PASS")
  mesomap_practice_test(no_go ${CMAKE_SOURCE_DIR}/assets/scenarios/achilles_tendinopathy_right.json
                        ${MESOMAP_TEST_DATA}/attempts/achilles_nogo.json exam
                        "Score [0-9.]+ / 100: FAIL \\(critical error\\).*CRITICAL: Point [0-9]+ is in the no-go zone 'Sural nerve'")

  add_test(NAME app_autosave_recovery
           COMMAND ${CMAKE_COMMAND} -DXVFB_RUN=${XVFB_RUN} -DMESOMAP=$<TARGET_FILE:mesomap>
                   -DOUT=${MESOMAP_RENDER_OUT}/autosave
                   -DSCENARIO=${CMAKE_SOURCE_DIR}/assets/scenarios/achilles_tendinopathy_right.json
                   -DATTEMPT=${MESOMAP_TEST_DATA}/attempts/achilles_perfect.json
                   -P ${CMAKE_SOURCE_DIR}/tests/app/autosave_recovery.cmake)
  set_tests_properties(app_autosave_recovery PROPERTIES LABELS app TIMEOUT 300)
  add_test(NAME app_submission_faults
           COMMAND ${CMAKE_COMMAND} -DXVFB_RUN=${XVFB_RUN} -DMESOMAP=$<TARGET_FILE:mesomap>
                   -DPYTHON=${Python3_EXECUTABLE} -DOUT=${MESOMAP_RENDER_OUT}/submission
                   -DSCENARIO=${CMAKE_SOURCE_DIR}/assets/scenarios/achilles_tendinopathy_right.json
                   -DATTEMPT=${MESOMAP_TEST_DATA}/attempts/achilles_perfect.json
                   -P ${CMAKE_SOURCE_DIR}/tests/app/submission_faults.cmake)
  set_tests_properties(app_submission_faults PROPERTIES LABELS app TIMEOUT 900)

  # The needle panel's skin section: an exam before submitting shades the technique's window;
  # after submitting, the window of the reference the point was matched to; in guided mode the
  # nearest reference's window (here an IDS point's 1-2 mm, in the dermis).
  function(mesomap_section_test name mode point submit regex)
    add_test(NAME app_section_${name}
             COMMAND ${CMAKE_COMMAND} -DXVFB_RUN=${XVFB_RUN} -DMESOMAP=$<TARGET_FILE:mesomap>
                     -DSCENARIO=${CMAKE_SOURCE_DIR}/assets/scenarios/knee_osteoarthritis_right.json
                     -DATTEMPT=${MESOMAP_TEST_DATA}/attempts/knee_flawed.json -DMODE=${mode} -DPOINT=${point}
                     -DSUBMIT=${submit} -DOUT=${MESOMAP_RENDER_OUT}/section_${name} "-DREGEX=${regex}"
                     -P ${CMAKE_SOURCE_DIR}/tests/app/section_run.cmake)
    set_tests_properties(app_section_${name} PROPERTIES LABELS app TIMEOUT 180)
  endfunction()
  mesomap_section_test(exam_hides_reference exam 3 0
                       "section: Point 3, knee: tip 3\\.00 mm deep in the subcutaneous fat; target 0\\.8[0-9]-1\\.55 mm \\(technique window\\)")
  mesomap_section_test(matched_after_submit practice 3 1
                       "section: Point 3, knee: tip 3\\.00 mm deep in the subcutaneous fat; target [0-9.]+-[0-9.]+ mm \\((depth|technique) window of JL3\\)")
  # Scenarios on standard landmarks take the landmarks of the body the app has open.
  add_test(NAME app_practice_body_landmarks
           COMMAND ${CMAKE_COMMAND} -DXVFB_RUN=${XVFB_RUN} -DMESOMAP=$<TARGET_FILE:mesomap> -DMODEL=${MESOMAP_DEFAULT_MODEL}
                   -DSCENARIO=${MESOMAP_TEST_DATA}/scenarios/standard_landmarks.json
                   -DOUT=${MESOMAP_RENDER_OUT}/practice_body_landmarks -P ${CMAKE_SOURCE_DIR}/tests/app/body_landmarks_run.cmake)
  set_tests_properties(app_practice_body_landmarks PROPERTIES LABELS app TIMEOUT 180)
  mesomap_section_test(guided_nearest guided 8 0
                       "section: Point 8, knee: tip 1\\.50 mm deep in the dermis; target [0-9.]+-[0-9.]+ mm \\((depth|technique) window of F2\\)")
endif()

# The scenario builder driven by real input (xdotool) under Xvfb: create a small scenario by
# clicking and painting on the body, save it with Ctrl+S (see tests/app/builder_gui.sh).
find_program(XDOTOOL xdotool)
if(XVFB_RUN AND XDOTOOL)
  add_test(NAME app_builder_gui
           COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" bash ${CMAKE_SOURCE_DIR}/tests/app/builder_gui.sh
                   $<TARGET_FILE:mesomap> ${MESOMAP_RENDER_OUT}/builder_gui)
  set_tests_properties(app_builder_gui PROPERTIES LABELS app TIMEOUT 180)
  add_test(NAME app_picture_folder
           COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" bash ${CMAKE_SOURCE_DIR}/tests/app/picture_folder.sh
                   $<TARGET_FILE:mesomap> ${MESOMAP_RENDER_OUT}/picture_folder)
  set_tests_properties(app_picture_folder PROPERTIES LABELS app TIMEOUT 180)
  # Open/Save in the desktop's dialog: a fake zenity on PATH (see tests/app/native_dialog_run.sh).
  add_test(NAME app_native_dialogs
           COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" bash ${CMAKE_SOURCE_DIR}/tests/app/native_dialog_run.sh
                   $<TARGET_FILE:mesomap> ${MESOMAP_DEFAULT_MODEL} ${MESOMAP_RENDER_OUT}/native_dialogs)
  set_tests_properties(app_native_dialogs PROPERTIES LABELS app TIMEOUT 240)
  # A large body (the default one subdivided twice): a click places a needle while the
  # geodesic solver is still being built (see tests/app/big_body_run.sh).
  add_test(NAME app_big_body_click
           COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" bash ${CMAKE_SOURCE_DIR}/tests/app/big_body_run.sh
                   $<TARGET_FILE:mesomap> $<TARGET_FILE:mesomap-dense-body> ${MESOMAP_DEFAULT_MODEL}
                   ${CMAKE_SOURCE_DIR}/assets/scenarios/knee_osteoarthritis_right.json ${MESOMAP_RENDER_OUT}/big_body)
  set_tests_properties(app_big_body_click PROPERTIES LABELS app TIMEOUT 900)  # the script waits 840 s at most
elseif(XVFB_RUN)
  message(WARNING "xdotool not found: the builder GUI test is skipped (apt-get install xdotool)")
endif()

# HiDPI: fixed sizes follow the UI scale (see tests/app/ui_scale_run.cmake).
if(XVFB_RUN)
  add_test(NAME app_ui_scale
           COMMAND ${CMAKE_COMMAND} -DXVFB_RUN=${XVFB_RUN} -DMESOMAP=$<TARGET_FILE:mesomap>
                   -DOUT=${MESOMAP_RENDER_OUT}/ui_scale -P ${CMAKE_SOURCE_DIR}/tests/app/ui_scale_run.cmake)
  set_tests_properties(app_ui_scale PROPERTIES LABELS app TIMEOUT 300)
endif()

# Drag-and-drop onto the real window: a small XDND drag source (Xlib) drops a model, a scenario,
# an attempt and a stranger file on it (see tests/app/drop_run.sh).
find_package(X11)
if(XVFB_RUN AND X11_FOUND)
  add_executable(xdnd_drop ${CMAKE_SOURCE_DIR}/tests/app/xdnd_drop.c)
  target_compile_definitions(xdnd_drop PRIVATE _DEFAULT_SOURCE)
  target_compile_options(xdnd_drop PRIVATE -Wall -Wextra $<$<BOOL:${MESOMAP_WERROR}>:-Werror>)
  target_link_libraries(xdnd_drop PRIVATE X11::X11)
  add_test(NAME app_drop_files
           COMMAND ${XVFB_RUN} -a -s "-screen 0 1400x900x24" bash ${CMAKE_SOURCE_DIR}/tests/app/drop_run.sh
                   $<TARGET_FILE:mesomap> $<TARGET_FILE:xdnd_drop> ${MESOMAP_DEFAULT_MODEL}
                   ${CMAKE_SOURCE_DIR}/assets/scenarios/achilles_tendinopathy_right.json
                   ${MESOMAP_TEST_DATA}/attempts/achilles_perfect.json ${MESOMAP_RENDER_OUT}/drop)
  set_tests_properties(app_drop_files PROPERTIES LABELS app TIMEOUT 240)
elseif(XVFB_RUN)
  message(WARNING "Xlib (libx11-dev) not found: the drag-and-drop test is skipped")
endif()
