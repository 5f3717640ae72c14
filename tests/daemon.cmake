# Tests of `lectord run`: unit tests of its stages, and end-to-end tests of
# the real daemon on temporary folders.

# Misbehaving plugins live outside the default plugin folder; the tests
# point lectord at them with plugin_dirs.
set(DAEMON_PLUGIN_DIR "${CMAKE_BINARY_DIR}/tests/daemon-plugins")
set(DAEMON_FIXTURES)
foreach(name crashy sleepy greedy)
  add_library(daemon_${name} MODULE daemon/misbehave.c)
  set_target_properties(daemon_${name} PROPERTIES PREFIX "" OUTPUT_NAME ${name}
    C_VISIBILITY_PRESET hidden
    LIBRARY_OUTPUT_DIRECTORY "${DAEMON_PLUGIN_DIR}")
  target_include_directories(daemon_${name} PRIVATE "${PROJECT_SOURCE_DIR}/core/include")
  target_link_libraries(daemon_${name} PRIVATE PkgConfig::JANSSON)
  target_compile_definitions(daemon_${name} PRIVATE MISBEHAVE_NAME="${name}")
  list(APPEND DAEMON_FIXTURES daemon_${name})
endforeach()

foreach(name names proto spool recover watch notify sync_round)
  lector_add_unit_test(test_daemon_${name}
    SOURCES daemon/test_${name}.c LIBS lector_core PkgConfig::LIBUV)
endforeach()

# The daemon tests wait on real processes and timers: run them one at a
# time, so that a loaded machine slows them less.
foreach(name spool failures signals metrics html)
  lector_add_e2e_test(e2e_daemon_${name}
    "${CMAKE_CURRENT_SOURCE_DIR}/daemon/test_${name}.py")
  set_tests_properties(e2e_daemon_${name} PROPERTIES RUN_SERIAL TRUE)
endforeach()

lector_add_e2e_test(e2e_daemon_unit "${CMAKE_CURRENT_SOURCE_DIR}/daemon/test_unit.py")
set_tests_properties(e2e_daemon_unit PROPERTIES SKIP_RETURN_CODE 77)
