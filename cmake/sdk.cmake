# The plugin SDK as installed: the header, a pkg-config file and a CMake
# package, all relocatable with the rest of the install.
include(CMakePackageConfigHelpers)

file(STRINGS "${PROJECT_SOURCE_DIR}/core/include/lector/plugin.h" abi_lines
  REGEX "#define LECTOR_ABI_M(AJ|IN)OR ")
foreach(line ${abi_lines})
  string(REGEX MATCH "LECTOR_ABI_M(AJ|IN)OR ([0-9]+)" _ "${line}")
  set(number ${CMAKE_MATCH_2})
  if(line MATCHES "MAJOR")
    set(LECTOR_ABI_MAJOR ${number})
  else()
    set(LECTOR_ABI_MINOR ${number})
  endif()
endforeach()

set(pc_dir "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
set(cmake_dir "${CMAKE_INSTALL_LIBDIR}/cmake/lector")
file(RELATIVE_PATH LECTOR_PC_TO_PREFIX "/prefix/${pc_dir}" "/prefix")
file(RELATIVE_PATH LECTOR_CMAKE_TO_PREFIX "/prefix/${cmake_dir}" "/prefix")
string(REGEX REPLACE "/$" "" LECTOR_PC_TO_PREFIX "${LECTOR_PC_TO_PREFIX}")

configure_file(cmake/lector-plugin.pc.in lector-plugin.pc @ONLY)
configure_file(cmake/lectorConfig.cmake.in lectorConfig.cmake @ONLY)
write_basic_package_version_file(lectorConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)

install(FILES "${CMAKE_BINARY_DIR}/lector-plugin.pc" DESTINATION "${pc_dir}")
install(FILES "${CMAKE_BINARY_DIR}/lectorConfig.cmake"
  "${CMAKE_BINARY_DIR}/lectorConfigVersion.cmake" DESTINATION "${cmake_dir}")
