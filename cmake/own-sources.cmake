# lector_check_own_sources()
#
# Fails the configure step when a target defined under plugins/NAME/
# compiles a source file from another plugin's folder. Code two plugins
# need goes to a static library under lib/, linked by both; a plugin's
# folder holds only its own idea.
#
# LECTOR_BORROWED_SOURCES lists the exceptions still to be moved, as
# "folder:path/relative/to/plugins"; each is a debt, not a licence.
set(LECTOR_BORROWED_SOURCES
  "json:text/date.c"    # the published-date parser, moving to lib/
)

function(_lector_check_dir dir)
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  file(RELATIVE_PATH own "${PROJECT_SOURCE_DIR}/plugins" "${dir}")
  string(REGEX REPLACE "/.*" "" own "${own}")
  foreach(target ${targets})
    get_target_property(sources ${target} SOURCES)
    if(NOT sources)
      continue()
    endif()
    foreach(src ${sources})
      if(src MATCHES "^\\$<")
        continue()
      endif()
      get_filename_component(path "${src}" ABSOLUTE BASE_DIR "${dir}")
      file(RELATIVE_PATH rel "${PROJECT_SOURCE_DIR}/plugins" "${path}")
      if(rel MATCHES "^\\.\\./" OR rel MATCHES "^${own}/")
        continue()
      endif()
      if("${own}:${rel}" IN_LIST LECTOR_BORROWED_SOURCES)
        continue()
      endif()
      message(FATAL_ERROR "${target} (plugins/${own}) compiles plugins/${rel}, "
        "another plugin's source: move the shared code to a library under lib/")
    endforeach()
  endforeach()
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(sub ${subdirs})
    _lector_check_dir("${sub}")
  endforeach()
endfunction()

function(lector_check_own_sources)
  get_property(subdirs DIRECTORY "${PROJECT_SOURCE_DIR}" PROPERTY SUBDIRECTORIES)
  foreach(sub ${subdirs})
    string(FIND "${sub}" "${PROJECT_SOURCE_DIR}/plugins/" at)
    if(at EQUAL 0)
      _lector_check_dir("${sub}")
    endif()
  endforeach()
endfunction()
