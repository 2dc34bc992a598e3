# cmake -DMAN=mesomap.1 -P man_page_check.cmake: the man page has the app's options and a
# COMMANDS section with each command's own help.
file(READ ${MAN} page)
foreach(expected "\\.SH COMMANDS" "\\.SS \"mesomap render\"" "reference[^a-z]+threshold" "\\.SS \"mesomap score\""
                 "\\.SS \"mesomap landmarks\"" "write[^a-z]+patient[^a-z]+anchors" "print[^a-z]+startup" "MESOMAP_DATA_DIR")
  if(NOT page MATCHES "${expected}")
    message(FATAL_ERROR "${MAN} has no '${expected}'")
  endif()
endforeach()
