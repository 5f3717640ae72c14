# Sources of `lectord run` (the daemon): spool, watch, workers, signals.
set(LECTOR_DAEMON_SOURCES
  src/attempts.c
  src/cluster.c
  src/crash.c
  src/master.c
  src/metrics.c
  src/names.c
  src/notify.c
  src/pool.c
  src/proto.c
  src/pull.c
  src/recover.c
  src/run.c
  src/spool.c
  src/sync_round.c
  src/watch.c
  src/worker.c
)

# Running as a service: the unit, its system user and spool, the default
# configuration. Paths follow GNUInstallDirs; units go where systemd looks
# for the install prefix (/usr/local/lib/systemd/system for /usr/local).
set(LECTOR_BINDIR "${CMAKE_INSTALL_FULL_BINDIR}")
set(LECTOR_SYSCONFDIR "${CMAKE_INSTALL_FULL_SYSCONFDIR}")
configure_file("${PROJECT_SOURCE_DIR}/configs/lectord.service"
  "${CMAKE_CURRENT_BINARY_DIR}/lectord.service" @ONLY)
# Relative destinations: they follow the prefix given at install time.
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/lectord.service"
  DESTINATION lib/systemd/system)
# The system user (systemd-sysusers) and its spool (systemd-tmpfiles). The
# inbox is writable by the lector group: add the users who drop articles.
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/lector.sysusers"
  "u lector - \"lector article daemon\" /var/spool/lector\n")
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/lector.tmpfiles"
  "d /var/spool/lector         0755 lector lector -\n"
  "d /var/spool/lector/inbox   2775 lector lector -\n"
  "d /var/spool/lector/work    0750 lector lector -\n"
  "d /var/spool/lector/outbox  0755 lector lector -\n"
  "d /var/spool/lector/failed  0755 lector lector -\n"
  "d /var/spool/lector/done    0750 lector lector -\n")
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/lector.sysusers"
  DESTINATION lib/sysusers.d RENAME lector.conf)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/lector.tmpfiles"
  DESTINATION lib/tmpfiles.d RENAME lector.conf)
if(EXISTS "${PROJECT_SOURCE_DIR}/configs/lectord.json")
  install(FILES "${PROJECT_SOURCE_DIR}/configs/lectord.json"
    DESTINATION "${CMAKE_INSTALL_SYSCONFDIR}/lector")
endif()
# Installing for real (no DESTDIR) on a systemd machine: create the user
# and the spool now, so that `systemctl enable --now lectord` is all that
# is left. Packagers (DESTDIR set) leave this to their scripts.
install(CODE [[
  if("$ENV{DESTDIR}" STREQUAL "" AND CMAKE_INSTALL_PREFIX MATCHES "^/usr(/local)?$")
    find_program(SYSUSERS systemd-sysusers)
    find_program(TMPFILES systemd-tmpfiles)
    find_program(SYSTEMCTL systemctl)
    if(SYSUSERS AND TMPFILES)
      execute_process(COMMAND ${SYSUSERS} ${CMAKE_INSTALL_PREFIX}/lib/sysusers.d/lector.conf
        RESULT_VARIABLE rc1)
      execute_process(COMMAND ${TMPFILES} --create ${CMAKE_INSTALL_PREFIX}/lib/tmpfiles.d/lector.conf
        RESULT_VARIABLE rc2)
      message(STATUS "lector: user and spool: sysusers ${rc1}, tmpfiles ${rc2}")
    endif()
    if(SYSTEMCTL)
      execute_process(COMMAND ${SYSTEMCTL} daemon-reload
        RESULT_VARIABLE rc3 OUTPUT_QUIET ERROR_QUIET)
    endif()
  endif()
]])
