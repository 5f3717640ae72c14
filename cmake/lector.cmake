# lector_add_plugin(NAME SOURCES src... [DATA file...] [LIBS lib...])
#
# Builds plugins/NAME.so beside lectord and copies its data files into
# plugins/NAME/, the folder the host passes to the plugin as data_dir. The
# install keeps the same shape, so a plugin finds its data wherever it is.
function(lector_add_plugin name)
  cmake_parse_arguments(P "" "" "SOURCES;DATA;LIBS" ${ARGN})
  add_library(plugin_${name} MODULE ${P_SOURCES})
  set_target_properties(plugin_${name} PROPERTIES
    OUTPUT_NAME ${name} PREFIX ""
    C_VISIBILITY_PRESET hidden
    LIBRARY_OUTPUT_DIRECTORY "${LECTOR_BUILD_PLUGIN_DIR}")
  target_include_directories(plugin_${name} PRIVATE "${PROJECT_SOURCE_DIR}/core/include")
  target_link_libraries(plugin_${name} PRIVATE PkgConfig::JANSSON ${P_LIBS})
  install(TARGETS plugin_${name} LIBRARY DESTINATION "${LECTOR_PLUGIN_INSTALL_DIR}")
  set_property(GLOBAL APPEND PROPERTY LECTOR_PLUGIN_TARGETS plugin_${name})
  foreach(file ${P_DATA})
    get_filename_component(base "${file}" NAME)
    configure_file("${file}" "${LECTOR_BUILD_PLUGIN_DIR}/${name}/${base}" COPYONLY)
    install(FILES "${file}" DESTINATION "${LECTOR_PLUGIN_INSTALL_DIR}/${name}")
  endforeach()
endfunction()

# lector_add_unit_test(NAME SOURCES src... [LIBS lib...])
function(lector_add_unit_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_include_directories(${name} PRIVATE
    "${PROJECT_SOURCE_DIR}/core/include" "${PROJECT_SOURCE_DIR}/core/src")
  target_link_libraries(${name} PRIVATE PkgConfig::CMOCKA PkgConfig::JANSSON ${T_LIBS})
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS unit)
endfunction()

# Debian's interpreter first: the test scripts' modules come from apt.
find_program(LECTOR_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_program(LECTOR_PYTHON python3 REQUIRED)

# lector_add_e2e_test(NAME SCRIPT [ARGS...])
#
# Runs a Python test script against the built lectord:
#   python3 SCRIPT --lectord PATH --build DIR [ARGS...]
function(lector_add_e2e_test name script)
  add_test(NAME ${name}
    COMMAND ${LECTOR_PYTHON} "${script}" --lectord $<TARGET_FILE:lectord>
            --build "${CMAKE_BINARY_DIR}" ${ARGN})
  set_tests_properties(${name} PROPERTIES LABELS e2e TIMEOUT 600)
endfunction()
