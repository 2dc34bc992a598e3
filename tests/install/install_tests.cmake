# Installing and moving (issue 16): the installed program finds its data beside itself, grades as
# the build tree does, and says loudly when a file it grades with is missing.
add_test(NAME install_relocated
         COMMAND ${CMAKE_COMMAND} -DBUILD=${CMAKE_BINARY_DIR} -DSOURCE=${CMAKE_SOURCE_DIR}
                 -DWORK=${CMAKE_CURRENT_BINARY_DIR}/install_relocated -P ${CMAKE_CURRENT_LIST_DIR}/relocated_install.cmake)
set_tests_properties(install_relocated PROPERTIES LABELS install TIMEOUT 600)

# The desktop integration files pass freedesktop's own checkers, where Debian's are installed
# (desktop-file-utils, appstream, libxml2-utils).
set(MESOMAP_APP_FILES ${CMAKE_SOURCE_DIR}/packaging/io.github.mesomap.mesomap)
find_program(MESOMAP_DESKTOP_VALIDATE desktop-file-validate)
if(MESOMAP_DESKTOP_VALIDATE)
  add_test(NAME desktop_file_valid COMMAND ${MESOMAP_DESKTOP_VALIDATE} ${MESOMAP_APP_FILES}.desktop)
  # It prints hints with exit 0: any output is a finding.
  set_tests_properties(desktop_file_valid PROPERTIES LABELS install FAIL_REGULAR_EXPRESSION ".")
endif()
find_program(MESOMAP_APPSTREAMCLI appstreamcli)
if(MESOMAP_APPSTREAMCLI)
  add_test(NAME metainfo_valid COMMAND ${MESOMAP_APPSTREAMCLI} validate --no-net --pedantic ${MESOMAP_APP_FILES}.metainfo.xml)
  set_tests_properties(metainfo_valid PROPERTIES LABELS install PASS_REGULAR_EXPRESSION "Validation was successful\\.")
endif()
find_program(MESOMAP_XMLLINT xmllint)
if(MESOMAP_XMLLINT)
  add_test(NAME mime_types_well_formed COMMAND ${MESOMAP_XMLLINT} --noout ${MESOMAP_APP_FILES}.mime.xml)
  set_tests_properties(mime_types_well_formed PROPERTIES LABELS install)
endif()

# The .deb: built by CPack from the same install rules, with its Debian dependencies.
find_program(MESOMAP_DPKG_DEB dpkg-deb)
find_program(MESOMAP_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(MESOMAP_DPKG_DEB AND MESOMAP_DPKG_SHLIBDEPS)
  add_test(NAME package_deb
           COMMAND ${CMAKE_COMMAND} -DBUILD=${CMAKE_BINARY_DIR} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/package_deb
                   -DCPACK=${CMAKE_CPACK_COMMAND} -DDPKG_DEB=${MESOMAP_DPKG_DEB} -P ${CMAKE_CURRENT_LIST_DIR}/package_deb.cmake)
  set_tests_properties(package_deb PROPERTIES LABELS install TIMEOUT 600)
endif()
