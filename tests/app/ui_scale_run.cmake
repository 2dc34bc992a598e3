# HiDPI: the scenario picker opened in a real window under Xvfb at UI scale 1 and at 2
# (MESOMAP_UI_SCALE, standing in for a 2x screen's content scale). At 2 the picker must come out
# exactly twice as large (980x620 -> 1960x1240) and the fonts twice as tall; the sizes are read
# from the lines the app prints when it saves its screenshot. Then a change of scale while the
# picker is open (MESOMAP_TEST_SCALE_CHANGE, standing in for the window moving to a 2x screen):
# the open picker and the fonts must follow, to the same sizes as a start at 2.
# cmake -DXVFB_RUN= -DMESOMAP= -DOUT= -P ui_scale_run.cmake
set(ENV{MESOMAP_SETTINGS} "${OUT}.settings.json")
set(ENV{XDG_DATA_HOME} "${OUT}.data")
function(picker_at scale result font)
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 2560x1700x24" ${MESOMAP} --size 2400x1600 --choose-scenario --frames 8
            --screenshot ${OUT}_${scale}$ENV{MESOMAP_TEST_SCALE_CHANGE}.png
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 150)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "the app exited with ${code} at scale ${scale}:\n${out}${err}")
  endif()
  if(NOT out MATCHES "ui window 'Choose a scenario' ([0-9]+x[0-9]+) at ([0-9]+,[0-9]+) \\(scale ${scale}\\)")
    message(FATAL_ERROR "no picker window at scale ${scale} in the output:\n${out}${err}")
  endif()
  set(size ${CMAKE_MATCH_1})
  set(${result} ${CMAKE_MATCH_1} PARENT_SCOPE)
  set(${result}_at ${CMAKE_MATCH_2} PARENT_SCOPE)
  if(NOT out MATCHES "ui font ([0-9]+) px \\(scale ${scale}\\)")
    message(FATAL_ERROR "no font size at scale ${scale} in the output:\n${out}${err}")
  endif()
  set(${font} ${CMAKE_MATCH_1} PARENT_SCOPE)
  message(STATUS "scale ${scale}: picker ${size}, font ${CMAKE_MATCH_1} px")
endfunction()
set(ENV{MESOMAP_UI_SCALE} 1)
picker_at(1 normal normal_font)
set(ENV{MESOMAP_UI_SCALE} 2)
picker_at(2 doubled doubled_font)
if(NOT normal STREQUAL "980x620" OR NOT doubled STREQUAL "1960x1240")
  message(FATAL_ERROR "the picker is ${normal} at scale 1 and ${doubled} at scale 2 (expected 980x620 and 1960x1240)")
endif()
math(EXPR twice "${normal_font} * 2")
if(NOT doubled_font EQUAL twice)
  message(FATAL_ERROR "fonts: ${normal_font} px at scale 1, ${doubled_font} px at scale 2 (expected ${twice})")
endif()
# Started at the screen's scale (1 under Xvfb), changed to 2 at frame 3 with the picker open.
unset(ENV{MESOMAP_UI_SCALE})
set(ENV{MESOMAP_TEST_SCALE_CHANGE} 3:2)
picker_at(2 changed changed_font)
if(NOT changed STREQUAL "1960x1240" OR NOT changed_font EQUAL twice OR NOT changed_at STREQUAL doubled_at)
  message(FATAL_ERROR "after a change to 2 the open picker is ${changed} at ${changed_at} with ${changed_font} px fonts "
                      "(expected 1960x1240 at ${doubled_at}, centred as when started at 2, and ${twice} px)")
endif()
