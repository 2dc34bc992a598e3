# HiDPI: the scenario picker opened in a real window under Xvfb at UI scale 1 and at 2
# (MESOMAP_UI_SCALE, standing in for a 2x screen's content scale). At 2 the picker must come out
# exactly twice as large (980x620 -> 1960x1240) and the fonts twice as tall; the sizes are read
# from the lines the app prints when it saves its screenshot.
# cmake -DXVFB_RUN= -DMESOMAP= -DOUT= -P ui_scale_run.cmake
set(ENV{MESOMAP_SETTINGS} "${OUT}.settings.json")
set(ENV{XDG_DATA_HOME} "${OUT}.data")
function(picker_at scale result)
  set(ENV{MESOMAP_UI_SCALE} ${scale})
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 2560x1700x24" ${MESOMAP} --size 2400x1600 --choose-scenario --frames 4
            --screenshot ${OUT}_${scale}.png
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 150)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "the app exited with ${code} at scale ${scale}:\n${out}${err}")
  endif()
  if(NOT out MATCHES "ui window 'Choose a scenario' ([0-9]+x[0-9]+) at [0-9]+,[0-9]+ \\(scale ${scale}\\)")
    message(FATAL_ERROR "no picker window at scale ${scale} in the output:\n${out}${err}")
  endif()
  message(STATUS "scale ${scale}: picker ${CMAKE_MATCH_1}")
  set(${result} ${CMAKE_MATCH_1} PARENT_SCOPE)
endfunction()
picker_at(1 normal)
picker_at(2 doubled)
if(NOT normal STREQUAL "980x620" OR NOT doubled STREQUAL "1960x1240")
  message(FATAL_ERROR "the picker is ${normal} at scale 1 and ${doubled} at scale 2 (expected 980x620 and 1960x1240)")
endif()
