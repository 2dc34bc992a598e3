# cmake -DBUILD=DIR -DWORK=DIR -DCPACK=PATH -DDPKG_DEB=PATH -P package_deb.cmake
# Packs the .deb with CPack and checks what a Debian system would see: the program and its data
# under /usr, dependencies on the libraries it links and the data packages it reads, and the
# unpacked program drawing the default body.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${CPACK} -G DEB -B ${WORK} --config ${BUILD}/CPackConfig.cmake
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(GLOB debs ${WORK}/mesomap_*.deb)
if(NOT code EQUAL 0 OR NOT debs)
  message(FATAL_ERROR "cpack -G DEB failed (${code}):\n${out}${err}")
endif()
execute_process(COMMAND ${DPKG_DEB} --field ${debs} Package Depends OUTPUT_VARIABLE fields)
execute_process(COMMAND ${DPKG_DEB} --contents ${debs} OUTPUT_VARIABLE contents)
message(STATUS "${debs}:\n${fields}")
foreach(dependency libglfw3 libassimp libsqlite3 libpq5 libfreetype6 libegl1 "libgl1," assimp-testmodels)
  if(NOT fields MATCHES "${dependency}")
    message(FATAL_ERROR "the .deb does not depend on ${dependency}:\n${fields}")
  endif()
endforeach()
# The fonts travel inside the package (share/mesomap/fonts), so it needs no font package.
if(fields MATCHES "fonts-")
  message(FATAL_ERROR "the .deb depends on a font package although it ships its fonts:\n${fields}")
endif()
foreach(file "./usr/bin/mesomap" "./usr/share/mesomap/fonts/Inter-Regular\\.otf" "./usr/share/mesomap/landmarks/default_body\\.json"
        "./usr/share/mesomap/makehuman/body\\.mhbin" "./usr/share/applications/io\\.github\\.mesomap\\.mesomap\\.desktop")
  if(NOT contents MATCHES "${file}\n")
    message(FATAL_ERROR "the .deb lacks ${file}")
  endif()
endforeach()

# What dpkg would unpack runs from wherever it is unpacked: a picture of the default body.
execute_process(COMMAND ${DPKG_DEB} --extract ${debs} ${WORK}/root RESULT_VARIABLE code)
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=MESOMAP_DATA_DIR
                        ${WORK}/root/usr/bin/mesomap render --out ${WORK}/body.png --size 160x240
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT code EQUAL 0 OR NOT EXISTS ${WORK}/body.png)
  message(FATAL_ERROR "the unpacked .deb's mesomap render failed (${code}):\n${out}${err}")
endif()
