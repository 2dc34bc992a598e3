# Installing mesomap (cmake --install build --prefix P) and packing a .deb (cpack -G DEB in build/).
# Layout, by GNUInstallDirs:
#   bin/mesomap
#   share/mesomap/{scenarios,landmarks,makehuman,schemas}   found from bin/ at run time (data_paths.h)
#   share/doc/mesomap/   README, LICENSE, docs/;  share/man/man1/mesomap.1 (when help2man is there)
#   share/bash-completion/completions/mesomap
#   share/applications, share/icons/hicolor/scalable/apps, share/metainfo, share/mime/packages
set(MESOMAP_APP_ID io.github.mesomap.mesomap)
set(MESOMAP_PACKAGING ${CMAKE_SOURCE_DIR}/packaging)

install(TARGETS mesomap RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/assets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/mesomap)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs DESTINATION ${CMAKE_INSTALL_DOCDIR})

install(FILES ${MESOMAP_PACKAGING}/${MESOMAP_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${MESOMAP_PACKAGING}/${MESOMAP_APP_ID}.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${MESOMAP_PACKAGING}/${MESOMAP_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${MESOMAP_PACKAGING}/${MESOMAP_APP_ID}.mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
        RENAME ${MESOMAP_APP_ID}.xml)

# From the program's own parser (packaging/command_line_files.cmake): the bash completion
# script, and each subcommand's --help for the man page's COMMANDS section.
set(MESOMAP_COMPLETION ${CMAKE_BINARY_DIR}/mesomap.bash-completion)
set(MESOMAP_MAN_COMMANDS ${CMAKE_BINARY_DIR}/mesomap-commands.h2m)
add_custom_command(OUTPUT ${MESOMAP_COMPLETION} ${MESOMAP_MAN_COMMANDS}
  COMMAND ${CMAKE_COMMAND} -DMESOMAP=$<TARGET_FILE:mesomap> -DCOMPLETION=${MESOMAP_COMPLETION}
          -DMAN_INCLUDE=${MESOMAP_MAN_COMMANDS} -P ${MESOMAP_PACKAGING}/command_line_files.cmake
  DEPENDS mesomap ${MESOMAP_PACKAGING}/command_line_files.cmake
  COMMENT "Writing the bash completion and the man page's commands from mesomap's parser"
  VERBATIM)
add_custom_target(mesomap_command_line_files ALL DEPENDS ${MESOMAP_COMPLETION} ${MESOMAP_MAN_COMMANDS})
install(FILES ${MESOMAP_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME mesomap)

# The man page is mesomap --help, formatted by Debian's help2man, with every command's --help
# after it; skipped (with a note) without help2man.
find_program(MESOMAP_HELP2MAN help2man)
if(MESOMAP_HELP2MAN)
  set(MESOMAP_MAN_PAGE ${CMAKE_BINARY_DIR}/mesomap.1)
  add_custom_command(OUTPUT ${MESOMAP_MAN_PAGE}
    COMMAND ${MESOMAP_HELP2MAN} --no-info --no-discard-stderr --section=1
            "--name=mesotherapy training on a 3D body" --include=${MESOMAP_MAN_COMMANDS}
            --output=${MESOMAP_MAN_PAGE} $<TARGET_FILE:mesomap>
    DEPENDS mesomap ${MESOMAP_MAN_COMMANDS}
    COMMENT "Writing the man page from mesomap --help"
    VERBATIM)
  add_custom_target(mesomap_man_page ALL DEPENDS ${MESOMAP_MAN_PAGE})
  install(FILES ${MESOMAP_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found: no man page (apt install help2man)")
endif()

# cpack -G DEB: library dependencies found by dpkg-shlibdeps; added by hand what is opened at run
# time: the default body (read from /usr/share; the fonts ship in share/mesomap/fonts), libEGL (headless rendering, loaded
# by glad) and libGL (GLFW's window) with a Mesa driver.
set(CPACK_PACKAGE_NAME mesomap)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "The mesomap developers <mesomap@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "mesotherapy training on a 3D body")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "assimp-testmodels, libegl1, libgl1, libegl-mesa0 | libegl-vendor, libgl1-mesa-dri")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "shared-mime-info, desktop-file-utils")
# The desktop's Open/Save dialogs (src/app/native_dialog.h); without either the built-in one.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "zenity | kdialog")
include(CPack)
