/*
 * A worker process: `lectord run --worker`, started by the master with the
 * protocol socket on fd 3. It loads the pipeline once, says hello, then
 * runs one article at a time until the master closes the socket.
 */
#ifndef LECTOR_WORKER_H
#define LECTOR_WORKER_H

#include "config.h"

#define WORKER_FD 3

/* Returns the exit status of the worker process. */
int worker_main(const struct config *cfg);

#endif
