# Sources of `lectord run` (the daemon): spool, watch, workers, signals.
set(LECTOR_DAEMON_SOURCES
  src/run_stub.c
)
